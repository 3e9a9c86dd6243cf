#!/usr/bin/python3
"""Times Django 3.2 building and compiling QuerySets (median microseconds of one build + compile), to compare
with `queryset-studio compile --repeat N` on the same expressions.

Usage: bench/django_compile_time.py [N] [--app APP] < expressions.txt   (one QuerySet expression per line)
Without --app the expressions are on the sample blog; with it, on differential/APP's models (shop, club, ...).
Prints one JSON object per expression: {"expr", "us"}, or {"expr", "skip": reason} for a line that is not a
QuerySet Django can compile without a database (a terminal such as count() runs a query; an error is an error).
"""
import json
import os
import statistics
import sys
import time
from datetime import date, datetime, time as dtime, timedelta
from decimal import Decimal

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from django_setup import setup, setup_differential  # noqa: E402


def main():
    args = sys.argv[1:]
    app = None
    if "--app" in args:
        at = args.index("--app")
        app = args[at + 1]
        del args[at:at + 2]
    repeat = int(args[0]) if args else 2000
    if app is None:
        setup()
    else:
        setup_differential(app)
    from django.apps import apps
    from django.db import connection, models
    from django.db.models import QuerySet
    from django.db.models import functions
    namespace = {name: getattr(models, name) for name in dir(models) if not name.startswith("_")}
    namespace.update({name: getattr(functions, name) for name in dir(functions) if not name.startswith("_")})
    for model in apps.get_app_config(app or "blog").get_models():
        namespace[model.__name__] = model
    namespace.update(date=date, datetime=datetime, time=dtime, timedelta=timedelta, Decimal=Decimal)
    for line in sys.stdin:
        expr = line.strip()
        if not expr or expr.startswith("#"):
            continue
        code = compile(expr, "<expr>", "eval")

        def once():
            qs = eval(code, namespace)
            qs.query.get_compiler(connection=connection).as_sql()

        try:
            if not isinstance(eval(code, namespace), QuerySet):
                print(json.dumps({"expr": expr, "skip": "not a QuerySet"}), flush=True)
                continue
            once()
        except Exception as exc:  # an expression Django refuses (or that needs a database) is not timed
            print(json.dumps({"expr": expr, "skip": type(exc).__name__}), flush=True)
            continue
        for _ in range(repeat // 4):
            once()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            once()
            times.append(time.perf_counter() - start)
        print(json.dumps({"expr": expr, "us": round(statistics.median(times) * 1e6, 1)}), flush=True)


if __name__ == "__main__":
    main()
