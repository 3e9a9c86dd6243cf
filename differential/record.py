#!/usr/bin/python3
"""Record Django 3.2's own answers for the QuerySet expressions in expressions.txt.

Run from anywhere with Debian's Django:  /usr/bin/python3 differential/record.py

With no arguments the script runs itself once per vendor in a child process
(``--vendor sqlite``, ``--vendor postgresql``, then ``--vendor mariadb``): Django's settings can be
configured only once per process and ``str(qs.query)`` always compiles for the
"default" alias, so each vendor gets a process whose default database is that
vendor.  Each child

  1. creates the tables of the ``shop`` app with schema_editor(collect_sql=True),
     writes the collected DDL to schema.<vendor>.sql and executes it;
  2. inserts deterministic data (random.Random(42), explicit ids) and dumps every
     table to fixture.json (written by the sqlite child; the postgresql child
     checks that its dump is identical);
  3. evaluates every expression with eval(), each inside a transaction that is
     rolled back, and writes one JSON line per expression to expected.<vendor>.jsonl.

Outputs go to src/test/resources/differential/.  See README.md beside this file.
"""
import argparse
import ast
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import unicodedata
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

sys.dont_write_bytecode = True  # keep differential/shop free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BASE_OUT_DIR = os.path.join(ROOT, "src", "test", "resources", "differential")
# The app recorded (--app). "shop" keeps its historical places (differential/expressions.txt, outputs directly
# in BASE_OUT_DIR); another app X reads differential/X/expressions.txt, builds its rows with
# differential/X/data.py's build_data() and writes to BASE_OUT_DIR/X/.
APP = "shop"
OUT_DIR = BASE_OUT_DIR
EXPRESSIONS_FILE = os.path.join(HERE, "expressions.txt")


def select_app(app):
    global APP, OUT_DIR, EXPRESSIONS_FILE, PG_SCHEMA, MARIADB_DB, MARIADB_COLLATION
    APP = app
    if app != "shop":
        PG_SCHEMA = f"qss_diff_{app}"  # its own schema: recording two apps at once must not collide
        MARIADB_DB = f"qss_diff_{app}"
        MARIADB_COLLATION = "utf8mb4_general_ci"
        OUT_DIR = os.path.join(BASE_OUT_DIR, app)
        EXPRESSIONS_FILE = os.path.join(HERE, app, "expressions.txt")
VENDORS = ("sqlite", "postgresql", "mariadb")

PG = {"HOST": "127.0.0.1", "PORT": "5432", "NAME": "test", "USER": "postgres"}
PG_SCHEMA = "qss_diff"
# MariaDB (Django's mysql backend through Debian's python3-mysqldb): a database of its own, created fresh with
# the server's default utf8mb4 collation (utf8mb4_general_ci: case- and accent-insensitive) and dropped after.
MARIADB = {"HOST": "127.0.0.1", "PORT": "3306", "USER": "root", "PASSWORD": ""}
MARIADB_DB = "qss_diff"
# shop's fixture holds names that differ only in case under unique constraints (Category "Alpha" / "alpha"),
# which the default utf8mb4_general_ci refuses as duplicates: shop is recorded with the binary collation, the
# other apps (club, collation) with the server's default, case- and accent-insensitive one.
MARIADB_COLLATION = "utf8mb4_bin"

# Calls whose result is "rows affected"; they run inside a rolled-back transaction
# like every other expression, and their output line is marked "write": true.
WRITE_CALLS = {"update", "delete"}


class RecorderError(Exception):
    """A bug or limitation of this recorder (never recorded as Django's answer)."""


# --------------------------------------------------------------------------
# JSON output
# --------------------------------------------------------------------------

