"""The figures, defined once, with the national open-sharing names; every page and export reads
them from here.

- 有效机时 (effective hours): preparation + test + necessary post-processing, idle excluded — the
  usage records (check-out or staff entry). A record's corrected minutes replace its elapsed
  time; a record that crosses a period or month boundary counts in each part in proportion.
- 对外服务机时 (outside-service hours): the effective hours of users outside the owning unit.
- 共享率 = 对外服务机时 / 有效机时.
- 利用率 = 有效机时 / 定额机时; 定额机时 is 1,400 h a year (general) or 800 (special) unless the
  unit set another (QuotaHours), in proportion for a period shorter than a year.
- Open hours published: the weekly opening hours on the period's days (within each window's
  validity), plus extra openings, minus blackouts, each clipped to the period. Idle open hours
  (停车机时) are the open hours nobody booked.
- Booked hours: confirmed, in-use, completed and no-show reservations (a no-show held the time).
- No-show rate: no-shows / (completed + no-shows), by the reservations' start.
- Service income: the net charges (adjustments included) by date of service; inside = the
  provider's own unit (tier internal), outside = everyone else.
- Outside customers: organisations other than the provider with outside usage or a test order
  reported in the period; SMEs served: those holding a verified 科技型中小企业 or start-up team
  attribute during the period.
- Test orders and samples: orders whose first report was issued in the period (a corrected
  report is the same order); median turnaround: samples received → first report, in days.
- 好评率: good reviews / reviews written in the period: test orders' reviews marked good, and
  reservations rated 4 or 5 of 5.
- Vouchers: quotas granted, amounts redeemed (net of reversals, by date of service), amounts
  settled (by the date the settlement was made).

Every figure is an aggregate query (grouped in the database), so a page costs the same number
of queries whatever the amount of data; `labshare bench insights` measures them.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Q, Sum

from labshare.billing.models import Attribute, Charge, Grant, Redemption, Tier
from labshare.booking.models import Reservation, Satisfaction, UsageRecord
from labshare.catalog.models import Instrument
from labshare.cooperation import figures
from labshare.insights import sql
from labshare.insights.models.quotas import DEFAULT_QUOTA_HOURS, QuotaHours
from labshare.insights.periods import Period
from labshare.orders.models import Review, ServiceOrder

# National averages per instrument and year, for orientation (2025 round; 2019 in the note).
NATIONAL_EFFECTIVE_HOURS = Decimal(1599)
NATIONAL_OUTSIDE_HOURS = Decimal(273)
BOOKED = (
    Reservation.Status.CONFIRMED,
    Reservation.Status.IN_USE,
    Reservation.Status.COMPLETED,
    Reservation.Status.NO_SHOW,
)
SME_ATTRIBUTES = (Attribute.TECH_SME, Attribute.STARTUP_TEAM)
HUNDREDTH = Decimal("0.01")


def hours(seconds) -> Decimal:
    return (Decimal(str(seconds or 0)) / 3600).quantize(HUNDREDTH)


def ratio(part, whole) -> Decimal | None:
    """part / whole as a fraction to 4 places; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class Usage:
    effective: Decimal
    outside: Decimal

    @property
    def sharing_rate(self) -> Decimal | None:
        return ratio(self.outside, self.effective)


def _scope(alias: str, provider_id: int | None) -> tuple[str, list]:
    if provider_id is None:
        return "", []
    owned = "SELECT id FROM catalog_instrument WHERE organization_id = %s"
    return f" AND {alias}.instrument_id IN ({owned})", [provider_id]


def _inside(alias: str, periods: list[Period]) -> tuple[str, list]:
    """The index of the one period an interval lies wholly inside, else NULL. Nearly every
    record lies inside one month: those are summed whole, without joining to the periods
    (which costs a comparison per record and period); only the others are split."""
    whens = " ".join(
        f'WHEN {alias}.start >= %s AND {alias}."end" <= %s THEN {index}'
        for index in range(len(periods))
    )
    params = []
    for period in periods:
        params += [sql.moment(period.since), sql.moment(period.until)]
    return f"CASE {whens} END", params


