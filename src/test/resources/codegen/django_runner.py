#!/usr/bin/python3
"""Runs exported Django snippets against the sample blog and prints their results as the eval contract's JSON.

Usage: django_runner.py MODELS_PY SQLITE_FILE < items.jsonl

Django is configured in this process with the models of MODELS_PY as the app "blog" (Django 3.2 has no
GeneratedField: the runner gives word_count a plain IntegerField, the column is the database's). Each stdin line
is {"id": ..., "code": "<snippet>", "args": {...} or null}: the snippet runs in a fresh namespace, then either
its last expression is the result or, with "args", the function it defines is called with them (a value
{"datetime": "..."} is a datetime). Every item runs in a transaction that is rolled back, so writes leave the
data as it was. Each output line is {"id", "result", "ordered"} or {"id", "error": {"kind", "message"}}.
"""
import ast
import json
import os
import re
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

sys.dont_write_bytecode = True


def setup(models_py, sqlite_file):
    package = os.path.join(tempfile.mkdtemp(prefix="qss-django-"), "blog")
    os.makedirs(package)
    with open(models_py, encoding="utf-8") as fh:
        source = fh.read()
    source = re.sub(r"models\.GeneratedField\(.*?\n    \)", "models.IntegerField()", source, flags=re.S)
    with open(os.path.join(package, "models.py"), "w", encoding="utf-8") as fh:
        fh.write(source)
    open(os.path.join(package, "__init__.py"), "w").close()
    sys.path.insert(0, os.path.dirname(package))

    import django
    from django.conf import settings
    settings.configure(
        INSTALLED_APPS=["blog"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_file}},
        USE_TZ=False,
        TIME_ZONE="UTC",
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


# ---------------------------------------------------------------- the eval contract's JSON

def to_json(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        return text + (f".{value.microsecond:06d}" if value.microsecond else "")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        text = value.strftime("%H:%M:%S")
        return text + (f".{value.microsecond:06d}" if value.microsecond else "")
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return str(value)


class Shape:
    """What to write of the instances of one level: annotations, and related levels by name."""

    def __init__(self):
        self.annotations = []
        self.children = {}


def shape_of(qs, shape=None):
    from django.db.models import Prefetch

    shape = shape or Shape()
    shape.annotations = list(qs.query.annotation_select)

    def add_select_related(node, requested):
        if isinstance(requested, dict):
            for name, sub in requested.items():
                add_select_related(node.children.setdefault(name, Shape()), sub)

    add_select_related(shape, qs.query.select_related)
    for lookup in qs._prefetch_related_lookups:
        lookup = Prefetch(lookup) if isinstance(lookup, str) else lookup
        node = shape
        for part in lookup.prefetch_to.split("__"):
            node = node.children.setdefault(part, Shape())
        if lookup.queryset is not None:
            shape_of(lookup.queryset, node)
    return shape


def related(obj, name):
    from django.db.models.fields.related_descriptors import ReverseManyToOneDescriptor

    if name in obj.__dict__:  # Prefetch(..., to_attr=name)
        return list(obj.__dict__[name])
    if isinstance(getattr(type(obj), name, None), ReverseManyToOneDescriptor):
        return list(getattr(obj, name).all())
    return obj._state.fields_cache.get(name)


def instance_json(obj, shape):
    out = {}
    deferred = obj.get_deferred_fields()
    for field in obj._meta.concrete_fields:
        if field.attname not in deferred:
            out[field.attname] = to_json(obj.__dict__[field.attname])
    for name in shape.annotations:
        out[name] = to_json(getattr(obj, name))
    for name, sub in shape.children.items():
        value = related(obj, name)
        if value is None:
            out[name] = None
        elif isinstance(value, list):
            out[name] = [instance_json(v, sub) for v in value]
        else:
            out[name] = instance_json(value, sub)
    return out


def result_json(value, receiver):
    from django.db.models import Model, QuerySet
    from django.db.models.query import (FlatValuesListIterable, ModelIterable, NamedValuesListIterable,
                                        ValuesIterable, RawQuerySet)

    if isinstance(value, QuerySet):
        rows = list(value)
        it = value._iterable_class
        if issubclass(it, ModelIterable):
            shape = shape_of(value)
            return [instance_json(o, shape) for o in rows], value.ordered
        if issubclass(it, NamedValuesListIterable):
            return [dict(zip(r._fields, to_json(list(r)))) for r in rows], value.ordered
        if issubclass(it, (ValuesIterable, FlatValuesListIterable)):
            return [to_json(r) for r in rows], value.ordered
        return [to_json(list(r)) for r in rows], value.ordered
    if isinstance(value, RawQuerySet):
        rows = list(value)
        extra = [column for column, _ in value.resolve_model_init_order()[2]]
        shape = Shape()
        shape.annotations = extra
        return [instance_json(o, shape) for o in rows], "order by" in str(value.query).lower()
    if isinstance(value, Model):
        return instance_json(value, shape_of(receiver) if receiver is not None else Shape()), True
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        return value[0], True  # delete(): rows deleted, cascades included
    return to_json(value), True


# ---------------------------------------------------------------- running snippets

def argument(value):
    if isinstance(value, dict) and "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    return value


def run(item):
    from django.db import transaction
    from django.db.models import QuerySet

    tree = ast.parse(item["code"])
    namespace = {"__name__": "snippet"}
    receiver = None
    with transaction.atomic():
        try:
            if item.get("args") is None:
                last = tree.body.pop()
                exec(compile(tree, "<snippet>", "exec"), namespace)
                expr = last.value
                value = eval(compile(ast.Expression(expr), "<snippet>", "eval"), namespace)
                if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
                    candidate = eval(compile(ast.Expression(expr.func.value), "<snippet>", "eval"), namespace)
                    receiver = candidate.all() if hasattr(candidate, "all") else candidate
                    receiver = receiver if isinstance(receiver, QuerySet) else None
            else:
                exec(compile(tree, "<snippet>", "exec"), namespace)
                function = next(n.name for n in tree.body if isinstance(n, ast.FunctionDef))
                args = {k: argument(v) for k, v in item["args"].items()}
                value = namespace[function](**args)
            result, ordered = result_json(value, receiver)
            line = {"id": item["id"], "result": result, "ordered": ordered}
        except Exception as exc:  # an error is an answer too
            line = {"id": item["id"], "error": {"kind": type(exc).__name__, "message": str(exc)}}
        transaction.set_rollback(True)
    return line


def main():
    setup(sys.argv[1], sys.argv[2])
    for text in sys.stdin:
        if text.strip():
            print(json.dumps(run(json.loads(text)), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