def dumps(value):
    """Serialize already-converted values to JSON text.

    json.dumps cannot write a Decimal as an exact JSON number, hence this small
    writer.  Key order is kept as built, so output is deterministic.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RecorderError(f"non-finite float {value!r} has no JSON form")
        return repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise RecorderError(f"non-finite Decimal {value!r} has no JSON form")
        return format(value, "f")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(dumps(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(json.dumps(str(k), ensure_ascii=False) + ": " + dumps(v)
                               for k, v in value.items()) + "}"
    raise RecorderError(f"cannot serialize {type(value).__name__}: {value!r}")


def to_json(value):
    """Convert one Python value from Django to its JSON form (the eval contract)."""
    if value is None or isinstance(value, (bool, int, float, Decimal, str)):
        return value
    if isinstance(value, datetime):  # before date: datetime is a date subclass
        if value.tzinfo is not None:
            raise RecorderError(f"unexpected aware datetime {value!r} (USE_TZ=False)")
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        return text + (f".{value.microsecond:06d}" if value.microsecond else "")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        text = value.strftime("%H:%M:%S")
        return text + (f".{value.microsecond:06d}" if value.microsecond else "")
    if isinstance(value, timedelta):
        # total seconds; written as an integer when it is whole
        micros = (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds
        return micros // 1_000_000 if micros % 1_000_000 == 0 else micros / 1_000_000
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    raise RecorderError(f"no JSON form for {type(value).__name__}: {value!r}")


# --------------------------------------------------------------------------
# Django set-up (child process only)
# --------------------------------------------------------------------------

def configure(vendor, sqlite_path):
    import django
    from django.conf import settings

    if vendor == "sqlite":
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_path}
    elif vendor == "mariadb":
        # the session in UTC, as the Java side's connections are (TIME_ZONE='UTC', USE_TZ=False)
        db = {"ENGINE": "django.db.backends.mysql", "NAME": MARIADB_DB, **MARIADB,
              "OPTIONS": {"charset": "utf8mb4", "init_command": "SET time_zone = '+00:00'"}}
    else:
        db = {"ENGINE": "django.db.backends.postgresql", **PG,
              "OPTIONS": {"options": f"-c search_path={PG_SCHEMA}"}}
    sys.path.insert(0, HERE)  # makes the apps importable
    settings.configure(
        INSTALLED_APPS=[APP],
        DATABASES={"default": db},
        USE_TZ=False,
        TIME_ZONE="UTC",
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()
    from django.core import checks
    problems = [m for m in checks.run_checks() if m.level >= checks.WARNING]
    if problems:
        raise SystemExit("model check failed:\n" + "\n".join(map(str, problems)))


def pg_admin(sql):
    """Run one statement on the postgres database outside Django (schema set-up)."""
    import psycopg2
    conn = psycopg2.connect(host=PG["HOST"], port=PG["PORT"], dbname=PG["NAME"], user=PG["USER"])
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


def mariadb_admin(sql):
    """Run one statement on the MariaDB server outside Django (database set-up)."""
    import MySQLdb
    conn = MySQLdb.connect(host=MARIADB["HOST"], port=int(MARIADB["PORT"]), user=MARIADB["USER"],
                           passwd=MARIADB["PASSWORD"])
    try:
        conn.cursor().execute(sql)
    finally:
        conn.close()


def create_schema(vendor):
    """Collect the CREATE statements, write them to schema.<vendor>.sql, then run them."""
    from django.apps import apps
    from django.db import connection

    with connection.schema_editor(collect_sql=True) as editor:
        for model in apps.get_app_config(APP).get_models():
            editor.create_model(model)  # also creates auto-created M2M tables
    statements = []
    for stmt in editor.collected_sql:
        stmt = " ".join(stmt.split("\n")).strip()  # one statement per line
        statements.append(stmt if stmt.endswith(";") else stmt + ";")
    with open(os.path.join(OUT_DIR, f"schema.{vendor}.sql"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(statements) + "\n")
    with connection.cursor() as cursor:
        for stmt in statements:
            cursor.execute(stmt)


# --------------------------------------------------------------------------
# Deterministic data
# --------------------------------------------------------------------------

def build_data():
    """Return [(model, [instance, ...]), ...] in FK-safe insertion order."""
    if APP != "shop":
        import importlib
        return importlib.import_module(f"{APP}.data").build_data()
    from shop.models import Category, Customer, Profile, Tag, Product, Order, OrderLine, Review

    rng = random.Random(42)

    def rand_uuid():
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def rand_datetime(start, days, micro=False):
        return (datetime(*start) + timedelta(days=rng.randint(0, days), hours=rng.randint(0, 23),
                                             minutes=rng.randint(0, 59), seconds=rng.randint(0, 59),
                                             microseconds=rng.randint(1, 999999) if micro else 0))

    # ---- categories: a 3-level tree, mixed-case names, some without products
    cat_rows = [
        # id, name, slug, parent, position
        (1, "Electronics", "electronics", None, 1),
        (2, "Audio", "audio", 1, 1),
        (3, "audio accessories", "audio-accessories", 2, 2),
        (4, "Home", "home", None, 2),
        (5, "Kitchen", "kitchen", 4, 1),
        (6, "kitchen gadgets", "kitchen-gadgets", 5, 1),
        (7, "Garden", "garden", 4, 2),
        (8, "Alpha", "alpha", None, 3),
        (9, "alpha", "alpha-2", 8, 1),
        (10, "ALPHA beta", "alpha-beta", 9, 1),
        (11, "Books", "books", None, 4),          # no products at all
        (12, "Toys", "toys", None, -1),
    ]
    categories = [Category(id=i, name=n, slug=s, parent_id=p, position=pos)
                  for i, n, s, p, pos in cat_rows]

    # ---- customers: skewed, mixed case, accents (SQLite's case folding is ASCII-only)
    names = ["Alice Martin", "alice cooper", "ALICE Wong", "Bob Stone", "bob", "Carla Rossi",
             "Dario Bianchi", "Eve Adams", "Émile Zola", "émile durand", "Frank O'Neil",
             "Giulia Verdi", "Hana Sato", "Ivan Petrov", "Jack Black", "jack white", "Karl Marx",
             "Lina Alpha", "Marco Polo", "Nina Simone", "Oscar Wilde", "Paula Abdul",
             "Quentin Blake", "Rita Ora", "Sam Smith", "Tina Turner", "Uma Thurman", "Vera Wang",
             "Walt Whitman", "Zoe Saldana"]
    cities = ["Rome", "rome", "ROME", "Milan", "Paris", "paris", "Berlin", "New York", None, None]
    customers = []
    for i, name in enumerate(names, start=1):
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        local = "".join(ch for ch in ascii_name.lower() if ch.isalnum())
        email = f"{local}.{i}@example.com"
        if i % 7 == 0:
            email = email.upper()
        website = rng.choice([None, None, f"https://{local}.example.org/", f"http://www.{local}.net"])
        customers.append(Customer(
            id=i, name=name, email=email, city=rng.choice(cities), website=website,
            joined=date(2019, 1, 1) + timedelta(days=rng.randint(0, 1800)),
            loyalty_points=rng.choice([0, 0, rng.randint(1, 5000)]),
            is_vip=rng.random() < 0.3, external_id=rand_uuid(),
            referred_by_id=rng.randint(1, i - 1) if i > 4 and rng.random() < 0.4 else None))

    # ---- profiles (one-to-one) for ~2/3 of the customers
    pref_choices = [
        {"newsletter": True, "language": "en", "theme": {"dark": True}, "tags": ["eco", "sale"]},
        {"newsletter": False, "language": "it"},
        {"language": "EN", "theme": {"dark": False, "font": 12}},
        {},
        None,  # SQL NULL
        {"newsletter": True, "tags": []},
    ]
    profiles = []
    profile_owners = sorted(rng.sample(range(1, 31), 20))
    for pid, cid in enumerate(profile_owners, start=1):
        profiles.append(Profile(
            id=pid, customer_id=cid,
            bio=rng.choice(["", "Loves gadgets.", "loves COFFEE", "Gardener & cook", "Alpha tester"]),
            preferences=rng.choice(pref_choices),
            lifetime_views=rng.choice([0, rng.randint(1, 1000), rng.randint(3_000_000_000, 9_000_000_000)]),
            last_login=rand_datetime((2023, 1, 1), 364, micro=pid % 5 == 0) if rng.random() < 0.8 else None))

    # ---- tags: case variants of the same word, one unused tag
    tag_rows = [(1, "Sale", "red"), (2, "sale", "Red"), (3, "SALE items", None), (4, "eco", "green"),
                (5, "Eco-Friendly", "GREEN"), (6, "New", "blue"), (7, "gift", None),
                (8, "Premium", "gold"), (9, "Clearance", "red"), (10, "unused", None)]
    tags = [Tag(id=i, name=n, color=c) for i, n, c in tag_rows]

    # ---- products
    product_rows = [
        # name, category
        ("Alpha Widget", 8), ("alpha widget mini", 9), ("ALPHA beta kit", 10),
        ("Wireless Headphones", 2), ("Headphone Stand", 3), ("Bluetooth Speaker", 2),
        ("Noise Cancelling Earbuds", 2), ("USB-C Cable", 1), ("usb hub 100%", 1),
        ("Coffee Grinder", 5), ("coffee mug", 5), ("Chef Knife", 6), ("Café Press", 6),
        ("Espresso Cups (set of 4)", 5), ("Garden Hose", 7), ("garden gloves", 7),
        ("Solar Lamp", 7), ("Smart Plug", 1), ("Desk Organizer", 4), ("Under_score Tool", None),
        ("Beta Tester Pack", 10), ("Kitchen Scale", 6), ("Water Bottle", 4), ("Yoga Mat", None),
        ("Board Game", 12), ("Puzzle 1000", 12), ("Teddy Bear", 12), ("Discontinued Gadget", 1),
        ("Mystery Box", None), ("Gift Card", None),
    ]
    descriptions = ["", "", "Best seller.", "An alpha-grade product", "Contains 50% recycled material",
                    "limited EDITION", "Ships in 2-3 days"]
    warranties = [None, timedelta(days=365), timedelta(days=730), timedelta(days=90, hours=12),
                  timedelta(days=30)]
    products = []
    for i, (name, cat) in enumerate(product_rows, start=1):
        slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") + f"-{i}"
        products.append(Product(
            id=i, name=name, slug=slug, description=rng.choice(descriptions), category_id=cat,
            price=Decimal(rng.randint(199, 49999)) / 100,
            weight_kg=round(rng.uniform(0.05, 12.0), 3) if rng.random() < 0.85 else None,
            stock=rng.randint(-3, 150), active=i != 28 and rng.random() < 0.9,
            released=date(2018, 6, 1) + timedelta(days=rng.randint(0, 1900)) if rng.random() < 0.85 else None,
            warranty=rng.choice(warranties), sku=rand_uuid()))

    # ---- product <-> tag (auto-created through table); products 25.. get no tags
    ProductTag = Product.tags.through
    product_tags = []
    for p in products[:24]:
        for t in sorted(rng.sample(range(1, 10), rng.choice([0, 1, 1, 2, 3, 4]))):
            product_tags.append(ProductTag(id=len(product_tags) + 1, product_id=p.id, tag_id=t))

    # ---- orders: skewed towards a few customers; customers 23..30 never order
    cust_weights = [9, 7, 6, 5, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] + [0] * 8
    statuses = ["paid", "paid", "paid", "shipped", "shipped", "pending", "cancelled", "Paid", "PAID"]
    coupons = [None, None, None, None, "SPRING10", "spring10", "WELCOME", "vip-50%"]
    orders, lines = [], []
    used_times = set()
    # products 28..30 are never ordered; the first few products are ordered a lot
    prod_weights = [8, 6, 5, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]
    for oid in range(1, 41):
        placed = rand_datetime((2022, 1, 1), 729, micro=oid % 9 == 0)
        while placed in used_times:
            placed += timedelta(minutes=1)
        used_times.add(placed)
        status = rng.choice(statuses)
        shipped = placed.date() + timedelta(days=rng.randint(1, 10)) if status in ("shipped",) or (
            status.lower() == "paid" and rng.random() < 0.5) else None
        order = Order(
            id=oid, customer_id=rng.choices(range(1, 31), weights=cust_weights)[0], placed_at=placed,
            status=status, shipping_fee=rng.choice([0.0, 4.99, 9.5, 12.0]),
            coupon_code=rng.choice(coupons),
            delivery_slot=rng.choice([None, time(9, 0), time(14, 30), time(18, 45, 30)]),
            shipped_on=shipped, reference=10_000_000_000 + oid * 7919,
            note=rng.choice(["", "", "Leave at door", "leave AT DOOR", "Gift wrap please"]))
        total = Decimal("0")
        chosen = rng.choices(range(1, 31), weights=prod_weights, k=rng.randint(1, 4))
        if oid % 6 == 0:
            chosen.append(chosen[0])  # same product twice in one order (through table allows it)
        for pid in chosen:
            qty = rng.randint(1, 5)
            price = products[pid - 1].price
            if rng.random() < 0.25:
                price = (price * Decimal("0.9")).quantize(Decimal("0.01"))
            lines.append(OrderLine(id=len(lines) + 1, order_id=oid, product_id=pid, quantity=qty,
                                   unit_price=price,
                                   discount=rng.choice([None, None, 0.0, 0.05, 0.1, 0.25])))
            total += qty * price
        order.total = total
        orders.append(order)

    # ---- reviews: skewed products, some anonymous (NULL author)
    titles = ["Great", "great value", "GREAT!", "Terrible", "Not bad", "not BAD at all", "Alpha quality",
              "Broke after a week", "Five stars", "meh"]
    reviews = []
    review_times = set()
    for rid in range(1, 36):
        created = rand_datetime((2022, 3, 1), 650)
        while created in review_times:
            created += timedelta(seconds=1)
        review_times.add(created)
        reviews.append(Review(
            id=rid, product_id=rng.choices(range(1, 31), weights=prod_weights)[0],
            author_id=rng.randint(1, 25) if rng.random() < 0.85 else None,
            rating=rng.choice([1, 2, 3, 4, 4, 5, 5, 5]), title=rng.choice(titles),
            body=rng.choice(["", "Works as described.", "would buy again", "Arrived late."]),
            created=created, helpful=rng.choice([0, 0, rng.randint(1, 60)])))

    return [(Category, categories), (Customer, customers), (Profile, profiles), (Tag, tags),
            (Product, products), (ProductTag, product_tags), (Order, orders), (OrderLine, lines),
            (Review, reviews)]


def insert_data(vendor, data):
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():
        for model, rows in data:
            if model._meta.parents:  # a multi-table child: bulk_create refuses it; raw saves its own table only
                for row in rows:
                    row.save_base(raw=True, force_insert=True)
            else:
                model.objects.bulk_create(rows)
    if vendor == "postgresql":  # ids were explicit: move the sequences past them
        models = [m for m, _ in data if not m._meta.auto_created]
        with connection.cursor() as cursor:
            for stmt in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(stmt)


def dump_fixture(data):
    """Every table's rows in FK-safe order, values in JSON form (JSON field as text)."""
    from django.db.models import JSONField

    tables = []
    for model, _ in data:
        # a multi-table child's table holds its own fields (and the parent link); the parent's are its parent's
        fields = model._meta.local_concrete_fields
        rows = []
        for values in model.objects.order_by("pk").values_list(*[f.attname for f in fields]):
            row = []
            for field, value in zip(fields, values):
                if isinstance(field, JSONField):
                    value = None if value is None else json.dumps(value, sort_keys=True)
                row.append(to_json(value))
            rows.append(row)
        tables.append({"table": model._meta.db_table, "columns": [f.column for f in fields],
                       "rows": rows})
    return {"tables": tables}


