"""The ``club`` app: a second differential schema aimed at Django 3.2's exclude, GROUP BY and DISTINCT rules.

What each relation covers:

  * ForeignKey to "self", nullable ..... Person.mentor (reverse: mentees)
  * nullable FK at the start of a
    multi-valued path ................. Person.home -> City.clubs, Club.city -> City.residents
  * ManyToManyField, through= with
    its own fields .................... Club.members (through Membership: role, since, fee)
  * ManyToManyField, auto through ..... Event.attendees (reverse: events)
  * rows with no related objects ...... cities without clubs, people without memberships,
                                        clubs without events, events without attendees

It uses only literal arguments, because the Java side parses it as text.
"""
from django.db import models


class City(models.Model):
    name = models.CharField(max_length=40)

    class Meta:
        ordering = ["id"]


class Person(models.Model):
    name = models.CharField(max_length=40)
    age = models.IntegerField(null=True, blank=True)
    mentor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="mentees")
    home = models.ForeignKey(City, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="residents")

    class Meta:
        ordering = ["id"]


class Club(models.Model):
    name = models.CharField(max_length=40)
    city = models.ForeignKey(City, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="clubs")
    members = models.ManyToManyField(Person, through="Membership", related_name="clubs")

    class Meta:
        ordering = ["id"]


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20)
    since = models.DateField()
    fee = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]


class Event(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="events")
    title = models.CharField(max_length=60)
    day = models.DateField()
    attendees = models.ManyToManyField(Person, blank=True, related_name="events")

    class Meta:
        ordering = ["id"]
