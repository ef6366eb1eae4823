"""The monthly summary (insights/summary.py): `labshare tick` writes the closed months, the
dashboards read them, and show exactly what the records show; a record written after the
summary makes its month read from the records again until the next tick rewrites it."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from labshare.booking import services as booking
from labshare.insights import dashboard, monthly, summary
from labshare.insights.models import CustomerMonth, InstrumentMonth, ProviderMonth, SummaryMonth
from labshare.insights.periods import month, year
from tests.booking.conftest import at
from tests.factories import act

pytestmark = pytest.mark.django_db
MARCH = month(date(2026, 3, 1))
NO_SETTLE = override_settings(INSIGHTS_SUMMARY_SETTLE_SECONDS=0)


def shown(board) -> dict:
    """Everything a dashboard shows, for comparing one built from the summary with one not."""
    return {
        "headlines": [(h.key, h.value, h.previous) for h in board.headlines],
        "series": (
            board.months,
            board.monthly_effective,
            board.monthly_outside,
            board.monthly_sharing,
            board.monthly_income,
        ),
        "instruments": [
            (r.pk, r.effective, r.outside, r.booked, r.open, r.quota) for r in board.instruments
        ],
        "providers": [(p.pk, p.effective, p.outside, p.instruments) for p in board.providers],
    }


def value(figures: dict, key: str):
    return next(now for name, now, _then in figures["headlines"] if name == key)


def summarised(period) -> list[date]:
    buckets = [*period.previous().months(), *period.months()]
    return sorted(monthly.plan(buckets).summarised.values())


@NO_SETTLE
def test_a_summarised_month_shows_what_the_records_show(march, reported, provider_org):
    live = {
        (period, scope): shown(dashboard.build(period, scope))
        for period in (MARCH, year(2026))
        for scope in (None, provider_org.pk)
    }
    # The records begin in February (the order's samples were booked then) or March; April is
    # the current month (the clock is on 3 April), so it stays out.
    written = summary.refresh()
    assert written == SummaryMonth.objects.count() >= 1
    assert date(2026, 3, 1) in SummaryMonth.objects.values_list("month", flat=True)
    assert not SummaryMonth.objects.filter(month=date(2026, 4, 1)).exists()
    assert summarised(MARCH)[-1] == date(2026, 3, 1)
    for period in (MARCH, year(2026)):
        for scope in (None, provider_org.pk):
            assert shown(dashboard.build(period, scope)) == live[period, scope], (period, scope)
    row = InstrumentMonth.objects.get(month=date(2026, 3, 1), instrument=march)
    assert (row.effective, row.outside, row.booked) == (
        Decimal("8.50"),
        Decimal("6.50"),
        Decimal("8.00"),
    )
    assert (row.completed, row.no_show, row.cancelled) == (3, 1, 1)
    assert ProviderMonth.objects.filter(month=date(2026, 3, 1), provider=provider_org).exists()
    assert CustomerMonth.objects.filter(month=date(2026, 3, 1), provider=provider_org).count() == 1


@NO_SETTLE
def test_a_record_written_later_is_shown_at_once_and_summarised_by_the_next_tick(
    march, provider_org, technician, sme_org, now
):
    assert summary.refresh() >= 1
    assert summary.refresh() == 0  # nothing changed: nothing written twice
    before = shown(dashboard.build(MARCH))
    booking.record_usage(
        act(technician),
        march,
        start=at(20, 9),
        end=at(20, 12),
        operator=technician,
        user_organization=sme_org,
    )
    assert date(2026, 3, 1) not in summarised(MARCH)  # changed since: read from the records
    board = dashboard.build(MARCH)
    assert value(shown(board), "effective") == value(before, "effective") + 3
    assert summary.refresh() == 1  # only March again
    assert date(2026, 3, 1) in summarised(MARCH)
    assert shown(dashboard.build(MARCH)) == shown(board)


@NO_SETTLE
def test_a_status_change_makes_its_month_stale(march, technician, sme_org, sme_member, now):
    """A reservation of late March left confirmed, marked as a no-show once March is summarised
    (its no-show charge, if any, is dated in March too)."""
    now(at(26, 9))
    late = booking.request_reservation(act(sme_member), march, sme_org, at(27, 9), at(27, 10))
    booking.approve_reservation(act(technician), late)
    now(at(2, 9, month=4))
    summary.refresh()
    assert date(2026, 3, 1) in summarised(MARCH)
    booking.mark_no_show(act(technician), late)
    assert date(2026, 3, 1) not in summarised(MARCH)
    live = shown(dashboard.build(MARCH))
    assert value(live, "no_show") == Decimal("0.4000")  # 2 of 5, against 1 of 4 before
    assert summary.refresh() == 1
    assert date(2026, 3, 1) in summarised(MARCH)
    assert shown(dashboard.build(MARCH)) == live


def test_records_written_just_before_the_tick_wait_for_the_next(march):
    """With the default settle time a record written minutes before the summary may belong to
    a transaction still open then, so its month is read from the records until a later tick."""
    summary.refresh()
    assert date(2026, 3, 1) not in summarised(MARCH)
    assert SummaryMonth.objects.filter(month=date(2026, 3, 1)).exists()


@NO_SETTLE
def test_tick_writes_the_summary(march):
    out = io.StringIO()
    call_command("tick", stdout=out)
    assert "months summarised: " in out.getvalue()
    assert SummaryMonth.objects.filter(month=date(2026, 3, 1)).exists()
    out = io.StringIO()
    call_command("tick", stdout=out)
    assert "months summarised: 0" in out.getvalue()


def test_nothing_to_summarise_writes_nothing():
    assert summary.refresh() == 0
    assert not SummaryMonth.objects.exists()


@NO_SETTLE
def test_months_before_the_first_record_are_answered_as_empty(march, technician, sme_org):
    """The year before has no record: its months are read as empty, not scanned; a record
    entered later in one of them sends that month to the records until the next tick."""
    summary.refresh()
    assert SummaryMonth.objects.order_by("month").first().month == date(2026, 3, 1)
    live = shown(dashboard.build(year(2026)))
    assert summarised(year(2026))[:14] == [
        *(date(2025, m, 1) for m in range(1, 13)),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    booking.record_usage(
        act(technician),
        march,
        start=at(10, 9, month=1),
        end=at(10, 10, month=1),
        operator=technician,
        user_organization=sme_org,
    )
    assert date(2026, 1, 1) not in summarised(year(2026))
    board = shown(dashboard.build(year(2026)))
    assert value(board, "effective") == value(live, "effective") + 1
    summary.refresh()
    assert SummaryMonth.objects.order_by("month").first().month == date(2026, 1, 1)
    assert date(2026, 1, 1) in summarised(year(2026))
    assert shown(dashboard.build(year(2026))) == board


@NO_SETTLE
def test_a_tick_moves_an_unchanged_months_cover_up(march):
    """So the next check reads only what was written since that tick."""
    summary.refresh()
    before = SummaryMonth.objects.get(month=date(2026, 3, 1)).covers_until
    assert summary.refresh() == 0
    after = SummaryMonth.objects.get(month=date(2026, 3, 1))
    assert after.covers_until > before
    assert date(2026, 3, 1) in summarised(MARCH)