def fixture_text(fixture):
    """fixture.json text: one table header and one row per line, for readable diffs."""
    parts = []
    for table in fixture["tables"]:
        rows = ",\n    ".join(dumps(row) for row in table["rows"])
        parts.append(f'  {{"table": {dumps(table["table"])}, "columns": {dumps(table["columns"])}, '
                     f'"rows": [\n    {rows}\n  ]}}')
    return '{"tables": [\n' + ",\n".join(parts) + "\n]}\n"


# --------------------------------------------------------------------------
# Result serialization (the product's eval contract)
# --------------------------------------------------------------------------

class Shape:
    """What to emit for the model instances of one result level.

    annotations: annotation names in annotate order.
    children:    relation name (or Prefetch to_attr) -> Shape of the related objects;
                 filled from select_related and prefetch_related lookups.
    select_all:  levels still to follow for select_related() without arguments
                 (Django follows non-null forward FKs, max_depth 5).
    """

    def __init__(self, annotations=(), select_all=0):
        self.annotations = list(annotations)
        self.children = {}
        self.select_all = select_all


def add_select_related(shape, requested):
    if requested is True:
        shape.select_all = 5
    elif requested:
        for name, sub in requested.items():
            add_select_related(shape.children.setdefault(name, Shape()), sub)


def add_prefetch(shape, lookup):
    from django.db.models import Prefetch

    if isinstance(lookup, str):
        lookup = Prefetch(lookup)
    node = shape
    for part in lookup.prefetch_to.split("__"):  # to_attr replaces the last part
        node = node.children.setdefault(part, Shape())
    if lookup.queryset is not None:
        apply_queryset(node, lookup.queryset)


