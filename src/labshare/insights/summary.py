"""The monthly summary (models/summary.py), written by `labshare tick` and read by monthly.py.

A dashboard over a year at national scale would read millions of usage records and
reservations; the summary has one row per instrument and month instead. Exact, not approximate:

- Months written: every closed month (before the current one by core.clock) from the first
  record on, that has no summary or whose records changed after its summary's covers_until.
- Changed records are found by their stamps: usage records and charges are written once
  (corrected by new rows), and every change of a reservation stamps updated_at; each stamp is
  indexed, so finding what changed reads only the rows written since.
- The stamps are wall time (Django writes them), so covers_until is too: the wall time the
  month was written, less SETTLE for transactions open then (their records carry an earlier
  stamp but were not yet visible).
- A month found unchanged has its covers_until moved up to the tick, so finding what changed
  reads only the records written since the last tick, not since the month was first written.
- monthly.py reads a month from here only while none of its records changed since; else it
  computes that month from the records, like the current month.

Each month is written in one transaction from definitions.py's own queries, so a summarised
month shows exactly what the records show. Two ticks at once: one writes, the other skips.
"""

import time
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.db.models.functions import TruncMonth
from django.utils import timezone

from labshare.billing.models import Charge
from labshare.booking.models import Reservation, UsageRecord
from labshare.core import clock
from labshare.insights import definitions as d
from labshare.insights.models import CustomerMonth, InstrumentMonth, ProviderMonth, SummaryMonth
from labshare.insights.periods import Period, month


def settle() -> timedelta:
    return timedelta(seconds=getattr(settings, "INSIGHTS_SUMMARY_SETTLE_SECONDS", 600))


def refresh() -> int:
    """Write the months that are due; returns how many were written."""
    current = clock.today().replace(day=1)
    first = first_month()
    if first is None or first >= current:
        return 0
    checked_until = clock.wall() - settle()
    have = dict(SummaryMonth.objects.values_list("month", "covers_until"))
    changed = changed_months(min(have.values())) if have else {}
    written, unchanged = 0, []
    for start in _months_between(first, current):
        if start not in have or is_stale(start, have[start], changed):
            written += _write(month(start))
        else:
            unchanged.append(start)
    # Nothing behind these months was written up to now (less the settle time): their summary
    # covers that much, so the next check reads only what is written after it.
    SummaryMonth.objects.filter(month__in=unchanged, covers_until__lt=checked_until).update(
        covers_until=checked_until
    )
    return written


def is_stale(start: date, covers_until: datetime, changed: dict[date, datetime]) -> bool:
    return start in changed and changed[start] >= covers_until


def changed_months(since: datetime) -> dict[date, datetime]:
    """The months touched by records written at or after since: {first day: latest stamp}."""
    found: dict[date, datetime] = {}
    for rows, stamp in (
        (UsageRecord.objects.all(), "created_at"),
        (Reservation.objects.all(), "updated_at"),
    ):
        spans = (
            rows.filter(**{f"{stamp}__gte": since})
            .annotate(first=TruncMonth("start"), last=TruncMonth("end"))
            .values_list("first", "last")
            .annotate(latest=Max(stamp))
        )
        for first, last, latest in spans:
            for start in _months_between(_day(first), _day(last) + timedelta(days=1)):
                found[start] = max(found.get(start, latest), latest)
    charges = (
        Charge.objects.filter(created_at__gte=since)
        .annotate(first=TruncMonth("delivered_on"))
        .values_list("first")
        .annotate(latest=Max("created_at"))
    )
    for first, latest in charges:
        found[_day(first)] = max(found.get(_day(first), latest), latest)
    return found


def _day(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


def first_month() -> date | None:
    """The first day of the earliest record's month (usage, reservation, charge), if any."""
    starts = [
        UsageRecord.objects.aggregate(m=Min("start"))["m"],
        Reservation.objects.aggregate(m=Min("start"))["m"],
    ]
    firsts = [timezone.localtime(s).date() for s in starts if s is not None]
    delivered = Charge.objects.aggregate(m=Min("delivered_on"))["m"]
    if delivered is not None:
        firsts.append(delivered)
    return min(firsts).replace(day=1) if firsts else None


def _months_between(first: date, until: date) -> list[date]:
    """The first days of the months from first's up to (not including) until."""
    found, day = [], first.replace(day=1)
    while day < until:
        found.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return found


def _write(period: Period) -> int:
    started = time.perf_counter()
    covers_until = clock.wall() - settle()
    try:
        with transaction.atomic():
            _rewrite(period, covers_until, started)
    except IntegrityError:
        # Another tick wrote this month at the same time; anything else is a fault to see.
        if not SummaryMonth.objects.filter(month=period.start).exists():
            raise
        return 0
    return 1


def _rewrite(period: Period, covers_until: datetime, started: float) -> None:
    key = period.start
    for model in (InstrumentMonth, ProviderMonth, CustomerMonth, SummaryMonth):
        model.objects.filter(month=key).delete()
    rows: dict[int, InstrumentMonth] = {}

    def row(pk: int) -> InstrumentMonth:
        return rows.setdefault(pk, InstrumentMonth(month=key, instrument_id=pk))

    for (_i, pk), usage in d.usage([period], by_instrument=True).items():
        row(pk).effective, row(pk).outside = usage.effective, usage.outside
    for (_i, pk), booked in d.booked_hours([period], by_instrument=True).items():
        row(pk).booked = booked
    for pk, completed, no_show, cancelled in _outcomes(period):
        row(pk).completed, row(pk).no_show, row(pk).cancelled = completed, no_show, cancelled
    InstrumentMonth.objects.bulk_create(rows.values(), batch_size=2000)
    ProviderMonth.objects.bulk_create(
        (
            ProviderMonth(
                month=key,
                provider_id=provider,
                income_inside=d.yuan(inside),
                income_outside=d.yuan(outside),
            )
            for provider, inside, outside in _income(period)
        ),
        batch_size=2000,
    )
    pairs = (
        UsageRecord.objects.filter(is_outside=True, start__lt=period.until, end__gt=period.since)
        .values_list("instrument__organization_id", "user_organization_id")
        .order_by()
        .distinct()
    )
    CustomerMonth.objects.bulk_create(
        (CustomerMonth(month=key, provider_id=p, customer_id=c) for p, c in pairs),
        batch_size=2000,
    )
    SummaryMonth.objects.create(
        month=key,
        covers_until=covers_until,
        computed_at=clock.wall(),
        seconds=round(time.perf_counter() - started, 3),
    )


def _outcomes(period: Period):
    return (
        Reservation.objects.filter(start__gte=period.since, start__lt=period.until)
        .values_list("instrument_id")
        .annotate(**d.outcome_counts())
    )


def _income(period: Period):
    return (
        Charge.objects.filter(delivered_on__gte=period.start, delivered_on__lte=period.end)
        .values_list("provider_id")
        .annotate(**d.income_sums())
    )
