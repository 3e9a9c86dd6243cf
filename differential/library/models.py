"""The ``library`` app: a third differential schema, modelled on what Django's own tests check (queries,
aggregation, annotations, expressions, lookup, ordering, distinct_on_fields, defer, select_related).

What each relation covers:

  * ForeignKey to "self", nullable ..... Author.mentor (reverse: students)
  * nullable FK at the start of a
    multi-valued path ................. Book.publisher -> Publisher.books, Book.editor -> Author.edited_books
  * ManyToManyField, through= with
    its own fields .................... Book.authors (through Contribution: role, share)
  * ManyToManyField, auto through ..... Book.genres (reverse: books)
  * OneToOneField ..................... BookDetail.book (reverse: detail)
  * multi-table inheritance ........... Ebook(Book) with its book_ptr
  * rows with no related objects ...... authors without books, publishers without books, books without
                                        authors, genres without books, members without loans
  * NULLs ............................. Author.born/rating, Book.pages/price/published, Loan.returned/fine

It uses only literal arguments, because the Java side parses it as text.
"""
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=40)
    born = models.DateField(null=True, blank=True)
    rating = models.IntegerField(null=True, blank=True)
    country = models.CharField(max_length=20, null=True, blank=True)
    mentor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="students")

    class Meta:
        ordering = ["id"]


class Publisher(models.Model):
    name = models.CharField(max_length=40)
    founded = models.IntegerField(null=True, blank=True)
    city = models.CharField(max_length=30, null=True, blank=True)

    class Meta:
        ordering = ["name"]


class Genre(models.Model):
    name = models.CharField(max_length=30)

    class Meta:
        ordering = ["id"]


class Book(models.Model):
    title = models.CharField(max_length=60)
    pages = models.IntegerField(null=True, blank=True)
    price = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    published = models.DateField(null=True, blank=True)
    publisher = models.ForeignKey(Publisher, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="books")
    editor = models.ForeignKey(Author, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="edited_books")
    authors = models.ManyToManyField(Author, through="Contribution", related_name="books")
    genres = models.ManyToManyField(Genre, blank=True, related_name="books")

    class Meta:
        ordering = ["id"]


class Contribution(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="contributions")
    role = models.CharField(max_length=20)
    share = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]


class BookDetail(models.Model):
    book = models.OneToOneField(Book, on_delete=models.CASCADE, related_name="detail")
    isbn = models.CharField(max_length=20)
    notes = models.TextField(null=True, blank=True)


class Ebook(Book):
    file_mb = models.IntegerField(null=True, blank=True)
    drm = models.BooleanField(default=False)


class Member(models.Model):
    name = models.CharField(max_length=40)
    joined = models.DateField(null=True, blank=True)
    referrer = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="referrals")

    class Meta:
        ordering = ["id"]


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="loans")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, null=True, blank=True, related_name="loans")
    out = models.DateField()
    returned = models.DateField(null=True, blank=True)
    fine = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["id"]
