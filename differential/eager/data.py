"""Deterministic rows for the eager app (explicit ids, no randomness)."""
from datetime import date
from decimal import Decimal

# record.py adds "queries" (how many statements Django ran) to each answer of this app: the evaluated terminal
# runs first, as a query of its own.
RECORD_QUERIES = True


def build_data():
    from eager.models import Customer, Invoice

    names = ["Ada", "Bo", "Cy", "Di", "Alf"]
    customers = [Customer(id=i, name=n, credit=Decimal(50 * i) + Decimal("0.25")) for i, n in enumerate(names, 1)]
    invoices = []
    for i in range(1, 13):
        invoices.append(Invoice(id=i, customer_id=(i * 7) % 4 + 1, total=Decimal(i * 37 % 101) + Decimal("0.50"),
                                issued=date(2024, 1 + i % 6, 1 + (i * 5) % 27), paid=i % 3 == 0,
                                status="open" if i % 2 else "closed"))
    return [(Customer, customers), (Invoice, invoices)]
