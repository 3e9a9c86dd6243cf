from django.db.models import Prefetch

from blog.models import Comment, Post

(
    Post.objects.select_related("author__profile")
    .prefetch_related(
        "tags",
        Prefetch(
            "comments",
            queryset=Comment.objects.order_by("-created_at"),
            to_attr="recent_comments",
        ),
    )
    .filter(published_at__isnull=False)
    .order_by("-published_at")[:20]
)
