from django.db.models import Count, OuterRef, Q, Subquery

from blog.models import Author, Post

Author.objects.annotate(
    post_count=Count("posts"),
    published_count=Count("posts", filter=Q(posts__published_at__isnull=False)),
    latest_post_title=Subquery(
        Post.objects.filter(author=OuterRef("pk")).order_by("-published_at").values("title")[:1],
    ),
).order_by("-post_count")
