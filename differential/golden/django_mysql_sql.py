#!/usr/bin/python3
"""Print the SQL and parameters Django 3.2's MySQL backend writes for the golden cases, to review the
MariaDB golden files (src/test/resources/golden/sql/*.mariadb.txt) against.

    /usr/bin/python3 differential/golden/django_mysql_sql.py [SLUG_SUBSTRING]

Reads each golden file's "-- expression", evaluates it on the sample blog models (sample-db/blog/models.py) with
the mysql backend on MariaDB at 127.0.0.1:3306 (database qss_golden, created fresh, empty tables), and prints
the statements Django sent (an execute wrapper records SQL and params) or, for a queryset that is not evaluated,
its compiler's as_sql(). Placeholders are printed as ? and %% as %, like the golden files.
"""
import glob
import os
import sys
from datetime import date, datetime, time, timedelta
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True

# Django 3.2 has no GeneratedField (5.0): the blog's word_count becomes a plain integer column, which is what the
# database shows a query of it anyway.
import re  # noqa: E402
import tempfile  # noqa: E402

APP_DIR = tempfile.mkdtemp(prefix="qss-golden-")
os.makedirs(os.path.join(APP_DIR, "blog"))
open(os.path.join(APP_DIR, "blog", "__init__.py"), "w").close()
models_text = open(os.path.join(ROOT, "sample-db", "blog", "models.py"), encoding="utf-8").read()
models_text = re.sub(r"models\.GeneratedField\(.*?\n    \)", "models.IntegerField(default=0)", models_text,
                     flags=re.S)
open(os.path.join(APP_DIR, "blog", "models.py"), "w", encoding="utf-8").write(models_text)
sys.path.insert(0, APP_DIR)

import MySQLdb  # noqa: E402

DB = "qss_golden"
conn = MySQLdb.connect(host="127.0.0.1", user="root", passwd="")
cur = conn.cursor()
cur.execute(f"DROP DATABASE IF EXISTS {DB}")
cur.execute(f"CREATE DATABASE {DB} CHARACTER SET utf8mb4")
conn.close()

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    INSTALLED_APPS=["blog"], USE_TZ=False, TIME_ZONE="UTC", DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    DATABASES={"default": {"ENGINE": "django.db.backends.mysql", "HOST": "127.0.0.1", "PORT": "3306",
                           "NAME": DB, "USER": "root", "PASSWORD": "", "OPTIONS": {"charset": "utf8mb4"}}})
django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db import models as m  # noqa: E402
from django.db.models import functions as fn  # noqa: E402
from django.db.models.query import QuerySet, RawQuerySet  # noqa: E402

with connection.schema_editor() as editor:
    for model in apps.get_app_config("blog").get_models():
        editor.create_model(model)

ns = {name: getattr(m, name) for name in dir(m) if not name.startswith("_")}
ns.update({name: getattr(fn, name) for name in dir(fn) if not name.startswith("_")})
ns.update({model.__name__: model for model in apps.get_app_config("blog").get_models()})
ns.update(date=date, datetime=datetime, time=time, timedelta=timedelta, Decimal=Decimal)


def placeholders(sql):
    return sql.replace("%s", "?").replace("%%", "%")


def show(sql, params):
    print(placeholders(sql))
    print(list(params))


wanted = sys.argv[1] if len(sys.argv) > 1 else ""
try:
    for path in sorted(glob.glob(os.path.join(ROOT, "src/test/resources/golden/sql/*.mariadb.txt"))
                       + glob.glob(os.path.join(ROOT, "src/test/resources/golden/sql-mariadb/*.mariadb.txt"))):
        if wanted not in os.path.basename(path):
            continue
        lines = open(path, encoding="utf-8").read().split("\n")
        expr = lines[lines.index("-- expression") + 1]
        print("=====", os.path.basename(path))
        print(expr)
        sent = []

        def wrapper(execute, sql, params, many, context):
            sent.append((sql, params))
            return execute(sql, params, many, context)

        try:
            with connection.execute_wrapper(wrapper), transaction.atomic():
                value = eval(expr, ns)
                if isinstance(value, QuerySet):
                    sql, params = value.query.get_compiler(using="default").as_sql()
                    sent.append((sql, params))
                elif isinstance(value, RawQuerySet):
                    sent.append((value.raw_query, value.params))
                transaction.set_rollback(True)
        except Exception as e:  # the error is Django's answer
            for sql, params in sent:
                show(sql, params)
            print("ERROR", type(e).__name__, e)
            continue
        for sql, params in sent:
            show(sql, params)
finally:
    connection.close()
    c = MySQLdb.connect(host="127.0.0.1", user="root", passwd="")
    c.cursor().execute(f"DROP DATABASE IF EXISTS {DB}")
    c.close()
