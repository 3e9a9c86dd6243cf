"""Deterministic rows for the ledger app (random.Random(7), explicit ids): negative, zero and NULL values in
every number column, '' and NULL in text columns, datetimes with and without microseconds, zero and negative
durations, accounts with no entries, a branch with no accounts, a tag never used, entries with no category."""
import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal


def build_data():
    from ledger.models import Branch, Category, Account, Tag, Entry

    rng = random.Random(7)
    branches = [Branch(id=i, name=n, city=c, founded=f) for i, (n, c, f) in enumerate(
        [("North", "Oslo", date(1999, 3, 14)), ("South", None, date(2004, 12, 31)), ("East", "Rome", None),
         ("West", "oslo", date(2016, 2, 29)), ("Idle", "Paris", date(2020, 1, 1))], start=1)]  # Idle: no accounts
    categories = [Category(id=i, name=n, parent_id=p, weight=w) for i, (n, p, w) in enumerate(
        [("Income", None, 3), ("Salary", 1, 2), ("Bonus", 1, 0), ("Expense", None, -1), ("Food", 4, 5),
         ("Rent", 4, 5), ("Misc", None, 0)], start=1)]
    metas = [None, {}, {"tier": "gold", "limits": {"daily": 500}}, {"tier": "silver", "tags": ["a", "b"]},
             {"tier": None}, {"score": 7}]
    names = ["Alpha", "bravo", "Charlie", "delta", "Echo", "Foxtrot", "golf", "Hotel", "India", "Juliet",
             "kilo", "Lima"]
    accounts = []
    for aid, name in enumerate(names, start=1):
        opened = date(2015, 1, 1) + timedelta(days=rng.randint(0, 2900))
        accounts.append(Account(
            id=aid, name=name,
            code=rng.choice([None, "", f"AC{aid:02d}", f"ac{aid:02d}x"]),
            notes=rng.choice([None, "", "VIP customer", "late payer", "Late Payer again", "50% off"]),
            branch_id=rng.choice([None, 1, 1, 2, 3, 4]),
            opened=opened,
            closed=opened + timedelta(days=rng.randint(30, 900)) if rng.random() < 0.35 else None,
            balance=Decimal(rng.randint(-1500000, 2000000)) / 100 if aid != 5 else Decimal("0.00"),
            credit_limit=rng.choice([None, Decimal("0.00"), Decimal("1000.00"), Decimal("2500.50")]),
            rate=rng.choice([None, 0.0, -0.25, 1.5, 2.75, 3.125]),
            big=rng.choice([0, -1, 2 ** 31 + rng.randint(0, 999), -(2 ** 33) - rng.randint(0, 99), 12345]),
            level=rng.randint(0, 9),
            active=rng.random() < 0.7,
            flagged=rng.choice([None, True, False]),
            token=uuid.UUID(int=rng.getrandbits(128), version=4),
            meta=rng.choice(metas)))
    tags = [Tag(id=i, label=n) for i, n in enumerate(["urgent", "Recurring", "tax", "review", "unused"], start=1)]
    memos = [None, "", "coffee", "Coffee beans", "rent March", "REFUND", "salary 100%", "o'clock", "under_score"]
    entries = []
    for eid in range(1, 41):
        account_id = rng.randint(1, 9)  # accounts 10..12 have no entries
        micro = rng.randint(1, 999999) if eid % 6 == 0 else 0
        posted = datetime(2023, 1, 1) + timedelta(days=rng.randint(0, 500), hours=rng.randint(0, 23),
                                                  minutes=rng.randint(0, 59), seconds=rng.randint(0, 59),
                                                  microseconds=micro)
        entries.append(Entry(
            id=eid, account_id=account_id, category_id=rng.choice([None, 2, 2, 3, 5, 5, 6, 7]),
            amount=Decimal(rng.randint(-90000, 150000)) / 100 if eid != 9 else Decimal("0.00"),
            fee=rng.choice([None, Decimal("0.000"), Decimal("1.250"), Decimal("0.125"), Decimal("12.500")]),
            quantity=rng.randint(-3, 12),
            weight=rng.choice([None, 0.0, 0.5, -1.75, 2.0, 10.125]),
            value_date=posted.date() - timedelta(days=rng.randint(0, 3)),
            posted=posted,
            cutoff=rng.choice([None, time(0, 0), time(9, 30), time(17, 45, 15), time(23, 59, 59)]),
            duration=rng.choice([None, timedelta(0), timedelta(hours=2), timedelta(days=1, minutes=30),
                                 timedelta(days=-1), timedelta(seconds=90, microseconds=500000)]),
            memo=rng.choice(memos)))
    through = Entry.tags.through
    entry_tags = []
    for entry in entries:
        if entry.id % 4 == 0:
            continue  # every fourth entry has no tags
        for tag_id in sorted(rng.sample(range(1, 5), rng.randint(1, 2))):
            entry_tags.append(through(id=len(entry_tags) + 1, entry_id=entry.id, tag_id=tag_id))
    return [(Branch, branches), (Category, categories), (Account, accounts), (Tag, tags), (Entry, entries),
            (through, entry_tags)]