def apply_queryset(shape, qs):
    shape.annotations = list(qs.query.annotation_select)
    add_select_related(shape, qs.query.select_related)
    for lookup in qs._prefetch_related_lookups:
        add_prefetch(shape, lookup)
    return shape


def related_value(obj, name, warnings):
    """The already-loaded related object(s) `name` of obj: list, instance or None."""
    from django.db.models.fields.related_descriptors import ReverseManyToOneDescriptor

    if name in obj.__dict__:  # Prefetch(..., to_attr=name)
        value = obj.__dict__[name]
        return list(value) if isinstance(value, (list, tuple)) else value
    descriptor = getattr(type(obj), name, None)
    if isinstance(descriptor, ReverseManyToOneDescriptor):  # also covers ManyToManyDescriptor
        qs = getattr(obj, name).all()
        if qs._result_cache is None:
            raise RecorderError(f"{name} was not prefetched")
        if not qs.ordered and len(qs._result_cache) > 1:
            warnings.add(f"prefetched {type(obj).__name__}.{name} is unordered")
        return list(qs)
    if name in obj._state.fields_cache:  # select_related / prefetched single object
        return obj._state.fields_cache[name]
    raise RecorderError(f"{type(obj).__name__}.{name} is not loaded")


def instance_json(obj, shape, warnings):
    out = {}
    deferred = obj.get_deferred_fields()
    for field in obj._meta.concrete_fields:
        if field.attname not in deferred:
            out[field.attname] = to_json(obj.__dict__[field.attname])
    for name in shape.annotations:
        out[name] = to_json(getattr(obj, name))
    children = dict(shape.children)
    if shape.select_all:
        for field in obj._meta.concrete_fields:
            if field.is_relation and not field.null:
                children.setdefault(field.name, Shape(select_all=shape.select_all - 1))
    for name, sub in children.items():
        value = related_value(obj, name, warnings)
        if value is None:
            out[name] = None
        elif isinstance(value, list):
            out[name] = [instance_json(v, sub, warnings) for v in value]
        else:
            out[name] = instance_json(value, sub, warnings)
    return out


