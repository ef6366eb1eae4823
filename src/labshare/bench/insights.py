"""`labshare bench insights`: a synthetic year of a national-scale platform, and the time its
dashboards and the assessment export take.

The catalogue of `bench catalog` (5,000 instruments at 2,000,000 reservations, fewer below)
gets weekday opening hours and last year's reservations: about 400 per instrument, 1 to 3
hours, one in twenty a no-show and one in twenty cancelled, one in seven by the provider's own
unit; every completed one has its usage record and its charge. They are written in bulk (COPY
and INSERT … SELECT), not through the services, which are timed elsewhere. What is timed is
what the pages do: the monthly summary `labshare tick` writes (all of it, then again with
nothing changed), the district's dashboard for the year and for a month, one provider's
dashboard for the year (figures and charts), the district's for part of a month (read from the
records, as the current month is), and the year's assessment workbook of the whole district,
written row by row, with the process's peak memory before and after it.
"""

import resource
import tempfile
import time as perf
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from labshare.accounts.models import Organization
from labshare.accounts.uscc import with_check_character
from labshare.bench import catalog
from labshare.bench.booking import bench_user
from labshare.bench.schedules import copy_rows
from labshare.bench.timing import measure, summary
from labshare.billing.models import Attribute, Verification
from labshare.booking.models import Reservation, WeeklyWindow
from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.insights import assessment, dashboard
from labshare.insights import summary as monthly_summary
from labshare.insights.models import InstrumentMonth, SummaryMonth
from labshare.insights.periods import Period, month, year
from labshare.insights.views.dashboards import charts

CUSTOMER_PREFIX = "基准测试分析客户"
CUSTOMERS = 500
PER_INSTRUMENT = 400
BATCH = 50_000


def _customers(operator_user) -> list[int]:
    names = [f"{CUSTOMER_PREFIX}{n:04d}" for n in range(CUSTOMERS)]
    have = set(Organization.objects.filter(name__in=names).values_list("name", flat=True))
    Organization.objects.bulk_create(
        Organization(
            name=name,
            name_sort=name,
            uscc=with_check_character(f"91210296{n:09d}"),
            is_customer=True,
            is_demo=True,
        )
        for n, name in enumerate(names)
        if name not in have
    )
    ids = list(
        Organization.objects.filter(name__in=names).order_by("pk").values_list("pk", flat=True)
    )
    verified = set(
        Verification.objects.filter(organization_id__in=ids).values_list(
            "organization_id", flat=True
        )
    )
    Verification.objects.bulk_create(
        Verification(
            organization_id=pk,
            attribute=Attribute.TECH_SME,
            verified_on=date(2020, 1, 1),
            document_reference="基准测试",
            verified_by=operator_user,
        )
        for pk in ids[::10]
        if pk not in verified
    )
    return ids


