"""The dashboards' figures by bucket (a run of days inside one month), from the monthly summary
where a bucket is a whole month summarised and unchanged since (summary.py), and from the
records (definitions.py) for the rest: the current month, part of a month, a month not yet
summarised or changed since. The figures are the same either way (tests/insights/test_summary.py
compares them); the summary only makes a long period cheap (`labshare bench insights`).

Each function costs the same few queries whatever the data: one on the summary, one grouped
query over the records of the buckets read live.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, Sum, Value, When

from labshare.billing.models import Charge
from labshare.booking.models import Reservation
from labshare.insights import definitions as d
from labshare.insights import summary
from labshare.insights.models import InstrumentMonth, ProviderMonth, SummaryMonth
from labshare.insights.periods import Period, month

OUTCOMES = ("completed", "no_show", "cancelled")


@dataclass(frozen=True)
class Plan:
    buckets: list[Period]
    summarised: dict[int, date]  # bucket index → the month read from the summary

    @property
    def live(self) -> list[int]:
        return [i for i in range(len(self.buckets)) if i not in self.summarised]

    def months(self, indices=None) -> dict[date, int]:
        wanted = range(len(self.buckets)) if indices is None else indices
        return {m: i for i, m in self.summarised.items() if i in wanted}


def plan(buckets: list[Period]) -> Plan:
    """Which buckets the summary answers: whole months summarised, none of whose records was
    written after the summary covers. A month before the first record has nothing to read, so
    it is answered as empty (a record entered there later moves the first record back)."""
    whole = {i: b.start for i, b in enumerate(buckets) if b == month(b.start)}
    if not whole:
        return Plan(buckets, {})
    first = summary.first_month()
    empty = {m for m in whole.values() if first is None or m < first}
    covers = dict(
        SummaryMonth.objects.filter(month__in=set(whole.values()) - empty).values_list(
            "month", "covers_until"
        )
    )
    fresh = set(empty)
    if covers:
        changed = summary.changed_months(min(covers.values()))
        fresh |= {m for m, c in covers.items() if not summary.is_stale(m, c, changed)}
    return Plan(buckets, {i: m for i, m in whole.items() if m in fresh})


def _summary_rows(model, plan: Plan, provider_id, field="instrument__organization_id"):
    rows = model.objects.filter(month__in=list(plan.summarised.values()))
    return rows if provider_id is None else rows.filter(**{field: provider_id})


def hours(plan: Plan, provider_id=None) -> tuple[dict, dict]:
    """({(bucket, instrument): Usage}, {(bucket, instrument): booked hours}), as
    definitions.usage and booked_hours (by_instrument=True) give them; the summary's rows are
    read once for both."""
    index = plan.months()
    used, booked = {}, {}
    for m, pk, effective, outside, booked_hours in _summary_rows(
        InstrumentMonth, plan, provider_id
    ).values_list("month", "instrument_id", "effective", "outside", "booked"):
        used[index[m], pk] = d.Usage(effective, outside)
        if booked_hours > 0:
            booked[index[m], pk] = booked_hours
    used |= _by_instrument_live(d.usage, plan, provider_id)
    booked |= _by_instrument_live(d.booked_hours, plan, provider_id)
    return used, booked


def _by_instrument_live(figure, plan: Plan, provider_id) -> dict:
    """figure's rows for the buckets read from the records, keyed by the plan's bucket."""
    live = plan.live
    if not live:
        return {}
    rows = figure([plan.buckets[i] for i in live], provider_id=provider_id, by_instrument=True)
    return {(live[j], pk): value for (j, pk), value in rows.items()}


def outcomes(plan: Plan, provider_id=None) -> dict[int, dict[str, int]]:
    """Reservations starting in each bucket, by outcome: {bucket: {completed, no_show, cancelled}}."""
    found = {i: dict.fromkeys(OUTCOMES, 0) for i in range(len(plan.buckets))}
    index = plan.months()
    sums = {name: Sum(name) for name in OUTCOMES}
    for row in _summary_rows(InstrumentMonth, plan, provider_id).values("month").annotate(**sums):
        found[index[row["month"]]] = {name: row[name] or 0 for name in OUTCOMES}
    live = plan.live
    if live:
        rows = Reservation.objects.filter(_within("start", plan, live))
        if provider_id is not None:
            rows = rows.filter(instrument__organization_id=provider_id)
        counted = (
            rows.annotate(bucket=_bucket("start", plan, live))
            .values("bucket")
            .annotate(**d.outcome_counts())
        )
        for row in counted:
            found[row["bucket"]] = {name: row[name] for name in OUTCOMES}
    return found


def income(plan: Plan, provider_id=None) -> dict[int, dict[str, Decimal]]:
    """Net charges by date of service in each bucket: {bucket: {inside, outside}}."""
    found = {i: {"inside": Decimal(0), "outside": Decimal(0)} for i in range(len(plan.buckets))}
    index = plan.months()
    for m, inside, outside in _summary_rows(
        ProviderMonth, plan, provider_id, "provider_id"
    ).values_list("month", "income_inside", "income_outside"):
        found[index[m]]["inside"] += inside
        found[index[m]]["outside"] += outside
    live = plan.live
    if live:
        rows = Charge.objects.filter(_within("delivered_on", plan, live, dates=True))
        if provider_id is not None:
            rows = rows.filter(provider_id=provider_id)
        summed = (
            rows.annotate(bucket=_bucket("delivered_on", plan, live, dates=True))
            .values("bucket")
            .annotate(**d.income_sums())
        )
        for row in summed:
            found[row["bucket"]] = {side: d.yuan(row[side]) for side in ("inside", "outside")}
    return found


def customers(plan: Plan, indices: range, period: Period, provider_id=None) -> dict[str, int]:
    """Outside customers and SMEs served over the buckets indices (which make up period)."""
    months = list(plan.months(indices))
    also = None
    if months:
        marks = ", ".join(["%s"] * len(months))
        scope = "" if provider_id is None else " AND c.provider_id = %s"
        also = (
            f"SELECT c.customer_id FROM insights_customermonth c "  # noqa: S608
            f"WHERE c.month IN ({marks}){scope}",
            [*(m.isoformat() for m in months), *([] if provider_id is None else [provider_id])],
        )
    parts = [plan.buckets[i] for i in indices if i not in plan.summarised]
    return d.customers(period, provider_id=provider_id, usage_parts=parts, also=also)


def _within(field: str, plan: Plan, live: list[int], dates=False) -> Q:
    found = Q(pk__in=[])
    for i in live:
        found |= Q(**_bounds(field, plan.buckets[i], dates))
    return found


def _bucket(field: str, plan: Plan, live: list[int], dates=False) -> Case:
    whens = [When(**_bounds(field, plan.buckets[i], dates), then=Value(i)) for i in live]
    return Case(*whens, default=None, output_field=IntegerField())


def _bounds(field: str, bucket: Period, dates: bool) -> dict:
    if dates:
        return {f"{field}__gte": bucket.start, f"{field}__lte": bucket.end}
    return {f"{field}__gte": bucket.since, f"{field}__lt": bucket.until}