def no_queries(execute, sql, params, many, context):
    raise RecorderError(f"unexpected query while serializing: {sql}")


def query_sql(qs):
    from django.core.exceptions import EmptyResultSet
    try:
        return str(qs.query)
    except EmptyResultSet:  # e.g. none() or pk__in=[]: Django runs no SQL at all
        return None


def canonical_sort(rows):
    """Unordered results are written in a canonical order (compare them as multisets)."""
    return sorted(rows, key=dumps)


def queryset_json(qs, warnings):
    from django.db import connection
    from django.db.models.query import (FlatValuesListIterable, ModelIterable,
                                        NamedValuesListIterable, ValuesIterable,
                                        ValuesListIterable)

    sql = query_sql(qs)
    rows = list(qs)  # runs the query and the prefetches
    it = qs._iterable_class
    with connection.execute_wrapper(no_queries):
        if issubclass(it, ModelIterable):
            shape = apply_queryset(Shape(), qs)
            result = [instance_json(o, shape, warnings) for o in rows]
        elif issubclass(it, ValuesIterable):
            result = [to_json(r) for r in rows]
        elif issubclass(it, NamedValuesListIterable):
            result = [dict(zip(r._fields, to_json(list(r)))) for r in rows]
        elif issubclass(it, FlatValuesListIterable):
            result = [to_json(v) for v in rows]
        elif issubclass(it, ValuesListIterable):
            result = [to_json(list(r)) for r in rows]
        else:
            raise RecorderError(f"unknown iterable class {it.__name__}")
    if not qs.ordered:
        result = canonical_sort(result)
    return result, qs.ordered, sql


