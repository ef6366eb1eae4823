"""The periodic work `labshare tick` runs besides its own, registered by the app that owns it
(in its AppConfig.ready), so the command imports none of them: nothing imports insights, whose
monthly summary is one of these jobs."""

from collections.abc import Callable

_jobs: dict[str, Callable[[], object]] = {}


def register(label: str, job: Callable[[], object]) -> None:
    """job() does its work idempotently and returns what the command prints after label."""
    _jobs[label] = job


def jobs() -> list[tuple[str, Callable[[], object]]]:
    return list(_jobs.items())
