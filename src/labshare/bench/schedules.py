"""Opening hours and reservations for the synthetic catalogue of `labshare bench catalog`.

Every bench instrument is open Monday to Friday 08:00–18:00, and the reservations are spread
over eight weeks around today (four back, four ahead), 3 to 4 hours each on different days of
one instrument, so that the availability search meets a real mix of booked and free days. They
are written in bulk (COPY on PostgreSQL), not through the services: a million requests one by
one would take hours, and the database's no-overlap rule still checks every row.
"""

import json
import time as clock_time
from datetime import datetime, time, timedelta
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from labshare.accounts.models import Organization, User
from labshare.bench.booking import bench_organization, bench_user
from labshare.booking.models import Reservation, WeeklyWindow
from labshare.core import clock

CUSTOMER = "基准测试预约客户单位"
DAYS = 56
BATCH = 50_000


def _customer() -> tuple[Organization, User]:
    organization = bench_organization(CUSTOMER, 99999, is_customer=True)
    return organization, bench_user("bench-schedule", organization, "admin")


def copy_rows(model, columns: list[str], rows) -> None:
    """Write rows in bulk: COPY on PostgreSQL, batched INSERTs elsewhere."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
            sql = f"COPY {model._meta.db_table} ({quoted}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:  # JSON columns as text: COPY would write a list as an array
                    copy.write_row(
                        [json.dumps(v) if isinstance(v, list | dict) else v for v in row]
                    )
        return
    # Batched INSERTs of the values as given: bulk_create would stamp auto_now fields with the
    # wall time, and the bench writes a past year's stamps (insights/summary.py reads them).
    fields = [model._meta.get_field(column) for column in columns]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {model._meta.db_table} ({quoted}) VALUES ({marks})"  # noqa: S608
    rows = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(rows, 5000)):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
                    for row in batch
                ],
            )


def build(instrument_ids: list[int], reservations: int, log) -> dict:
    """Windows for instruments without any, then reservations up to `reservations` in all."""
    started = clock_time.perf_counter()
    have_windows = set(WeeklyWindow.objects.values_list("instrument_id", flat=True).distinct())
    missing = [pk for pk in instrument_ids if pk not in have_windows]
    with transaction.atomic():
        copy_rows(
            WeeklyWindow,
            ["instrument_id", "weekday", "start_time", "end_time"],
            ((pk, weekday, time(8), time(18)) for pk in missing for weekday in range(5)),
        )
    organization, user = _customer()
    have = Reservation.objects.filter(organization=organization).count()
    wanted = max(0, reservations - have)
    if wanted and instrument_ids:
        first_day = clock.today() - timedelta(days=DAYS // 2)
        now = clock.now()
        per_instrument = -(-reservations // len(instrument_ids))
        rows = []
        for number in range(have, have + wanted):
            pk = instrument_ids[number % len(instrument_ids)]
            round_ = number // len(instrument_ids)
            # Each round of one instrument lands on its own day: the rounds never overlap.
            day = first_day + timedelta(days=(round_ * DAYS // per_instrument + pk) % DAYS)
            start = timezone.make_aware(datetime.combine(day, time(9 if pk % 2 else 13)))
            end = start + timedelta(hours=3 + pk % 2)
            rows.append(
                (pk, organization.pk, user.pk, start, end, "confirmed", "", "", now, now, "", [])
            )
            if len(rows) == BATCH:
                _write(rows)
                rows = []
                log(f"  {number + 1 - have:>8} / {wanted} reservations")
        _write(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "windows_created_for": len(missing),
        "reservations": Reservation.objects.filter(organization=organization).count(),
        "reservations_created": wanted,
        "seconds": round(clock_time.perf_counter() - started, 1),
    }


def _write(rows: list) -> None:
    if not rows:
        return
    columns = [
        "instrument_id",
        "organization_id",
        "user_id",
        "start",
        "end",
        "status",
        "purpose",
        "decision_note",
        "created_at",
        "updated_at",
        "funding_source",
        "subject_areas",
    ]
    with transaction.atomic():
        copy_rows(Reservation, columns, rows)
