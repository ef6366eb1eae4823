from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from labshare.booking import services
from labshare.booking.availability import free_intervals
from labshare.booking.models import Reservation, UsageRecord
from labshare.core.actors import system_actor
from labshare.core.errors import Conflict, DomainError, InvalidInput, NotAllowed
from labshare.core.models import AuditEvent, Notification
from tests.booking.conftest import at
from tests.factories import act


def book(user, instrument, org, start, end, **kw):
    return services.request_reservation(act(user), instrument, org, start, end, **kw)


def reason(call) -> str:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code


# The happy path and the state machine


def test_customer_request_waits_for_approval_then_is_confirmed(
    instrument, sme_member, sme_org, technician
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11), purpose="断口形貌")
    assert reservation.status == Reservation.Status.PENDING
    reservation = services.approve_reservation(act(technician), reservation)
    assert reservation.status == Reservation.Status.CONFIRMED
    assert reservation.decided_by == technician


def test_without_approval_rule_a_request_is_confirmed_at_once(
    instrument, sme_member, sme_org, provider_admin
):
    services.update_booking_rules(act(provider_admin), instrument, approval_required=False)
    assert (
        book(sme_member, instrument, sme_org, at(3, 9), at(3, 10)).status
        == Reservation.Status.CONFIRMED
    )


def test_provider_staff_book_outside_open_time_and_are_confirmed(
    instrument, technician, provider_org
):
    reservation = book(technician, instrument, provider_org, at(7, 9), at(7, 12))  # a Saturday
    assert reservation.status == Reservation.Status.CONFIRMED


def test_full_life_of_a_reservation_creates_a_usage_record(
    instrument, sme_member, sme_org, technician, now
):
    reservation = services.approve_reservation(
        act(technician), book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    )
    now(at(3, 8, 50))
    reservation = services.check_in(act(technician), reservation)
    assert reservation.status == Reservation.Status.IN_USE
    now(at(3, 10, 40))
    usage = services.check_out(act(technician), reservation)
    assert usage.is_outside and usage.hours == Decimal("1.83")
    assert Reservation.objects.get(pk=reservation.pk).status == Reservation.Status.COMPLETED
    assert usage.source == UsageRecord.Source.CHECKOUT


def test_every_transition_is_audited(instrument, sme_member, sme_org, technician):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    services.reject_reservation(act(technician), reservation, "样品不符合要求")
    verbs = list(
        AuditEvent.objects.filter(target_type="booking.reservation").values_list("verb", flat=True)
    )
    assert sorted(verbs) == ["reservation.rejected", "reservation.requested"]


