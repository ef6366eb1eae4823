"""Booking fixtures: a fixed clock, an instrument open on weekdays, and helpers for local times."""

from datetime import datetime, time

import pytest
from django.utils import timezone

from labshare.booking import services
from labshare.core import clock
from tests.factories import act, make_instrument

# Monday 2026-03-02 08:00 in Asia/Shanghai: the tests' "now".
NOW = timezone.make_aware(datetime(2026, 3, 2, 8, 0))


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """An aware local time in March 2026 (the 2nd is a Monday)."""
    return timezone.make_aware(datetime(2026, month, day, hour, minute))


@pytest.fixture
def now(monkeypatch):
    """Freeze the services' clock; returns a function that moves it."""
    current = {"value": NOW}
    monkeypatch.setattr(clock, "now", lambda: current["value"])

    def move(to: datetime) -> datetime:
        current["value"] = to
        return to

    move.value = lambda: current["value"]
    return move


@pytest.fixture
def instrument(provider_org, provider_admin, now):
    """A published, staff-operated SEM, open Monday to Friday 08:00–18:00, approval required."""
    instrument = make_instrument(provider_org, "场发射扫描电子显微镜", booking_mode="staff")
    for weekday in range(5):
        services.add_weekly_window(act(provider_admin), instrument, weekday, time(8), time(18))
    return instrument


@pytest.fixture
def self_operated(provider_org, provider_admin, now):
    instrument = make_instrument(
        provider_org, "电子万能材料试验机", class_code="020101", booking_mode="self"
    )
    for weekday in range(5):
        services.add_weekly_window(act(provider_admin), instrument, weekday, time(8), time(18))
    return instrument
