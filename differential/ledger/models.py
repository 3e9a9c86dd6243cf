"""The ``ledger`` app: a differential schema aimed at the expression side of Django 3.2 (tests/aggregation,
aggregation_regress, annotations, expressions, expressions_case, expressions_window, db_functions, lookup).

What each column covers:

  * DecimalField with max_digits/decimal_places ... Account.balance (12, 2), Account.credit_limit (nullable),
                                                    Entry.amount (10, 2), Entry.fee (6, 3, nullable)
  * FloatField ........................ Account.rate, Entry.weight (nullable, negative and zero values)
  * BigIntegerField ................... Account.big (values past 2**31, negative)
  * PositiveSmallIntegerField ......... Account.level
  * BooleanField, nullable one ........ Account.active, Account.flagged (NULL too)
  * DurationField ..................... Entry.duration (nullable, zero)
  * Date, DateTime, Time .............. Account.opened/closed, Entry.value_date/posted/cutoff
  * UUIDField ......................... Account.token
  * Char/Text with NULL and '' ........ Account.code, Account.notes, Entry.memo
  * JSONField ......................... Account.meta (NULL, {}, nested)
  * ForeignKey, nullable FK, self FK .. Entry.account, Entry.category, Category.parent, Account.branch
  * ManyToManyField, auto through ..... Entry.tags (reverse: entries)
  * rows with no related objects ...... accounts without entries, branches without accounts, tags unused

It uses only literal arguments, because the Java side parses it as text.
"""
from django.db import models


class Branch(models.Model):
    name = models.CharField(max_length=30)
    city = models.CharField(max_length=30, null=True, blank=True)
    founded = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]


class Category(models.Model):
    name = models.CharField(max_length=30)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children")
    weight = models.IntegerField(default=0)

    class Meta:
        ordering = ["id"]


class Account(models.Model):
    name = models.CharField(max_length=40)
    code = models.CharField(max_length=10, null=True, blank=True)
    notes = models.TextField(null=True, blank=True)
    branch = models.ForeignKey(Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="accounts")
    opened = models.DateField()
    closed = models.DateField(null=True, blank=True)
    balance = models.DecimalField(max_digits=12, decimal_places=2)
    credit_limit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    rate = models.FloatField(null=True, blank=True)
    big = models.BigIntegerField()
    level = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)
    flagged = models.BooleanField(null=True, blank=True)
    token = models.UUIDField()
    meta = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["id"]


class Tag(models.Model):
    label = models.CharField(max_length=20)

    class Meta:
        ordering = ["id"]


class Entry(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="entries")
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="entries")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    fee = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    quantity = models.IntegerField()
    weight = models.FloatField(null=True, blank=True)
    value_date = models.DateField()
    posted = models.DateTimeField()
    cutoff = models.TimeField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)
    memo = models.CharField(max_length=40, null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="entries")

    class Meta:
        ordering = ["id"]
