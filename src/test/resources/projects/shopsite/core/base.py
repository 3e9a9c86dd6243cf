from django.conf import settings
from django.db import models


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="%(app_label)s_%(class)s_owned",
                              on_delete=models.CASCADE)

    class Meta:
        abstract = True