def _range(alias: str, periods: list[Period], provider_id) -> tuple[str, list]:
    scope, scope_params = _scope(alias, provider_id)
    where = f'{alias}.start < %s AND {alias}."end" > %s{scope}'
    return where, [sql.moment(periods[-1].until), sql.moment(periods[0].since), *scope_params]


def usage(periods: list[Period], *, provider_id=None, by_instrument=False) -> dict:
    """有效机时 and 对外服务机时 per period index (and instrument): {(idx, instrument_id): Usage}."""
    cte, cte_params = sql.buckets_cte(periods)
    inside, inside_params = _inside("u", periods)
    where, where_params = _range("u", periods, provider_id)
    overlap = sql.seconds_between(
        sql.least('u."end"', "b.b_end"), sql.greatest("u.start", "b.b_start")
    )
    elapsed = sql.seconds_between('u."end"', "u.start")
    effective = (
        f"CASE WHEN u.effective_minutes IS NULL THEN {elapsed} ELSE u.effective_minutes * 60.0 END"
    )
    share = f"CASE WHEN u.effective_minutes IS NULL THEN 1.0 ELSE u.effective_minutes * 60.0 / {elapsed} END"
    key = "x.instrument_id" if by_instrument else "NULL"
    query = f"""
        WITH {cte}
        SELECT x.idx, {key}, SUM(x.part), SUM(CASE WHEN x.is_outside THEN x.part ELSE 0 END)
        FROM (
            SELECT {inside} AS idx, u.instrument_id, u.is_outside, {effective} AS part
            FROM booking_usagerecord u WHERE {where}
            UNION ALL
            SELECT b.idx, u.instrument_id, u.is_outside, {overlap} * {share} AS part
            FROM booking_usagerecord u
            JOIN buckets b ON u.start < b.b_end AND u."end" > b.b_start
            WHERE {where} AND {inside} IS NULL
        ) x
        WHERE x.idx IS NOT NULL
        GROUP BY x.idx{", x.instrument_id" if by_instrument else ""}
    """  # noqa: S608 (only our own fragments are formatted in; values are parameters)
    params = cte_params + inside_params + where_params + where_params + inside_params
    return {
        (idx, instrument): Usage(hours(total), hours(outside))
        for idx, instrument, total, outside in sql.fetch(query, params)
    }


def booked_hours(periods: list[Period], *, provider_id=None, by_instrument=False) -> dict:
    """Booked hours per period index (and instrument): {(idx, instrument_id): Decimal}."""
    cte, cte_params = sql.buckets_cte(periods)
    inside, inside_params = _inside("r", periods)
    where, where_params = _range("r", periods, provider_id)
    statuses = ", ".join(["%s"] * len(BOOKED))
    overlap = sql.seconds_between(
        sql.least('r."end"', "b.b_end"), sql.greatest("r.start", "b.b_start")
    )
    elapsed = sql.seconds_between('r."end"', "r.start")
    key = "x.instrument_id" if by_instrument else "NULL"
    query = f"""
        WITH {cte}
        SELECT x.idx, {key}, SUM(x.part)
        FROM (
            SELECT {inside} AS idx, r.instrument_id, {elapsed} AS part
            FROM booking_reservation r WHERE r.status IN ({statuses}) AND {where}
            UNION ALL
            SELECT b.idx, r.instrument_id, {overlap} AS part
            FROM booking_reservation r
            JOIN buckets b ON r.start < b.b_end AND r."end" > b.b_start
            WHERE r.status IN ({statuses}) AND {where} AND {inside} IS NULL
        ) x
        WHERE x.idx IS NOT NULL
        GROUP BY x.idx{", x.instrument_id" if by_instrument else ""}
    """  # noqa: S608
    params = cte_params + inside_params + [*BOOKED] + where_params
    params += [*BOOKED] + where_params + inside_params
    return {(idx, inst): hours(seconds) for idx, inst, seconds in sql.fetch(query, params)}


