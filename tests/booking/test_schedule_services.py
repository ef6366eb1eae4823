from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from labshare.booking import services
from labshare.booking.availability import free_intervals, is_open, schedule
from labshare.booking.models import UsageRecord
from labshare.catalog.models import Instrument
from labshare.core.errors import Conflict, InvalidInput, NotAllowed
from tests.booking.conftest import at
from tests.factories import act


def test_rules_are_validated(instrument, provider_admin):
    with pytest.raises(InvalidInput) as caught:
        services.update_booking_rules(
            act(provider_admin), instrument, min_duration_minutes=600, max_duration_minutes=60
        )
    assert caught.value.field == "min_duration_minutes"
    with pytest.raises(InvalidInput) as caught:
        services.update_booking_rules(act(provider_admin), instrument, granularity_minutes=45)
    assert caught.value.field in {"min_duration_minutes", "max_duration_minutes"}
    with pytest.raises(InvalidInput):
        services.update_booking_rules(act(provider_admin), instrument, granularity_minutes=2)


def test_only_provider_staff_change_the_schedule(
    instrument, provider_member, other_provider_admin, sme_admin
):
    for actor in (provider_member, other_provider_admin, sme_admin):
        with pytest.raises(NotAllowed):
            services.add_weekly_window(act(actor), instrument, 5, time(9), time(12))
        with pytest.raises(NotAllowed):
            services.add_blackout(act(actor), instrument, at(3, 9), at(3, 10), "维护")
        with pytest.raises(NotAllowed):
            services.update_booking_rules(act(actor), instrument, approval_required=False)


def test_window_must_end_after_start_but_midnight_is_allowed(instrument, provider_admin):
    with pytest.raises(InvalidInput):
        services.add_weekly_window(act(provider_admin), instrument, 5, time(12), time(9))
    window = services.add_weekly_window(act(provider_admin), instrument, 5, time(20), time(0))
    assert free_intervals(instrument, at(7, 0), at(8, 0)) == [(at(7, 20), at(8, 0))]
    services.remove_weekly_window(act(provider_admin), window)
    assert free_intervals(instrument, at(7, 0), at(8, 0)) == []


def test_window_validity_range(instrument, provider_admin):
    services.add_weekly_window(
        act(provider_admin), instrument, 5, time(9), time(12), valid_from=at(14, 0).date()
    )
    assert free_intervals(instrument, at(7, 0), at(8, 0)) == []
    assert free_intervals(instrument, at(14, 0), at(15, 0)) == [(at(14, 9), at(14, 12))]


def test_blackout_needs_a_reason(instrument, provider_admin):
    with pytest.raises(InvalidInput):
        services.add_blackout(act(provider_admin), instrument, at(3, 9), at(3, 10), " ")
    with pytest.raises(InvalidInput):
        services.add_blackout(act(provider_admin), instrument, at(3, 10), at(3, 9), "维护")


def test_schedule_splits_open_busy_free_and_blackouts(
    instrument, provider_admin, sme_member, sme_org
):
    services.add_blackout(act(provider_admin), instrument, at(3, 12), at(3, 13), "午间保养")
    services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10))
    day = schedule(instrument, at(3, 0), at(4, 0))
    assert day.open == [(at(3, 8), at(3, 12)), (at(3, 13), at(3, 18))]
    assert day.blackouts == [(at(3, 12), at(3, 13))]
    assert day.busy == [(at(3, 9), at(3, 10))]
    assert day.free == [(at(3, 8), at(3, 9)), (at(3, 10), at(3, 12)), (at(3, 13), at(3, 18))]


