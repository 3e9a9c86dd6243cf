from datetime import datetime

from django.db.models import Count, Max, Min

from blog.models import Comment


def aggregate_comments(author):
    return Comment.objects.filter(
        post__author__name=author,
        created_at__gte=datetime(2024, 1, 1, 0, 0, 0),
    ).aggregate(n=Count("id"), first=Min("created_at"), last=Max("created_at"))
