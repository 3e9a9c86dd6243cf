"""The sample blog of QuerySet Studio: the models the "Advanced ORM" tutorial uses.

The app label is `blog` (this folder's name), so tables are blog_author, blog_post, blog_post_tags, ...
"""
from django.db import models
from django.db.models import Value
from django.db.models.functions import Length, Replace


class Author(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Profile(models.Model):
    author = models.OneToOneField(Author, on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField()
    website = models.URLField(null=True, blank=True)


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    def __str__(self):
        return self.name


class Post(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    body = models.TextField()
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="posts")
    tags = models.ManyToManyField(Tag, related_name="posts", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()
    view_count = models.IntegerField(default=0)
    # Computed by the database on every insert/update (Django 5.0+), queryable like any field:
    # the number of words, i.e. the number of spaces + 1 (bodies are single-space separated).
    word_count = models.GeneratedField(
        expression=Length("body") - Length(Replace("body", Value(" "), Value(""))) + 1,
        output_field=models.IntegerField(),
        db_persist=True,
    )

    def __str__(self):
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(max_length=100)
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at"]