def _reservations(instruments: list[tuple[int, int]], customers: list[int], user, first: date, log):
    """PER_INSTRUMENT reservations of each instrument spread over the year, never overlapping."""
    columns = ["instrument_id", "organization_id", "user_id", "start", "end", "status",
               "purpose", "decision_note", "checked_in_at", "checked_out_at", "created_at",
               "updated_at", "funding_source", "subject_areas"]  # fmt: skip

    def rows():
        written = 0
        for pk, provider in instruments:
            for k in range(PER_INSTRUMENT):
                day = first + timedelta(days=k * 365 // PER_INSTRUMENT)
                start = timezone.make_aware(datetime.combine(day, time(8 + (k * 3) % 8)))
                end = start + timedelta(hours=1 + k % 3)
                status = "no_show" if k % 20 == 0 else "cancelled" if k % 20 == 1 else "completed"
                org = provider if k % 7 == 0 else customers[(pk + k) % len(customers)]
                done = status == "completed"
                yield (pk, org, user.pk, start, end, status, "样品表征", "",
                       start if done else None, end if done else None,
                       start - timedelta(days=1), end,
                       "单位自有资金", ["430"])  # fmt: skip
                written += 1
                if written % BATCH == 0:
                    log(f"  {written:>8} reservations")

    with transaction.atomic():
        copy_rows(Reservation, columns, rows())


def _usage_and_charges(user_id: int, first: date, last: date) -> None:
    """A usage record and a charge for every completed bench reservation of the year."""
    local_day = (
        """(r."end" AT TIME ZONE 'Asia/Shanghai')::date"""
        if connection.vendor == "postgresql"
        else """date(r."end", '+8 hours')"""
    )
    hours = (
        'EXTRACT(EPOCH FROM (r."end" - r.start)) / 3600'
        if connection.vendor == "postgresql"
        else '((julianday(r."end") - julianday(r.start)) * 24)'
    )
    bench = "r.user_id = %s AND r.status = 'completed' AND r.start >= %s AND r.start < %s"
    window = [user_id, first, last]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO booking_usagerecord (instrument_id, reservation_id, user_organization_id,
                operator_id, start, "end", is_outside, source, note, adjustment_reason,
                recorded_by_id, created_at)
            SELECT r.instrument_id, r.id, r.organization_id, r.user_id, r.start, r."end",
                   r.organization_id <> i.organization_id, 'checkout', '', '', r.user_id, r."end"
            FROM booking_reservation r JOIN catalog_instrument i ON i.id = r.instrument_id
            WHERE {bench}
            """,  # noqa: S608
            window,
        )
        cursor.execute(
            f"""
            INSERT INTO billing_charge (provider_id, customer_id, kind, service, reservation_id,
                description, quantity, unit, unit_price, tier, basis, minimum_applied, amount,
                voucher_amount, delivered_at, delivered_on, created_at)
            SELECT i.organization_id, r.organization_id, 'time', 'instrument', r.id,
                   '仪器机时：基准测试', {hours}, 'hour', 200,
                   CASE WHEN r.organization_id = i.organization_id THEN 'internal'
                        ELSE 'enterprise' END,
                   'booked', false, {hours} * 200, 0, r."end", {local_day}, r."end"
            FROM booking_reservation r JOIN catalog_instrument i ON i.id = r.instrument_id
            WHERE {bench}
            """,  # noqa: S608
            window,
        )


def _timed(job) -> tuple[object, float]:
    started = perf.perf_counter()
    result = job()
    return result, round(perf.perf_counter() - started, 2)


def _max_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(reservations: int, repeat: int, log) -> dict:
    started = perf.perf_counter()
    count = max(1, min(5000, reservations // PER_INSTRUMENT))
    log(f"catalogue of {count} instruments …")
    catalog.build(count, log)
    instruments = list(
        Instrument.objects.filter(organization__name__startswith=catalog.BENCH_PREFIX)
        .order_by("pk")
        .values_list("pk", "organization_id")[:count]
    )
    ids = [pk for pk, _org in instruments]
    have_windows = set(
        WeeklyWindow.objects.filter(instrument_id__in=ids).values_list("instrument_id", flat=True)
    )
    with transaction.atomic():
        copy_rows(
            WeeklyWindow,
            ["instrument_id", "weekday", "start_time", "end_time"],
            (
                (pk, day, time(8), time(18))
                for pk in ids
                if pk not in have_windows
                for day in range(5)
            ),
        )
    the_year = clock.today().year - 1
    first, last = date(the_year, 1, 1), date(the_year + 1, 1, 1)
    operator = (
        Organization.objects.filter(is_operator=True).first() or catalog._bench_providers(1)[0]
    )
    user = bench_user("bench-insights", operator, "admin")
    customers = _customers(user)
    if not Reservation.objects.filter(user=user).exists():
        log(f"reservations of {the_year} …")
        _reservations(instruments, customers, user, first, log)
        log("usage records and charges …")
        _usage_and_charges(user.pk, first, last)
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    built = round(perf.perf_counter() - started, 1)
    whole_year, one_month = year(the_year), month(date(the_year, 6, 1))
    provider_id = instruments[0][1]

    def page(period, provider=None):
        return lambda: charts(dashboard.build(period, provider))

    log("the monthly summary (labshare tick) …")
    SummaryMonth.objects.all().delete()  # derived data: written again from the records
    months, seconds = _timed(monthly_summary.refresh)
    rows = InstrumentMonth.objects.count()
    again, seconds_again = _timed(monthly_summary.refresh)  # nothing changed: nothing written
    written = {
        "months": months,
        "seconds": seconds,
        "instrument_months": rows,
        "months_again": again,
        "seconds_again": seconds_again,
    }
    # A month less its first day is read from the records, as the current month always is.
    part = Period(one_month.start + timedelta(days=1), one_month.end)
    log("timing the dashboards …")
    timed = {
        "district_year": summary(measure(page(whole_year), repeat)),
        "district_month": summary(measure(page(one_month), repeat)),
        "provider_year": summary(measure(page(whole_year, provider_id), repeat)),
        "district_part_month_from_records": summary(measure(page(part), repeat)),
    }
    log("assessment export …")
    before = _max_rss_mb()
    export_started = perf.perf_counter()
    with tempfile.TemporaryFile() as out:
        counts = assessment.write_workbook(out, whole_year)
        size = out.tell()
    export = {
        "seconds": round(perf.perf_counter() - export_started, 2),
        "bytes": size,
        **counts,
        "max_rss_mb_before": before,
        "max_rss_mb_after": _max_rss_mb(),
    }
    return {
        "database": connection.vendor,
        "year": the_year,
        "instruments": len(ids),
        "providers": len({org for _pk, org in instruments}),
        "reservations": Reservation.objects.filter(user=user).count(),
        "setup_seconds": built,
        "summary": written,
        "dashboards": timed,
        "assessment_export": export,
    }
