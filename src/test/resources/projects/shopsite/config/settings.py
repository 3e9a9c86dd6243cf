INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "accounts", "catalog", "orders"]

AUTH_USER_MODEL = "accounts.User"