def open_hours(period: Period, *, provider_id=None) -> dict[int, Decimal]:
    """Open hours published per instrument in the period (published, not retired instruments)."""
    scope = "" if provider_id is None else " AND i.organization_id = %s"
    scope_params = [] if provider_id is None else [provider_id]
    weekly = _weekly_open_seconds(period, scope, scope_params)
    spans = {}
    for table, sign in (("booking_extraopening", 1), ("booking_blackout", -1)):
        overlap = sql.seconds_between(
            sql.least('s."end"', sql.moment_param()), sql.greatest("s.start", sql.moment_param())
        )
        query = f"""
            SELECT s.instrument_id, SUM({overlap})
            FROM {table} s JOIN catalog_instrument i ON i.id = s.instrument_id
            WHERE s.start < %s AND s."end" > %s AND i.retired_at IS NULL{scope}
            GROUP BY s.instrument_id
        """  # noqa: S608
        moments = [sql.moment(period.until), sql.moment(period.since)]
        for instrument, seconds in sql.fetch(query, moments + moments + scope_params):
            spans[instrument] = spans.get(instrument, 0) + sign * float(seconds or 0)
    found = {}
    for instrument in set(weekly) | set(spans):
        found[instrument] = max(
            Decimal(0), hours(weekly.get(instrument, 0) + spans.get(instrument, 0))
        )
    return found


def _weekly_open_seconds(period: Period, scope: str, scope_params: list) -> dict[int, float]:
    """Σ over weekly windows of (window length × days of its weekday inside the period and the
    window's validity). Days are numbered from Monday 1970-01-05, so day % 7 is the weekday and
    the count of weekday w in [a, b] is (b - w) / 7 - (a - 1 - w) / 7 in integer division."""
    if sql.is_postgres():
        day = "({} - DATE '1970-01-05')"
        length = "EXTRACT(EPOCH FROM (w.end_time - w.start_time))"
    else:
        day = "CAST(julianday({}) - julianday('1970-01-05') AS INTEGER)"
        length = "((julianday(w.end_time) - julianday(w.start_time)) * 86400.0)"
    first = sql.greatest(day.format("%s"), f"COALESCE({day.format('w.valid_from')}, -1)")
    last = sql.least(day.format("%s"), f"COALESCE({day.format('w.valid_until')}, 1000000)")
    query = f"""
        SELECT x.instrument_id,
               SUM(CASE WHEN x.last < x.first THEN 0 ELSE
                   x.length * ((x.last - x.weekday) / 7 - (x.first - 1 - x.weekday) / 7) END)
        FROM (
            SELECT w.instrument_id, w.weekday, {first} AS first, {last} AS last,
                   CASE WHEN {length} <= 0 THEN {length} + 86400 ELSE {length} END AS length
            FROM booking_weeklywindow w JOIN catalog_instrument i ON i.id = w.instrument_id
            WHERE i.retired_at IS NULL{scope}
        ) x
        GROUP BY x.instrument_id
    """  # noqa: S608
    rows = sql.fetch(query, [period.start, period.end, *scope_params])
    return {instrument: float(seconds or 0) for instrument, seconds in rows}


def quota_hours(period: Period, *, provider_id=None) -> dict[int, Decimal]:
    """定额机时 per instrument for the period: the unit's figure or the category's default, in
    proportion to the part of a year the period is."""
    instruments = Instrument.objects.filter(retired_at__isnull=True)
    if provider_id is not None:
        instruments = instruments.filter(organization_id=provider_id)
    share = Decimal(str(round(period.share_of_year(), 6)))
    own = dict(
        QuotaHours.objects.filter(instrument__in=instruments).values_list("instrument_id", "hours")
    )
    return {
        pk: (Decimal(own.get(pk) or DEFAULT_QUOTA_HOURS[category]) * share).quantize(HUNDREDTH)
        for pk, category in instruments.values_list("pk", "category")
    }


def outcome_counts() -> dict:
    """The aggregates of reservations by outcome (here, and in the summary's months)."""
    status = Reservation.Status
    return {
        "completed": Count("id", filter=Q(status=status.COMPLETED)),
        "no_show": Count("id", filter=Q(status=status.NO_SHOW)),
        "cancelled": Count("id", filter=Q(status=status.CANCELLED)),
    }


def with_no_show_rate(counts: dict) -> dict:
    counts["no_show_rate"] = ratio(counts["no_show"], counts["completed"] + counts["no_show"])
    return counts


