#!/usr/bin/python3
"""Times Django 3.2's own prefetch_related on a real database: the median milliseconds of evaluating
Post.objects.prefetch_related("tags") and reading every post's tags, to compare with the runner's stitch.

Usage: bench/django_prefetch_time.py DATABASE [REPEAT]
  DATABASE: sqlite:PATH, postgresql:HOST:PORT:DB:USER:SCHEMA or mariadb:HOST:PORT:DB:USER
Prints one JSON object: {"ms": median, "posts": n, "tags": total tags attached}.
"""
import json
import os
import statistics
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from django_setup import setup  # noqa: E402


def main():
    database = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    setup(database)
    from blog.models import Post

    def once():
        posts = list(Post.objects.prefetch_related("tags"))
        return len(posts), sum(len(p.tags.all()) for p in posts)

    posts, tags = once()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    print(json.dumps({"ms": round(statistics.median(times) * 1e3, 2), "posts": posts, "tags": tags}))


if __name__ == "__main__":
    main()