def raw_json(raw, warnings):
    from django.db import connection

    sql = str(raw.query)
    rows = list(raw)
    _, _, extra_columns = raw.resolve_model_init_order()
    shape = Shape(annotations=[column for column, _ in extra_columns])
    with connection.execute_wrapper(no_queries):
        result = [instance_json(o, shape, warnings) for o in rows]
    ordered = "order by" in sql.lower()
    return (result if ordered else canonical_sort(result)), ordered, sql


def receiver_shape(tree, ns):
    """For x.get()/first()/.../x[n], the Shape of queryset x (annotations, relations)."""
    from django.db.models import Manager, QuerySet

    node = tree.body
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        receiver = node.func.value
    elif isinstance(node, ast.Subscript):
        receiver = node.value
    else:
        return Shape()
    qs = eval(compile(ast.Expression(receiver), "<receiver>", "eval"), ns)
    if isinstance(qs, Manager):
        qs = qs.all()
    return apply_queryset(Shape(), qs) if isinstance(qs, QuerySet) else Shape()


def records_queries():
    """Whether the app's data.py asks for "queries" (the number of statements Django ran) in each answer."""
    if APP == "shop":
        return False
    import importlib
    return getattr(importlib.import_module(f"{APP}.data"), "RECORD_QUERIES", False)


