"""The ``forum`` app: a fifth differential schema, aimed at the query side of Django 3.2 (tests/queries,
null_fk, null_queries, many_to_one_null, one_to_one, model_inheritance, m2m_through, m2m_recursive,
select_related, prefetch_related, defer, ordering).

What each model or field covers:

  * abstract base with Meta.ordering ... Named (Board, Member, Tag inherit ordering = ["name", "id"])
  * multi-table inheritance, two levels  Thread <- Announcement <- Poll (both inherit Thread's ordering and
                                         get_latest_by)
  * Meta.ordering across a relation .... Thread: "-board__name"; Post: "author__name" (a nullable FK)
  * get_latest_by ...................... Thread ("created"), Post (["posted", "id"])
  * OneToOne as primary key ............ Profile.member (reverse: profile)
  * FK with to_field= and db_column= ... Profile.home_board -> Board.slug, column home_slug
  * self M2M, symmetrical and not ...... Member.friends, Member.follows (reverse: followers)
  * two FKs to the same model .......... Thread.author / Thread.closed_by, Moderation.moderator / appointed_by
  * nullable FK chains ................. Post.reply_to -> Post.author -> Member.invited_by;
                                         Profile.home_board -> Board.parent -> Board.parent
  * through model with two FKs to the
    same model (through_fields=) ....... Board.moderators through Moderation (moderator, appointed_by)
  * unique_together .................... Moderation (board, moderator), Reaction (post, member)
  * BooleanField / nullable boolean .... Board.is_open, Thread.pinned; Member.verified, Thread.solved
  * rows with no related objects ...... a board without threads, members without posts or profile,
                                         threads without posts, tags on no post
  * NULLs .............................. in text, number, date, datetime, boolean and FK columns

It uses only literal arguments, because the Java side parses it as text.
"""
from django.db import models


class Named(models.Model):
    name = models.CharField(max_length=40)

    class Meta:
        abstract = True
        ordering = ["name", "id"]


class Board(Named):
    slug = models.CharField(max_length=20, unique=True)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children")
    is_open = models.BooleanField(default=True)
    rank = models.IntegerField(null=True, blank=True)
    moderators = models.ManyToManyField("Member", through="Moderation", through_fields=("board", "moderator"),
                                        related_name="moderated_boards")


class Member(Named):
    handle = models.CharField(max_length=20, unique=True)
    email = models.CharField(max_length=40, null=True, blank=True)
    joined = models.DateField(null=True, blank=True)
    verified = models.BooleanField(null=True)
    invited_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="invitees")
    friends = models.ManyToManyField("self", blank=True)
    follows = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="followers")


class Tag(Named):
    color = models.CharField(max_length=10, null=True, blank=True)


class Profile(models.Model):
    member = models.OneToOneField(Member, on_delete=models.CASCADE, primary_key=True, related_name="profile")
    bio = models.TextField(null=True, blank=True)
    karma = models.IntegerField(null=True, blank=True)
    home_board = models.ForeignKey(Board, on_delete=models.SET_NULL, null=True, blank=True, to_field="slug",
                                   db_column="home_slug", related_name="homed_profiles")


class Thread(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=60)
    author = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="threads_started")
    closed_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="threads_closed")
    created = models.DateTimeField()
    pinned = models.BooleanField(default=False)
    solved = models.BooleanField(null=True)
    score = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-board__name", "title", "id"]
        get_latest_by = "created"


class Announcement(Thread):
    expires = models.DateField(null=True, blank=True)
    level = models.IntegerField(default=1)


class Poll(Announcement):
    question = models.CharField(max_length=60)
    closes = models.DateTimeField(null=True, blank=True)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts")
    reply_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies")
    body = models.CharField(max_length=80)
    posted = models.DateTimeField()
    edited = models.DateTimeField(null=True, blank=True)
    votes = models.IntegerField(default=0)
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")

    class Meta:
        ordering = ["author__name", "id"]
        get_latest_by = ["posted", "id"]


class Moderation(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="moderations")
    moderator = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="moderations")
    appointed_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="appointments")
    since = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        unique_together = [("board", "moderator")]


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=10)
    weight = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        unique_together = [("post", "member")]
