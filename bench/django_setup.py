"""Shared set-up for the Django 3.2 timing scripts: the sample blog's models.py as an installed app "blog",
on an in-memory SQLite database or on a real one (the benchmark's sample or large database)."""
import os
import re
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def setup(database=None):
    """database: None (in-memory SQLite), "sqlite:PATH", "postgresql:HOST:PORT:DB:USER:SCHEMA" or
    "mariadb:HOST:PORT:DB:USER" (Django's mysql backend through python3-mysqldb)."""
    # Django 3.2 has no GeneratedField: word_count becomes a plain IntegerField (the column exists either way)
    package = os.path.join(tempfile.mkdtemp(prefix="qss-bench-"), "blog")
    os.makedirs(package)
    with open(os.path.join(ROOT, "sample-db", "blog", "models.py"), encoding="utf-8") as fh:
        source = re.sub(r"models\.GeneratedField\(.*?\n    \)", "models.IntegerField()", fh.read(), flags=re.S)
    with open(os.path.join(package, "models.py"), "w", encoding="utf-8") as fh:
        fh.write(source)
    open(os.path.join(package, "__init__.py"), "w").close()
    sys.path.insert(0, os.path.dirname(package))
    import django
    from django.conf import settings
    settings.configure(INSTALLED_APPS=["blog"], USE_TZ=False, DATABASES={"default": _database(database)},
                       DEFAULT_AUTO_FIELD="django.db.models.AutoField")
    django.setup()


def setup_differential(app):
    """A differential app (differential/APP/models.py, as record.py installs it) on an in-memory SQLite database."""
    sys.path.insert(0, os.path.join(ROOT, "differential"))
    import django
    from django.conf import settings
    settings.configure(INSTALLED_APPS=[app], USE_TZ=False, TIME_ZONE="UTC", DATABASES={"default": _database(None)},
                       DEFAULT_AUTO_FIELD="django.db.models.AutoField")
    django.setup()


def _database(spec):
    if spec is None:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    kind, _, rest = spec.partition(":")
    if kind == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": rest}
    if kind == "mariadb":
        host, port, name, user = rest.split(":")
        return {"ENGINE": "django.db.backends.mysql", "HOST": host, "PORT": port, "NAME": name, "USER": user,
                "OPTIONS": {"charset": "utf8mb4", "init_command": "SET time_zone = '+00:00'"}}
    host, port, name, user, schema = rest.split(":")
    return {"ENGINE": "django.db.backends.postgresql", "HOST": host, "PORT": port, "NAME": name, "USER": user,
            "OPTIONS": {"options": "-c search_path=" + schema}}