def income_sums() -> dict:
    """The aggregates of net charges: inside (tier internal) and outside."""
    return {
        "inside": Sum("amount", filter=Q(tier=Tier.INTERNAL)),
        "outside": Sum("amount", filter=~Q(tier=Tier.INTERNAL)),
    }


def reservations(period: Period, *, provider_id=None) -> dict:
    """Reservations starting in the period, by outcome, and the no-show rate."""
    rows = Reservation.objects.filter(start__gte=period.since, start__lt=period.until)
    if provider_id is not None:
        rows = rows.filter(instrument__organization_id=provider_id)
    return with_no_show_rate(rows.aggregate(**outcome_counts()))


def income(period: Period, *, provider_id=None) -> dict[str, Decimal]:
    """Net charges by date of service: inside (the provider's own unit) and outside."""
    rows = Charge.objects.filter(delivered_on__gte=period.start, delivered_on__lte=period.end)
    if provider_id is not None:
        rows = rows.filter(provider_id=provider_id)
    sums = rows.aggregate(**income_sums())
    return {side: yuan(sums[side]) for side in ("inside", "outside")}


def yuan(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(HUNDREDTH)


def customers(period: Period, *, provider_id=None, usage_parts=None, also=None) -> dict[str, int]:
    """Outside customers served, and how many of them are verified SMEs.

    usage_parts: the parts of the period whose usage records are read (all of it by default);
    also: (sql, params) selecting further customers, for the parts read elsewhere (monthly.py's
    summarised months)."""
    served, params = _served(period, provider_id, usage_parts, also)
    counted = f"""
        SELECT COUNT(*), SUM(CASE WHEN EXISTS (
            SELECT 1 FROM billing_verification v
            WHERE v.organization_id = s.org AND v.attribute IN (%s, %s)
              AND v.verified_on <= %s AND (v.valid_until IS NULL OR v.valid_until >= %s)
              AND (v.revoked_at IS NULL OR v.revoked_at >= %s)) THEN 1 ELSE 0 END)
        FROM ({served}) s
    """  # noqa: S608
    sme_params = [*SME_ATTRIBUTES, period.end, period.start, sql.moment(period.since)]
    ((outside, smes),) = sql.fetch(counted, sme_params + params)
    return {"outside_customers": outside, "smes_served": smes or 0}


def _served(period: Period, provider_id, usage_parts, also) -> tuple[str, list]:
    """The customers' ids (column org): outside usage in the parts, and test orders first
    reported in the period."""
    parts = [period] if usage_parts is None else usage_parts
    order_scope = "" if provider_id is None else " AND o.provider_id = %s"
    selects = [
        f"""SELECT o.customer_id AS org FROM orders_serviceorder o
        JOIN (SELECT order_id FROM orders_testreport GROUP BY order_id
              HAVING MIN(issued_at) >= %s AND MIN(issued_at) < %s) f ON f.order_id = o.id
        WHERE o.customer_id <> o.provider_id{order_scope}"""  # noqa: S608
    ]
    params = [sql.moment(period.since), sql.moment(period.until)]
    params += [] if provider_id is None else [provider_id]
    if parts:
        usage_scope, usage_params = _scope("u", provider_id)
        spans = " OR ".join(['(u.start < %s AND u."end" > %s)'] * len(parts))
        selects.append(
            f"SELECT u.user_organization_id FROM booking_usagerecord u "  # noqa: S608
            f"WHERE u.is_outside AND ({spans}){usage_scope}"
        )
        for part in parts:
            params += [sql.moment(part.until), sql.moment(part.since)]
        params += usage_params
    if also is not None:
        selects.append(also[0])
        params += also[1]
    return " UNION ".join(selects), params


def orders(period: Period, *, provider_id=None) -> dict:
    """Test orders first reported in the period, their samples and the median turnaround."""
    rows = ServiceOrder.objects.annotate(first_report=Min("reports__issued_at")).filter(
        first_report__gte=period.since, first_report__lt=period.until
    )
    if provider_id is not None:
        rows = rows.filter(provider_id=provider_id)
    sums = rows.aggregate(orders=Count("id"), samples=Sum("sample_count"))
    return {
        "orders": sums["orders"],
        "samples": sums["samples"] or 0,
        "median_turnaround_days": _median_turnaround(rows),
    }


def _median_turnaround(rows) -> Decimal | None:
    """The median of (first report − samples received) in days: the middle one or two rows by
    turnaround, fetched by offset, so no engine-specific percentile function is needed."""
    timed = rows.filter(received_at__isnull=False)
    count = timed.count()
    if not count:
        return None
    span = ExpressionWrapper(F("first_report") - F("received_at"), output_field=DurationField())
    ordered = timed.annotate(span=span).order_by("span").values_list("span", flat=True)
    middle = list(ordered[(count - 1) // 2 : count // 2 + 1])
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return (Decimal(str(seconds)) / 86400).quantize(Decimal("0.1"))


def reviews(period: Period, *, provider_id=None) -> dict:
    """好评率: good reviews among the reviews of orders and the ratings of reservations written
    in the period."""
    written = {"created_at__gte": period.since, "created_at__lt": period.until}
    orders = Review.objects.filter(**written)
    rated = Satisfaction.objects.filter(**written)
    if provider_id is not None:
        orders = orders.filter(order__provider_id=provider_id)
        rated = rated.filter(reservation__instrument__organization_id=provider_id)
    of_orders = orders.aggregate(
        reviews=Count("pk"), good=Count("pk", filter=Q(sentiment=Review.Sentiment.GOOD))
    )
    of_reservations = rated.aggregate(
        reviews=Count("pk"), good=Count("pk", filter=Q(rating__gte=4))
    )
    counts = {key: of_orders[key] + of_reservations[key] for key in ("reviews", "good")}
    counts["good_rate"] = ratio(counts["good"], counts["reviews"])
    return counts


def vouchers(period: Period, *, provider_id=None) -> dict[str, Decimal]:
    """Voucher quotas granted, amounts redeemed (net) and settled in the period."""
    redeemed = Redemption.objects.filter(service_on__gte=period.start, service_on__lte=period.end)
    settled = Redemption.objects.filter(
        settlement__status="issued",
        settlement__issued_at__gte=period.since,
        settlement__issued_at__lt=period.until,
    )
    granted = Grant.objects.filter(
        granted_on__gte=period.start, granted_on__lte=period.end, revoked_at__isnull=True
    )
    if provider_id is not None:
        redeemed, settled = (
            redeemed.filter(provider_id=provider_id),
            settled.filter(provider_id=provider_id),
        )
        granted = granted.none()  # a grant is the firm's, not a provider's
    return {
        "granted": yuan(granted.aggregate(s=Sum("quota"))["s"]),
        "redeemed": yuan(redeemed.aggregate(s=Sum("amount"))["s"]),
        "settled": yuan(settled.aggregate(s=Sum("amount"))["s"]),
    }


def cooperation(period: Period, *, provider_id=None) -> dict:
    """Technology contracts of R&D cooperation: signed value, registered turnover, pairs."""
    return figures.contracts(period.start, period.end, provider_id=provider_id)


def cooperation_by_field(period: Period, *, provider_id=None) -> list[dict]:
    return figures.by_field(period.start, period.end, provider_id=provider_id)


def platform_figure(code: str, period: Period) -> Decimal:
    """The district indicators the platform counts itself (Indicator.PlatformFigure)."""
    if code == "instruments_shared":
        found = usage([period], by_instrument=True)
        return Decimal(sum(1 for figures in found.values() if figures.outside > 0))
    if code == "smes_served":
        return Decimal(customers(period)["smes_served"])
    if code == "orders_completed":
        return Decimal(orders(period)["orders"])
    if code == "contract_turnover":
        # 万元, as the district publishes technology-contract turnover.
        return cooperation(period)["registered_value"] / Decimal(10000)
    raise ValueError(f"unknown platform figure {code!r}")


def outside_services(period: Period, *, provider_id=None) -> dict[int, int]:
    """Outside-service jobs per instrument: usage records of outside users starting in the
    period (the national record counts each job once, where it began)."""
    rows = UsageRecord.objects.filter(
        is_outside=True, start__gte=period.since, start__lt=period.until
    )
    if provider_id is not None:
        rows = rows.filter(instrument__organization_id=provider_id)
    return dict(
        rows.values_list("instrument_id").annotate(n=Count("id")).values_list("instrument_id", "n")
    )
