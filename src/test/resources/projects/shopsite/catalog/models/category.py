from django.db import models

from core.base import TimeStamped


class Category(TimeStamped):
    name = models.CharField(max_length=50)


class Brand(models.Model):
    name = models.CharField(max_length=50)


class Item(models.Model):
    label = models.CharField(max_length=20)
