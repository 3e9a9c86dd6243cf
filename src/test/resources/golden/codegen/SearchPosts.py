from django.db.models import Q

from blog.models import Post


def search_posts(query, author=None):
    filters = Q(title__icontains=query)
    if author is not None:
        filters &= Q(author=author)
    return Post.objects.filter(filters).order_by("-published_at")
