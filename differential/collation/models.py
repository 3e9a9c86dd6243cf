"""The ``collation`` app: text that tells the databases' comparison rules apart.

Django leaves comparing text to the database. SQLite and PostgreSQL compare bytes (case- and
accent-sensitive, trailing spaces significant); MariaDB's default utf8mb4_general_ci ignores case and
accents and, for ``=``, trailing spaces, while its ``LIKE BINARY`` (contains, startswith, endswith) does not.
Words differ only in case (Zoe/zoe/ZOE), accents (Zoë, Straße), trailing spaces ("zoe "), wildcards (50%_off)
and backslashes.

It uses only literal arguments, because the Java side parses it as text.
"""
from django.db import models


class Word(models.Model):
    text = models.CharField(max_length=40)
    note = models.CharField(max_length=40, null=True, blank=True)

    class Meta:
        ordering = ["id"]


class Tagged(models.Model):
    word = models.ForeignKey(Word, on_delete=models.CASCADE, related_name="tags")
    label = models.CharField(max_length=20)

    class Meta:
        ordering = ["id"]
