"""`labshare bench booking`: concurrent clients racing for overlapping slots, through the service
layer and as bare SQL inserts against the same database rule, plus the free-interval query.

Clients are separate processes, each with its own database connection. The workload is the same
for both runs (same seed): random starts on the 30-minute grid within one week on a few
instruments, 30 minutes to 4 hours long, so most attempts collide.
"""

import multiprocessing
import random
import time
from datetime import datetime, timedelta
from datetime import time as clock_time

from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from labshare.accounts import services as account_services
from labshare.accounts.models import Membership, Organization, User
from labshare.accounts.uscc import with_check_character
from labshare.bench.timing import measure, percentile, summary
from labshare.booking import services as booking_services
from labshare.booking.availability import free_intervals
from labshare.booking.models import Reservation, WeeklyWindow
from labshare.catalog import services as catalog_services
from labshare.catalog.models import Instrument, InstrumentClass
from labshare.core import clock
from labshare.core.actors import command_actor, system_actor
from labshare.core.errors import Conflict, DomainError

PROVIDER = "基准测试预约服务单位"
CUSTOMER = "基准测试预约用户单位"
INSTRUMENTS = 4
SLOT = timedelta(minutes=30)


def bench_organization(name: str, number: int, **flags) -> Organization:
    existing = Organization.objects.filter(name=name).first()
    if existing:
        return existing
    uscc = with_check_character(f"91210298{number:09d}")
    return account_services.create_organization(
        system_actor(), name=name, uscc=uscc, is_demo=True, **flags
    )


