from django.db.models import F

from blog.models import Post


def bump_views(year):
    return Post.objects.filter(published_at__year=year).update(view_count=F("view_count") + 1)
