"""Threads with their own database connections race for the same and for overlapping slots.

Runs on SQLite (BEGIN IMMEDIATE serialises writers) and on PostgreSQL (row lock on the instrument,
exclusion constraint as the backstop): exactly one winner per contested slot, no overlap, no error.
"""

import random
import threading
from datetime import timedelta

import pytest
from django.db import connection

from labshare.booking import services
from labshare.booking.models import Reservation
from labshare.core.errors import Conflict
from labshare.core.intervals import overlaps
from tests.booking.conftest import at
from tests.factories import act, make_member

THREADS = 8


def race(attempts) -> list[str]:
    """Run each (user, instrument, org, start, end) attempt in its own thread, all at once."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(user, instrument, org, start, end):
        try:
            barrier.wait()
            services.request_reservation(act(user), instrument, org, start, end)
            outcome = "won"
        except Conflict as refusal:
            outcome = "conflict" if refusal.code == "overlap" else f"other conflict: {refusal.code}"
        except Exception as exc:  # noqa: BLE001 - any other error is what this test must catch
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=args) for args in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.fixture
def customers(sme_org, outsider_org, sme_member, outsider):
    users = [(sme_member, sme_org), (outsider, outsider_org)]
    for number in range(THREADS - 2):
        users.append((make_member(sme_org, f"racer{number}", "member"), sme_org))
    return users


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_winner_for_one_contested_slot(instrument, customers):
    outcomes = race([(user, instrument, org, at(3, 9), at(3, 11)) for user, org in customers])
    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["won"]
    assert Reservation.objects.filter(instrument=instrument).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_random_slots_never_double_book(instrument, customers):
    rng = random.Random(7)
    attempts = []
    for round_ in range(3):
        for user, org in customers:
            start = at(4 + round_, 9) + timedelta(minutes=30 * rng.randrange(0, 8))
            attempts.append(
                (user, instrument, org, start, start + timedelta(minutes=30 * rng.randrange(1, 6)))
            )
    outcomes = race(attempts)
    assert not [o for o in outcomes if o not in {"won", "conflict"}]
    held = list(
        Reservation.objects.filter(
            instrument=instrument, status__in=Reservation.ACTIVE
        ).values_list("start", "end")
    )
    assert len(held) == outcomes.count("won") >= 3
    assert not any(overlaps(a, b) for i, a in enumerate(held) for b in held[i + 1 :])
