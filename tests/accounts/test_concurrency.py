"""Racing registrations with one credit code: the database decides, the loser gets a clean error."""

import threading

import pytest
from django.db import connection

from labshare.accounts import services
from labshare.accounts.models import Organization
from labshare.core.actors import visitor_actor
from labshare.core.errors import Conflict
from tests.factories import next_uscc

RACERS = 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_with_one_credit_code_admit_exactly_one():
    uscc = next_uscc()
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def race(number: int) -> None:
        try:
            barrier.wait()
            services.register_customer(
                visitor_actor(),
                username=f"racer{number}",
                password="a-long-password-1",
                email=f"racer{number}@example.cn",
                full_name="竞争者",
                name=f"竞争科技{number}有限公司",
                uscc=uscc,
            )
            outcome = "won"
        except Conflict:
            outcome = "conflict"
        except Exception as exc:  # noqa: BLE001 - any other error is what this test must catch
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict"] * (RACERS - 1) + ["won"]
    assert Organization.objects.filter(uscc=uscc).count() == 1