def evaluate(expr, ns, warnings):
    """Evaluate one expression; returns the dict written as its output line."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.db.models import Model, QuerySet
    from django.db.models.query import RawQuerySet

    tree = ast.parse(expr, mode="eval")
    call = tree.body.func.attr if (isinstance(tree.body, ast.Call)
                                   and isinstance(tree.body.func, ast.Attribute)) else None
    line = {"expr": expr}
    # Every expression runs in its own transaction that is always rolled back, so
    # update()/delete() leave the data identical for the following expressions.
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        try:
            value = eval(compile(tree, "<expr>", "eval"), ns)
            sql = None
            ordered = True
            if isinstance(value, QuerySet):
                result, ordered, sql = queryset_json(value, warnings)
            elif isinstance(value, RawQuerySet):
                result, ordered, sql = raw_json(value, warnings)
            elif isinstance(value, Model):
                shape = receiver_shape(tree, ns)
                with connection.execute_wrapper(no_queries):
                    result = instance_json(value, shape, warnings)
            elif call == "in_bulk" and isinstance(value, dict):
                # {key: instance}; Django's in_bulk query is unordered, so keys are written sorted
                shape = receiver_shape(tree, ns)
                with connection.execute_wrapper(no_queries):
                    result = {dumps(to_json(k)) if not isinstance(k, str) else k: instance_json(v, shape, warnings)
                              for k, v in sorted(value.items(), key=lambda kv: dumps(to_json(kv[0])))}
            elif call == "delete" and isinstance(value, tuple):
                result = value[0]  # rows deleted, cascades included
            else:
                result = to_json(value)
            line.update(result=result, ordered=ordered, sql=sql)
            if records_queries():  # the SAVEPOINT of the atomic block is not one of the expression's queries
                line["queries"] = sum(1 for q in captured.captured_queries if "SAVEPOINT" not in q["sql"])
        except RecorderError:
            raise
        except Exception as exc:  # recorded, not raised: errors are part of the spec
            args = exc.args
            if hasattr(exc, "messages"):  # ValidationError: str() would be a list repr
                message = " ".join(exc.messages)
            elif args and isinstance(args[0], str):
                # ProtectedError & co. carry the offending objects (an unordered set)
                # as a second argument; the message alone is deterministic.
                message = args[0]
            else:
                message = str(exc)
            line["error"] = {"kind": type(exc).__name__, "message": message}
        transaction.set_rollback(True)
    if call in WRITE_CALLS:
        line["write"] = True
    return line


def namespace():
    from django.apps import apps

    ns = {}
    exec("from django.db.models import *", ns)
    exec("from django.db.models.functions import *", ns)
    for model in apps.get_app_config(APP).get_models():
        ns[model.__name__] = model
    ns.update(date=date, datetime=datetime, time=time, timedelta=timedelta, Decimal=Decimal)
    return ns


def read_expressions():
    exprs = []
    with open(EXPRESSIONS_FILE, encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            ast.parse(text, mode="eval")  # fail early on a syntax error
            exprs.append(text)
    if len(set(exprs)) != len(exprs):
        dupes = sorted({e for e in exprs if exprs.count(e) > 1})
        raise SystemExit(f"duplicate expressions: {dupes}")
    return exprs


# --------------------------------------------------------------------------
# Drivers
# --------------------------------------------------------------------------

def run_vendor(vendor):
    os.makedirs(OUT_DIR, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="qss-diff-")
    sqlite_path = os.path.join(tmpdir, f"{APP}.sqlite3")
    if vendor == "postgresql":
        pg_admin(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE; CREATE SCHEMA {PG_SCHEMA}")
    if vendor == "mariadb":
        mariadb_admin(f"DROP DATABASE IF EXISTS {MARIADB_DB}")
        mariadb_admin(f"CREATE DATABASE {MARIADB_DB} CHARACTER SET utf8mb4 COLLATE {MARIADB_COLLATION}")
    try:
        configure(vendor, sqlite_path)
        from django.db import connections

        create_schema(vendor)
        data = build_data()
        insert_data(vendor, data)
        fixture = fixture_text(dump_fixture(data))
        fixture_path = os.path.join(OUT_DIR, "fixture.json")
        if vendor == "sqlite":
            with open(fixture_path, "w", encoding="utf-8") as fh:
                fh.write(fixture)
        else:
            with open(fixture_path, encoding="utf-8") as fh:
                if fh.read() != fixture:
                    raise SystemExit(f"{vendor} data differs from fixture.json (sqlite)")

        ns = namespace()
        warnings = set()
        lines = [evaluate(expr, ns, warnings) for expr in read_expressions()]
        with open(os.path.join(OUT_DIR, f"expected.{vendor}.jsonl"), "w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(dumps(line) + "\n")

        # The rolled-back writes must have left the data untouched.
        if fixture_text(dump_fixture(data)) != fixture:
            raise SystemExit(f"{vendor}: data changed while evaluating expressions")
        errors = {}
        for line in lines:
            if "error" in line:
                errors[line["error"]["kind"]] = errors.get(line["error"]["kind"], 0) + 1
        print(f"{vendor}: {len(lines)} expressions, {sum(errors.values())} errors {errors}")
        for warning in sorted(warnings):
            print(f"{vendor}: warning: {warning}")
        connections.close_all()
    finally:
        if vendor == "postgresql":
            pg_admin(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE")
        if vendor == "mariadb":
            mariadb_admin(f"DROP DATABASE IF EXISTS {MARIADB_DB}")
        if os.path.exists(sqlite_path):
            os.remove(sqlite_path)
        os.rmdir(tmpdir)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vendor", choices=VENDORS, help="record one vendor in this process")
    parser.add_argument("--app", default="shop", help="the app to record: shop (default), club, collation, library, forum or ledger")
    args = parser.parse_args()
    select_app(args.app)
    if args.vendor:
        run_vendor(args.vendor)
        return
    for vendor in VENDORS:  # sqlite first: it writes fixture.json
        subprocess.run([sys.executable, os.path.abspath(__file__), "--vendor", vendor, "--app", args.app],
                       check=True)


if __name__ == "__main__":
    main()
