from django.db import models

from core.base import TimeStamped
from .category import Category


class Product(TimeStamped):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="products")
    brand = models.ForeignKey("Brand", on_delete=models.PROTECT)
    colour = ColourField(default="#000")
