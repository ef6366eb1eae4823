"""Gapless counters: next_value inside the transaction that uses the number; a rollback gives
the number back; racing transactions never share or skip a number (SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection, transaction

from labshare.core.models import Counter
from labshare.core.sequences import next_value

RACERS = 12


@pytest.mark.django_db
def test_a_new_counter_starts_at_one_and_counts_up():
    with transaction.atomic():
        assert [next_value("report:1:2026") for _ in range(3)] == [1, 2, 3]
        assert next_value("report:1:2027") == 1
    assert Counter.objects.get(key="report:1:2026").value == 3


@pytest.mark.django_db
def test_a_rolled_back_number_is_given_again():
    with transaction.atomic():
        assert next_value("k") == 1
    with pytest.raises(RuntimeError, match="undo"), transaction.atomic():
        assert next_value("k") == 2
        raise RuntimeError("undo")
    with transaction.atomic():
        assert next_value("k") == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_number_is_taken_only_inside_a_transaction():
    with pytest.raises(RuntimeError):
        next_value("k")
    assert not Counter.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("existing", [False, True], ids=["new-counter", "existing-counter"])
def test_racing_transactions_take_every_number_once(existing):
    if existing:
        with transaction.atomic():
            next_value("race")
    first = 2 if existing else 1
    barrier = threading.Barrier(RACERS)
    taken: list = []
    lock = threading.Lock()

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                value = next_value("race")
                Counter.objects.filter(key="race").exists()  # more work while holding the row
            outcome = value
        except Exception as exc:  # noqa: BLE001 - any error is what this test must catch
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            taken.append(outcome)

    threads = [threading.Thread(target=take) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(taken) == list(range(first, first + RACERS))
    assert Counter.objects.get(key="race").value == first + RACERS - 1