@pytest.mark.parametrize(
    ("action", "from_status"),
    [
        (lambda staff, r: services.approve_reservation(act(staff), r), "confirmed"),
        (lambda staff, r: services.check_out(act(staff), r), "confirmed"),
        (lambda staff, r: services.reject_reservation(act(staff), r, "x"), "cancelled"),
        (lambda staff, r: services.cancel_reservation(act(staff), r, "x"), "completed"),
        (lambda staff, r: services.mark_no_show(act(staff), r), "pending"),
    ],
)
def test_transitions_outside_the_state_machine_are_refused(
    instrument, sme_member, sme_org, technician, action, from_status
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    Reservation.objects.filter(pk=reservation.pk).update(status=from_status)
    reservation.refresh_from_db()
    assert reason(lambda: action(technician, reservation)) == "invalid_transition"


# Who may do what


def test_customer_cannot_approve_or_check_in(instrument, sme_member, sme_admin, sme_org):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    with pytest.raises(NotAllowed):
        services.approve_reservation(act(sme_admin), reservation)
    with pytest.raises(NotAllowed):
        services.check_in(act(sme_member), reservation)


def test_other_provider_cannot_decide(instrument, sme_member, sme_org, other_provider_admin):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    with pytest.raises(NotAllowed):
        services.reject_reservation(act(other_provider_admin), reservation, "no")


def test_nobody_books_for_an_organization_they_do_not_belong_to(instrument, outsider, sme_org):
    with pytest.raises(NotAllowed):
        book(outsider, instrument, sme_org, at(3, 9), at(3, 11))


def test_outsider_cannot_cancel_someone_elses_reservation(
    instrument, sme_member, sme_org, outsider
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    with pytest.raises(NotAllowed):
        services.cancel_reservation(act(outsider), reservation)


def test_org_admin_may_cancel_a_colleagues_reservation(instrument, sme_member, sme_admin, sme_org):
    reservation = book(sme_member, instrument, sme_org, at(5, 9), at(5, 11))
    assert (
        services.cancel_reservation(act(sme_admin), reservation).status
        == Reservation.Status.CANCELLED
    )


def test_customer_cancels_before_the_deadline_only(
    instrument, sme_member, sme_org, technician, now
):
    reservation = services.approve_reservation(
        act(technician), book(sme_member, instrument, sme_org, at(4, 9), at(4, 11))
    )
    now(at(3, 9, 30))  # 23.5 hours before: past the 24-hour deadline
    assert reason(lambda: services.cancel_reservation(act(sme_member), reservation)) == "too_late"
    now(at(3, 8, 59))
    assert (
        services.cancel_reservation(act(sme_member), reservation).status
        == Reservation.Status.CANCELLED
    )


def test_provider_cancels_any_time_but_must_give_a_reason(
    instrument, sme_member, sme_org, technician, now
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    now(at(3, 8, 55))
    with pytest.raises(InvalidInput):
        services.cancel_reservation(act(technician), reservation, "  ")
    assert (
        services.cancel_reservation(act(technician), reservation, "设备故障").status
        == Reservation.Status.CANCELLED
    )


# Rules, each with its reason


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (at(3, 9, 10), at(3, 10), "granularity"),
        (at(3, 9), at(3, 9, 0), "bad_interval"),
        (at(3, 11), at(3, 9), "bad_interval"),
        (at(2, 8, 30), at(2, 9, 30), "lead_time"),
        (at(3, 9), at(3, 17, 30), "too_long"),
        (at(6, 17), at(6, 19), "closed"),  # runs past Friday's 18:00
        (at(7, 9), at(7, 10), "closed"),  # Saturday
        (at(2, 9, 0, month=6), at(2, 10, 0, month=6), "horizon"),
    ],
)
def test_rules_refuse_with_their_reason(instrument, sme_member, sme_org, start, end, code):
    assert reason(lambda: book(sme_member, instrument, sme_org, start, end)) == code


def test_minimum_duration(instrument, sme_member, sme_org, provider_admin):
    services.update_booking_rules(act(provider_admin), instrument, min_duration_minutes=60)
    assert (
        reason(lambda: book(sme_member, instrument, sme_org, at(3, 9), at(3, 9, 30))) == "too_short"
    )


def test_back_to_back_reservations_are_allowed_half_open(
    instrument, sme_member, sme_admin, sme_org
):
    book(sme_member, instrument, sme_org, at(3, 9), at(3, 10))
    book(sme_admin, instrument, sme_org, at(3, 10), at(3, 11))
    assert (
        reason(lambda: book(sme_admin, instrument, sme_org, at(3, 10, 30), at(3, 11, 30)))
        == "overlap"
    )


def test_window_edges_are_bookable(instrument, sme_member, sme_org):
    assert book(sme_member, instrument, sme_org, at(3, 8), at(3, 9)).pk
    assert book(sme_member, instrument, sme_org, at(3, 17), at(3, 18)).pk


def test_overnight_reservation_across_joined_windows(
    instrument, provider_admin, sme_member, sme_org
):
    services.add_weekly_window(
        act(provider_admin), instrument, 1, time(18), time(0)
    )  # Tue 18:00–24:00
    services.add_weekly_window(
        act(provider_admin), instrument, 2, time(0), time(8)
    )  # Wed 00:00–08:00
    services.update_booking_rules(act(provider_admin), instrument, max_duration_minutes=24 * 60)
    reservation = book(sme_member, instrument, sme_org, at(3, 16), at(4, 10))
    assert reservation.end - reservation.start == timedelta(hours=18)


def test_blackout_closes_time(instrument, provider_admin, sme_member, sme_org):
    services.add_blackout(act(provider_admin), instrument, at(3, 12), at(3, 14), "年度校准")
    assert reason(lambda: book(sme_member, instrument, sme_org, at(3, 13), at(3, 15))) == "closed"
    assert free_intervals(instrument, at(3, 0), at(4, 0)) == [
        (at(3, 8), at(3, 12)),
        (at(3, 14), at(3, 18)),
    ]


def test_extra_opening_allows_a_weekend_session(instrument, provider_admin, sme_member, sme_org):
    services.add_extra_opening(act(provider_admin), instrument, at(7, 9), at(7, 12), "周六加开")
    assert book(sme_member, instrument, sme_org, at(7, 9), at(7, 12)).pk


def test_self_operated_needs_a_valid_qualification(
    self_operated, sme_member, sme_org, technician, now
):
    assert (
        reason(lambda: book(sme_member, self_operated, sme_org, at(3, 9), at(3, 10)))
        == "qualification"
    )
    qualification = services.grant_qualification(
        act(technician), self_operated, sme_member, expires_on=at(3, 0).date()
    )
    assert book(sme_member, self_operated, sme_org, at(3, 9), at(3, 10)).pk
    # Expired by the day of the reservation:
    assert (
        reason(lambda: book(sme_member, self_operated, sme_org, at(4, 9), at(4, 10)))
        == "qualification"
    )
    services.revoke_qualification(act(technician), qualification)
    assert (
        reason(lambda: book(sme_member, self_operated, sme_org, at(3, 11), at(3, 12)))
        == "qualification"
    )


def test_instrument_awaiting_repair_cannot_be_booked(instrument, sme_member, sme_org):
    from labshare.catalog.models import Instrument

    Instrument.objects.filter(pk=instrument.pk).update(running_status="awaiting_repair")
    instrument.refresh_from_db()
    assert (
        reason(lambda: book(sme_member, instrument, sme_org, at(3, 9), at(3, 10))) == "not_bookable"
    )


# No overlap, whatever the path


def test_overlap_is_refused_with_a_clear_message(instrument, sme_member, sme_admin, sme_org):
    book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    with pytest.raises(Conflict) as caught:
        book(sme_admin, instrument, sme_org, at(3, 10), at(3, 12))
    assert caught.value.code == "overlap"
    assert "已被预约" in str(caught.value) or "already booked" in str(caught.value)


def test_cancelled_time_can_be_booked_again(instrument, sme_member, sme_org):
    first = book(sme_member, instrument, sme_org, at(5, 9), at(5, 11))
    services.cancel_reservation(act(sme_member), first)
    assert book(sme_member, instrument, sme_org, at(5, 9), at(5, 11)).pk


def test_database_refuses_an_overlap_written_around_the_service(instrument, sme_member, sme_org):
    """The admin, an import or a bug writing rows directly still cannot double-book."""
    first = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.create(
            instrument=instrument,
            organization=sme_org,
            user=sme_member,
            start=at(3, 10),
            end=at(3, 12),
            status=Reservation.Status.CONFIRMED,
        )
    # Moving an existing row onto another is refused too:
    second = book(sme_member, instrument, sme_org, at(3, 12), at(3, 13))
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.filter(pk=second.pk).update(start=first.start)
    # Bulk inserts are covered as well:
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.bulk_create(
            [
                Reservation(
                    instrument=instrument,
                    organization=sme_org,
                    user=sme_member,
                    start=at(4, 9),
                    end=at(4, 11),
                    status="pending",
                ),
                Reservation(
                    instrument=instrument,
                    organization=sme_org,
                    user=sme_member,
                    start=at(4, 10),
                    end=at(4, 12),
                    status="confirmed",
                ),
            ]
        )
    assert connection.vendor in {"sqlite", "postgresql"}


def test_inactive_rows_may_overlap(instrument, sme_member, sme_org):
    first = book(sme_member, instrument, sme_org, at(5, 9), at(5, 11))
    services.cancel_reservation(act(sme_member), first)
    Reservation.objects.create(
        instrument=instrument,
        organization=sme_org,
        user=sme_member,
        start=at(5, 9),
        end=at(5, 11),
        status=Reservation.Status.REJECTED,
    )
    assert book(sme_member, instrument, sme_org, at(5, 9), at(5, 11)).pk


# Notifications


def test_request_notifies_provider_staff_and_the_booker(
    instrument,
    sme_member,
    sme_org,
    provider_admin,
    technician,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    recipients = set(Notification.objects.values_list("user__username", flat=True))
    assert recipients == {"provider_admin", "technician", "sme_member"}
    assert len(mailoutbox) == 3


def test_rejection_tells_the_booker_why(
    instrument, sme_member, sme_org, technician, django_capture_on_commit_callbacks
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_reservation(act(technician), reservation, "样品含磁性")
    note = Notification.objects.get(user=sme_member, verb="reservation.rejected")
    assert "样品含磁性" in note.body


def test_nobody_books_time_that_is_over(instrument, technician, provider_org, now):
    now(at(3, 12))
    assert reason(lambda: book(technician, instrument, provider_org, at(3, 9), at(3, 10))) == "past"
    # A session that is running may still be entered by staff:
    assert book(technician, instrument, provider_org, at(3, 11), at(3, 13)).pk


def test_qualification_expiry_is_judged_on_the_local_day(
    self_operated, technician, sme_member, sme_org, now
):
    # Expires on the 3rd: a booking at 07:00 local on the 4th (23:00 UTC on the 3rd) is refused.
    services.update_booking_rules(act(technician), self_operated, lead_time_minutes=0)
    services.add_weekly_window(act(technician), self_operated, 2, time(6), time(8))
    services.grant_qualification(
        act(technician), self_operated, sme_member, expires_on=at(3, 0).date()
    )
    assert (
        reason(lambda: book(sme_member, self_operated, sme_org, at(4, 7), at(4, 7, 30)))
        == "qualification"
    )


def test_the_operator_does_not_rent_instruments(instrument, operator, operator_org):
    assert (
        reason(lambda: book(operator, instrument, operator_org, at(3, 9), at(3, 10)))
        == "not_customer"
    )


def test_staff_privileges_belong_to_the_organization_that_books(
    instrument, technician, sme_org, now
):
    from labshare.accounts import services as account_services

    account_services.add_member(system_actor(), sme_org, technician, "member")
    # Booking for the customer, the technician is a customer: open time and approval apply.
    assert reason(lambda: book(technician, instrument, sme_org, at(7, 9), at(7, 10))) == "closed"
    assert (
        book(technician, instrument, sme_org, at(3, 9), at(3, 10)).status
        == Reservation.Status.PENDING
    )


def test_a_request_whose_time_is_over_cannot_be_approved(
    instrument, sme_member, sme_org, technician, now
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 10))
    now(at(3, 11))
    assert reason(lambda: services.approve_reservation(act(technician), reservation)) == "past"
    assert (
        services.reject_reservation(act(technician), reservation, "已过期").status
        == Reservation.Status.REJECTED
    )


def test_a_pending_request_can_be_withdrawn_close_to_the_start(
    instrument, sme_member, sme_org, now
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 10))
    now(at(3, 8, 30))
    assert (
        services.cancel_reservation(act(sme_member), reservation).status
        == Reservation.Status.CANCELLED
    )


def test_check_out_after_usage_entered_by_hand_is_refused_not_a_500(
    instrument, sme_member, sme_org, technician, now
):
    reservation = services.approve_reservation(
        act(technician), book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    )
    now(at(3, 8, 45))
    services.check_in(act(technician), reservation)
    now(at(3, 10, 0))
    services.record_usage(
        act(technician),
        instrument,
        start=at(3, 8, 45),
        end=at(3, 9, 50),
        operator=technician,
        user_organization=sme_org,
        reservation=reservation,
    )
    assert reason(lambda: services.check_out(act(technician), reservation)) == "usage_exists"


def test_usage_must_name_the_reservations_organization(
    instrument, sme_member, sme_org, outsider_org, technician, now
):
    reservation = book(sme_member, instrument, sme_org, at(3, 9), at(3, 10))
    now(at(3, 11))
    with pytest.raises(InvalidInput) as caught:
        services.record_usage(
            act(technician),
            instrument,
            start=at(3, 9),
            end=at(3, 10),
            operator=technician,
            user_organization=outsider_org,
            reservation=reservation,
        )
    assert caught.value.field == "user_organization"


def test_auto_confirmed_booking_tells_the_provider(
    instrument, provider_admin, technician, sme_member, sme_org, django_capture_on_commit_callbacks
):
    services.update_booking_rules(act(provider_admin), instrument, approval_required=False)
    with django_capture_on_commit_callbacks(execute=True):
        book(sme_member, instrument, sme_org, at(3, 9), at(3, 10))
    assert set(Notification.objects.values_list("user__username", flat=True)) == {
        "sme_member",
        "provider_admin",
        "technician",
    }


def test_admin_cancelling_a_colleagues_booking_tells_the_colleague(
    instrument, sme_member, sme_admin, sme_org, django_capture_on_commit_callbacks
):
    reservation = book(sme_member, instrument, sme_org, at(5, 9), at(5, 10))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_reservation(act(sme_admin), reservation)
    assert Notification.objects.filter(user=sme_member, verb="reservation.cancelled").exists()


def test_notifications_are_written_in_the_platform_language(
    instrument, sme_member, sme_org, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        book(sme_member, instrument, sme_org, at(3, 9), at(3, 10))
    titles = Notification.objects.filter(user=sme_member).values_list("title", flat=True)
    assert all("预约" in title for title in titles)


def test_constraint_backstop_turns_a_missed_check_into_the_overlap_message(
    instrument, sme_member, sme_admin, sme_org, monkeypatch
):
    from labshare.booking import rules

    book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    monkeypatch.setattr(rules, "check_free", lambda *args, **kwargs: None)
    with pytest.raises(Conflict) as caught:
        book(sme_admin, instrument, sme_org, at(3, 10), at(3, 12))
    assert caught.value.code == "overlap"


def test_times_without_a_zone_are_refused_before_anything_is_looked_up(
    instrument, sme_member, sme_org
):
    book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    naive = at(3, 9).replace(tzinfo=None)
    assert reason(lambda: book(sme_member, instrument, sme_org, naive, naive)) == "bad_interval"
    assert reason(lambda: book(sme_member, instrument, sme_org, at(3, 10), at(3, 9))) == (
        "bad_interval"
    )


def test_a_booking_and_its_notices_are_written_together_or_not_at_all(
    instrument, sme_member, sme_org, monkeypatch
):
    from labshare.booking import notifications

    def broken(reservation):
        raise RuntimeError("the notices could not be written")

    monkeypatch.setattr(notifications, "requested", broken)
    with pytest.raises(RuntimeError):
        book(sme_member, instrument, sme_org, at(3, 9), at(3, 11))
    assert not Reservation.objects.exists()
    assert not AuditEvent.objects.filter(verb="reservation.requested").exists()


def test_every_booking_mail_names_the_facts_and_links_to_the_reservation(
    instrument, sme_member, sme_org, technician, mailoutbox, django_capture_on_commit_callbacks
):
    from django.conf import settings

    with django_capture_on_commit_callbacks(execute=True):
        reservation = services.request_reservation(
            act(sme_member), instrument, sme_org, at(4, 9), at(4, 11), "断口形貌"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_reservation(act(technician), reservation)
    link = f"{settings.SITE_URL}/reservations/{reservation.pk}/"
    assert len(mailoutbox) >= 3
    for mail in mailoutbox:
        body = mail.body
        assert instrument.name in body and "2026-03-04 09:00–11:00" in body, mail.subject
        assert link in body, mail.subject
        assert ("状态" in body or "Status" in body) and ("下一步" in body or "Next" in body)
        assert "断口形貌" in body
