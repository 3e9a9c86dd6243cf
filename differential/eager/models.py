"""The ``eager`` app: terminals used as values inside another QuerySet.

``Invoice.objects.filter(total__gt=Invoice.objects.aggregate(a=Avg("total"))["a"])`` runs the aggregate at once,
while the outer QuerySet is built, and binds its value as a parameter: two queries, the inner one first. The
expressions here use count(), exists(), get(), first(), last(), earliest(), latest(), aggregate()[key], qs[n],
attributes of instances and list(...), in filters, Q, F arithmetic, annotate(Value(...)), subqueries and update().

It uses only literal arguments, because the Java side parses it as text.
"""
from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=40)
    credit = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["id"]


class Invoice(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="invoices")
    total = models.DecimalField(max_digits=8, decimal_places=2)
    issued = models.DateField()
    paid = models.BooleanField(default=False)
    status = models.CharField(max_length=10)

    class Meta:
        ordering = ["id"]
