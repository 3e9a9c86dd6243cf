#!/usr/bin/python3
"""Times Django 3.2 building and compiling QuerySets (median microseconds of one build + compile), to compare
with `queryset-studio compile --repeat N` on the same expressions.

Usage: bench/django_compile_time.py [N] < expressions.txt   (one QuerySet expression per line)
Prints one JSON object per expression: {"expr", "us"}.
"""
import json
import os
import statistics
import sys
import time
from datetime import date, datetime

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from django_setup import setup  # noqa: E402


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    setup()
    from django.db import connection, models
    from django.db.models import functions
    import blog.models as blog
    namespace = {name: getattr(models, name) for name in dir(models) if not name.startswith("_")}
    namespace.update({name: getattr(functions, name) for name in dir(functions) if not name.startswith("_")})
    namespace.update({name: getattr(blog, name) for name in dir(blog) if not name.startswith("_")})
    namespace.update(date=date, datetime=datetime)
    for line in sys.stdin:
        expr = line.strip()
        if not expr or expr.startswith("#"):
            continue
        code = compile(expr, "<expr>", "eval")

        def once():
            qs = eval(code, namespace)
            qs.query.get_compiler(connection=connection).as_sql()

        for _ in range(repeat // 4):
            once()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            once()
            times.append(time.perf_counter() - start)
        print(json.dumps({"expr": expr, "us": round(statistics.median(times) * 1e6, 1)}))


if __name__ == "__main__":
    main()