def bench_user(username: str, org: Organization, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = account_services.create_account(
            system_actor(), username=username, password="", email="", full_name=username
        )
    if not Membership.objects.filter(user=user, organization=org).exists():
        account_services.add_member(system_actor(), org, user, role)
    return user


def _instrument(provider: Organization, admin: User, number: int) -> Instrument:
    code = f"BENCH-BOOK-{number:02d}"
    instrument = Instrument.objects.filter(organization=provider, code=code).first()
    if instrument is None:
        instrument = catalog_services.create_instrument(
            system_actor(),
            provider,
            code=code,
            asset_number=code,
            name=f"基准测试仪器{number:02d}",
            instrument_class=InstrumentClass.objects.get(code="010801"),
            original_value=100,
            booking_mode=Instrument.BookingMode.STAFF,
        )
        catalog_services.publish_instrument(system_actor(), instrument)
    if not WeeklyWindow.objects.filter(instrument=instrument).exists():
        for weekday in range(7):
            booking_services.add_weekly_window(
                command_actor(admin), instrument, weekday, clock_time(0), clock_time(0)
            )
    booking_services.update_booking_rules(
        command_actor(admin),
        instrument,
        lead_time_minutes=0,
        horizon_days=3650,
        approval_required=False,
        max_duration_minutes=24 * 60,
    )
    return instrument


def setup(clients: int):
    """The bench provider, its instruments (always open) and one customer user per client."""
    provider = bench_organization(
        PROVIDER, 1, kind="institute", is_provider=True, is_customer=False
    )
    customer = bench_organization(CUSTOMER, 2)
    admin = bench_user("bench-provider-admin", provider, "admin")
    users = [bench_user(f"bench-client-{n:02d}", customer, "member") for n in range(clients)]
    instruments = [_instrument(provider, admin, n) for n in range(INSTRUMENTS + 1)]
    return customer, users, instruments[:INSTRUMENTS], instruments[INSTRUMENTS]


def workload(
    attempts: int, seed: int, week_start: datetime
) -> list[tuple[int, datetime, datetime]]:
    rng = random.Random(seed)
    result = []
    for _ in range(attempts):
        start = week_start + SLOT * rng.randrange(0, 7 * 48)
        result.append((rng.randrange(INSTRUMENTS), start, start + SLOT * rng.randrange(1, 9)))
    return result


def _timed(attempt, jobs) -> list[tuple[str, float, float]]:
    """(outcome, began, ended) of each job, on the system-wide monotonic clock.

    The client's own database connection is opened first, so what is timed is booking work.
    """
    connections.close_all()  # the parent's connection is not this process's to use
    connection.ensure_connection()
    results = []
    for job in jobs:
        began = time.monotonic()
        outcome = attempt(*job)
        results.append((outcome, began, time.monotonic()))
    connections.close_all()
    return results


def _service_client(args) -> list[tuple[str, float, float]]:
    user, org, instruments, jobs = args
    actor = command_actor(user, org)

    def attempt(index, start, end) -> str:
        try:
            booking_services.request_reservation(actor, instruments[index], org, start, end)
        except Conflict as refusal:
            return "conflict" if refusal.code == "overlap" else "error"
        except DomainError:
            return "error"
        except Exception:  # noqa: BLE001 - counted, not hidden
            return "error"
        return "confirmed"

    return _timed(attempt, jobs)


INSERT = (
    'INSERT INTO booking_reservation (instrument_id, organization_id, user_id, "start", "end", status,'
    " purpose, decision_note, created_at, updated_at, funding_source, subject_areas)"
    " VALUES (%s, %s, %s, %s, %s, %s, '', '', %s, %s, '', '[]')"
)


def _bare_client(args) -> list[tuple[str, float, float]]:
    user, org, instruments, jobs = args

    def attempt(index, start, end) -> str:
        now = clock.now()
        params = [instruments[index].pk, org.pk, user.pk, start, end, "confirmed", now, now]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(INSERT, params)
        except IntegrityError:
            return "conflict"
        except Exception:  # noqa: BLE001
            return "error"
        return "confirmed"

    return _timed(attempt, jobs)


OVERLAP_SQL = """
    SELECT COUNT(*) FROM booking_reservation a JOIN booking_reservation b
      ON a.instrument_id = b.instrument_id AND a.id < b.id
     AND a."start" < b."end" AND b."start" < a."end"
    WHERE a.status IN ('pending', 'confirmed', 'in_use') AND b.status IN ('pending', 'confirmed', 'in_use')
      AND a.instrument_id IN ({ids})
"""


def _overlaps(instruments) -> int:
    with connection.cursor() as cursor:
        cursor.execute(OVERLAP_SQL.format(ids=", ".join(str(i.pk) for i in instruments)))
        return cursor.fetchone()[0]


def warm_up(user, org, instrument, week_start) -> None:
    """One request before the clients fork, so they start warm like long-running server workers.

    The first request of a process imports the URL configuration (for the links in the
    notifications) and fills Django's caches; 16 clients each paying that would be timed as
    booking work. `_run` deletes the warm-up reservation before the clock starts.
    """
    start = week_start - timedelta(days=1)
    Reservation.objects.filter(instrument=instrument).delete()  # left by a run that was stopped
    booking_services.request_reservation(command_actor(user), instrument, org, start, start + SLOT)


def _run(client, clients: int, users, org, instruments, jobs) -> dict:
    """Fork the clients and time their attempts.

    Each client gets its user, organization and instruments with its jobs (pickled by the
    pool), so it reads nothing before its first attempt. Throughput counts the span from the
    first attempt's start to the last one's end, so starting the processes and opening their
    connections is not in it, for either run.
    """
    Reservation.objects.filter(instrument__in=instruments).delete()
    chunks = [(users[n], org, instruments, jobs[n::clients]) for n in range(clients)]
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = [item for chunk in pool.map(client, chunks) for item in chunk]
    seconds = max(ended for *_, ended in results) - min(began for _, began, _ in results)
    seconds = max(seconds, 1e-6)  # a single instant attempt must not divide by zero
    latencies = [(ended - began) * 1000 for _, began, ended in results]
    outcomes = [outcome for outcome, *_ in results]
    return {
        "attempts": len(results),
        "confirmed": outcomes.count("confirmed"),
        "conflicts": outcomes.count("conflict"),
        "errors": outcomes.count("error"),
        "overlaps": _overlaps(instruments),
        "seconds": round(seconds, 2),
        "throughput_per_s": round(len(results) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.5), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }


def _fill_big_instrument(instrument, org, user, week_start, history: int) -> None:
    """`history` one-hour reservations, two a day around the measured month, written in bulk."""
    if Reservation.objects.filter(instrument=instrument).count() == history:
        return
    Reservation.objects.filter(instrument=instrument).delete()
    first_day = week_start - timedelta(days=history // 4)
    rows = []
    for number in range(history):
        start = first_day + timedelta(days=number // 2, hours=9 + 5 * (number % 2))
        rows.append(
            Reservation(
                instrument=instrument,
                organization=org,
                user=user,
                start=start,
                end=start + timedelta(hours=1),
                status=Reservation.Status.CONFIRMED,
            )
        )
    Reservation.objects.bulk_create(rows, batch_size=2000)


def run(clients: int, attempts: int, log, history: int = 10_000) -> dict:
    org, users, instruments, big = setup(clients)
    week_start = timezone.make_aware(
        datetime.combine(clock.today() + timedelta(days=400), clock_time(0))
    )
    jobs = workload(attempts, seed=2026, week_start=week_start)
    warm_up(users[0], org, instruments[0], week_start)
    log("service layer run …")
    service = _run(_service_client, clients, users, org, instruments, jobs)
    log("bare SQL run …")
    bare = _run(_bare_client, clients, users, org, instruments, jobs)
    Reservation.objects.filter(instrument__in=instruments).delete()
    log("free-interval query …")
    _fill_big_instrument(big, org, users[0], week_start, history)
    month = (week_start, week_start + timedelta(days=28))
    free_intervals(big, *month)  # warm up
    samples = measure(lambda: free_intervals(big, *month), 50)
    return {
        "benchmark": "booking",
        "database": connection.vendor,
        "clients": clients,
        "instruments": INSTRUMENTS,
        "service": service,
        "bare_sql": bare,
        "ratio_service_to_bare": round(service["throughput_per_s"] / bare["throughput_per_s"], 2),
        "free_intervals_4_weeks": {
            "reservations_on_instrument": Reservation.objects.filter(instrument=big).count(),
            **summary(samples),
        },
    }
