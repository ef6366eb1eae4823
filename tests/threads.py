"""Calls released at once from threads with their own database connections (race tests)."""

import threading

from django.db import connection

from labshare.core.errors import DomainError


def race(calls, timeout: float = 180) -> list[str]:
    """Run each call in its own thread, all released at once; 'won', the refusal's code, or
    'error: …' for anything else."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(call):
        try:
            barrier.wait()
            call()
            outcome = "won"
        except DomainError as refusal:
            outcome = refusal.code
        except Exception as exc:  # noqa: BLE001 - any other error is what a race test must catch
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
