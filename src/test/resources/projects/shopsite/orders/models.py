from django.conf import settings
from django.db import models

from catalog.models import Product


class Order(models.Model):
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class Item(models.Model):
    order = models.ForeignKey("Order", on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    item = models.ForeignKey("store.Item", null=True, on_delete=models.SET_NULL)


class Place(models.Model):
    name = models.CharField(max_length=50)


class Shop(Place):
    opens = models.TimeField()