def test_is_open_agrees_with_the_schedule(instrument, provider_admin):
    services.add_blackout(act(provider_admin), instrument, at(3, 12), at(3, 13), "午间保养")
    services.add_extra_opening(act(provider_admin), instrument, at(3, 18), at(3, 21))
    services.add_extra_opening(act(provider_admin), instrument, at(4, 11), at(4, 20))
    services.add_blackout(act(provider_admin), instrument, at(4, 19), at(4, 20), "内部使用")
    cases = {
        (at(3, 8), at(3, 12)): True,  # windows alone; the blackout starts where this ends
        (at(3, 11), at(3, 13)): False,  # a blackout inside the windows
        (at(3, 17), at(3, 21)): True,  # a window running into an extra opening
        (at(3, 17), at(3, 22)): False,  # past the opening
        (at(4, 17), at(4, 19)): True,  # opening beyond the window
        (at(4, 18), at(4, 20)): False,  # the blackout wins over the opening
        (at(7, 9), at(7, 10)): False,  # Saturday: no window
    }
    for (start, end), expected in cases.items():
        opened = schedule(instrument, start, end).open
        assert is_open(instrument, start, end) is expected, (start, end)
        assert (opened == [(start, end)]) is expected, (start, end)


def test_windows_are_read_afresh_once_the_schedule_changes(instrument, provider_admin):
    saturday = (at(7, 9), at(7, 10))
    seen_elsewhere = Instrument.objects.get(pk=instrument.pk)  # another process's read
    assert not is_open(seen_elsewhere, *saturday)
    with CaptureQueriesContext(connection) as queries:
        assert not is_open(seen_elsewhere, *saturday)
    assert not any("weeklywindow" in q["sql"] for q in queries.captured_queries)

    window = services.add_weekly_window(act(provider_admin), instrument, 5, time(8), time(12))
    assert is_open(Instrument.objects.get(pk=instrument.pk), *saturday)
    assert is_open(instrument, *saturday)  # the changed object itself is up to date
    services.remove_weekly_window(act(provider_admin), window)
    assert not is_open(Instrument.objects.get(pk=instrument.pk), *saturday)


def test_staff_record_usage_of_past_time(instrument, technician, sme_org, now):
    usage = services.record_usage(
        act(technician),
        instrument,
        start=at(1, 9, month=3),
        end=at(1, 12, month=3),
        operator=technician,
        user_organization=sme_org,
    )
    assert (
        usage.is_outside and usage.source == UsageRecord.Source.STAFF and str(usage.hours) == "3.00"
    )
    with pytest.raises(InvalidInput):
        services.record_usage(
            act(technician),
            instrument,
            start=at(3, 9),
            end=at(3, 10),
            operator=technician,
            user_organization=sme_org,
        )


def test_usage_record_once_per_reservation(
    instrument, technician, provider_org, sme_member, sme_org, now
):
    reservation = services.request_reservation(
        act(technician), instrument, provider_org, at(2, 8), at(2, 9)
    )
    now(at(2, 10))
    services.record_usage(
        act(technician),
        instrument,
        start=at(2, 8),
        end=at(2, 9),
        operator=technician,
        user_organization=provider_org,
        reservation=reservation,
    )
    with pytest.raises(Conflict):
        services.record_usage(
            act(technician),
            instrument,
            start=at(2, 8),
            end=at(2, 9),
            operator=technician,
            user_organization=provider_org,
            reservation=reservation,
        )
    assert not UsageRecord.objects.get(reservation=reservation).is_outside


def test_granting_again_replaces_the_current_qualification(self_operated, technician, sme_member):
    first = services.grant_qualification(act(technician), self_operated, sme_member)
    second = services.grant_qualification(
        act(technician), self_operated, sme_member, expires_on=at(30, 0).date()
    )
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None


def test_usage_operator_must_be_provider_staff(instrument, technician, sme_member, sme_org, now):
    with pytest.raises(InvalidInput) as caught:
        services.record_usage(
            act(technician),
            instrument,
            start=at(1, 9, month=3),
            end=at(1, 10, month=3),
            operator=sme_member,
            user_organization=sme_org,
        )
    assert caught.value.field == "operator"


def test_blackout_reason_and_opening_note_are_length_checked(instrument, provider_admin):
    with pytest.raises(InvalidInput):
        services.add_blackout(act(provider_admin), instrument, at(3, 9), at(3, 10), "修" * 201)
    with pytest.raises(InvalidInput):
        services.add_extra_opening(act(provider_admin), instrument, at(7, 9), at(7, 10), "加" * 201)
