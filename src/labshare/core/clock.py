"""The current time, in one place, so tests and the demo's replayed history can set it."""

import contextlib
from collections.abc import Iterator
from datetime import datetime

from django.utils import timezone

_frozen: list[datetime] = []


def now() -> datetime:
    return _frozen[-1] if _frozen else timezone.now()


def today():
    """Today's date in the platform's time zone (not UTC's)."""
    return timezone.localtime(now()).date()


@contextlib.contextmanager
def frozen(moment: datetime) -> Iterator[None]:
    """Within the block, now() is moment (used to replay history through the real services)."""
    _frozen.append(moment)
    try:
        yield
    finally:
        _frozen.pop()


def wall() -> datetime:
    """The real time, never frozen: only for comparing with the stamps Django itself writes
    (auto_now, auto_now_add), which are wall time even while now() is frozen."""
    return timezone.now()
