"""Gapless numbers: the next value of a named counter, inside the caller's transaction.

The counter row is created if missing (an insert that ignores a concurrent twin), then locked
with SELECT … FOR UPDATE and incremented. A second transaction asking for the same counter waits
for the first to commit or roll back; a rollback returns the number, so the sequence has no gaps.
SQLite serialises writers anyway (BEGIN IMMEDIATE).
"""

from django.db import transaction
from django.db.models import F

from labshare.core.models import Counter


def next_value(key: str) -> int:
    """Take the next number of the counter `key` (1 for a new one). Call inside atomic()."""
    return next_values(key, 1)[0]


def next_values(key: str, count: int) -> range:
    """Take the next `count` numbers of the counter at once (a run numbering many documents)."""
    if count < 1:
        raise ValueError("Take at least one number.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A gapless number is taken inside the transaction that uses it.")
    Counter.objects.bulk_create([Counter(key=key, value=0)], ignore_conflicts=True)
    Counter.objects.select_for_update().filter(key=key).update(value=F("value") + count)
    last = Counter.objects.values_list("value", flat=True).get(key=key)
    return range(last - count + 1, last + 1)
