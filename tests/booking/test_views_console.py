"""The provider's pages: approvals, the week of all instruments, today's check-ins, usage entry."""

from datetime import time

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.booking import services
from labshare.booking.models import Reservation, UsageRecord
from labshare.core.models import AuditEvent
from tests.booking.conftest import at
from tests.factories import act, make_instrument, make_user

LIST_VIEWS = [
    "booking:approval_queue",
    "booking:provider_calendar",
    "booking:staff_today",
    "booking:usage_new",
]
ACTIONS = [
    "booking:reservation_approve",
    "booking:reservation_reject",
    "booking:reservation_staff_cancel",
    "booking:reservation_check_in",
    "booking:reservation_check_out",
    "booking:reservation_no_show",
]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def pending(instrument, sme_member, sme_org):
    return services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 9), at(3, 11), "断口形貌"
    )


@pytest.fixture
def confirmed(pending, technician):
    return services.approve_reservation(act(technician), pending)


# Who may open what


@pytest.mark.parametrize("name", LIST_VIEWS)
def test_anonymous_is_sent_to_login_from_console_lists(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", LIST_VIEWS)
@pytest.mark.parametrize("persona", ["provider_member", "sme_admin", "sme_member", "outsider"])
def test_console_lists_are_403_below_provider_staff(client_of, name, persona, request):
    client = client_of(request.getfixturevalue(persona))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", LIST_VIEWS)
@pytest.mark.parametrize("persona", ["technician", "provider_admin"])
def test_console_lists_open_for_provider_staff(client_of, name, persona, request):
    assert client_of(request.getfixturevalue(persona)).get(reverse(name)).status_code == 200


def test_usage_entry_post_is_403_for_a_provider_member(client_of, provider_member):
    assert client_of(provider_member).post(reverse("booking:usage_new"), {}).status_code == 403


@pytest.mark.parametrize("name", ACTIONS)
def test_anonymous_is_sent_to_login_from_actions(client, pending, name):
    response = client.post(reverse(name, args=[pending.pk]), {"reason": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("outsider", 404),
        ("other_provider_admin", 404),
        # The customer's own side cannot decide: the provider's tenant is not theirs.
        ("sme_member", 404),
        ("sme_admin", 404),
        ("provider_member", 403),
    ],
)
def test_actions_refuse_other_tenants_and_low_roles(
    client_of, pending, name, persona, status, request
):
    client = client_of(request.getfixturevalue(persona))
    response = client.post(reverse(name, args=[pending.pk]), {"reason": "x"})
    assert response.status_code == status
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.PENDING


@pytest.mark.parametrize("name", ACTIONS)
def test_actions_need_post(client_of, pending, technician, name):
    assert client_of(technician).get(reverse(name, args=[pending.pk])).status_code == 405


@pytest.mark.parametrize("name", ACTIONS)
def test_actions_on_an_unknown_reservation_are_404(client_of, technician, name):
    assert (
        client_of(technician).post(reverse(name, args=[424242]), {"reason": "x"}).status_code == 404
    )


# Approving and rejecting


def test_approval_queue_lists_pending_requests_oldest_first(
    client_of,
    instrument,
    sme_member,
    sme_org,
    outsider,
    outsider_org,
    technician,
    other_provider_org,
    other_provider_admin,
):
    later = services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10))
    first = services.request_reservation(
        act(outsider), instrument, outsider_org, at(2, 14), at(2, 15)
    )
    Reservation.objects.filter(pk=later.pk).update(created_at=at(1, 12))
    Reservation.objects.filter(pk=first.pk).update(created_at=at(1, 10))
    elsewhere = make_instrument(other_provider_org, "别家的电镜")
    services.add_weekly_window(act(other_provider_admin), elsewhere, 1, time(8), time(18))
    services.request_reservation(act(sme_member), elsewhere, sme_org, at(3, 9), at(3, 10))
    response = client_of(technician).get(reverse("booking:approval_queue"))
    assert [r.pk for r in response.context["page_obj"].object_list] == [first.pk, later.pk]
    html = response.content.decode()
    assert reverse("booking:reservation_approve", args=[first.pk]) in html
    assert reverse("booking:reservation_reject", args=[first.pk]) in html


def test_approval_queue_is_empty_for_another_provider(client_of, pending, other_provider_admin):
    response = client_of(other_provider_admin).get(reverse("booking:approval_queue"))
    assert list(response.context["page_obj"].object_list) == []
    assert 'class="empty"' in response.content.decode()


def test_approval_queue_query_count_does_not_grow_with_rows(
    client_of, instrument, sme_member, sme_org, technician
):
    client = client_of(technician)
    url = reverse("booking:approval_queue")
    services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in (4, 5, 6):
        for hour in range(8, 17):
            services.request_reservation(
                act(sme_member), instrument, sme_org, at(day, hour), at(day, hour + 1)
            )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 20
    assert len(many) == len(few)


def test_reject_requires_a_reason(client_of, pending, technician):
    client = client_of(technician)
    url = reverse("booking:reservation_reject", args=[pending.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 302 and messages_of(response)
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.PENDING
    client.post(url, {"reason": "样品含磁性"})
    pending.refresh_from_db()
    assert pending.status == Reservation.Status.REJECTED and pending.decision_note == "样品含磁性"


def test_approving_twice_says_why_instead_of_failing(client_of, confirmed, technician):
    response = client_of(technician).post(
        reverse("booking:reservation_approve", args=[confirmed.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("booking:reservation_detail", args=[confirmed.pk])
    assert messages_of(response)


def test_staff_cancel_requires_a_reason(client_of, confirmed, technician):
    client = client_of(technician)
    url = reverse("booking:reservation_staff_cancel", args=[confirmed.pk])
    client.post(url, {"reason": ""})
    assert Reservation.objects.get(pk=confirmed.pk).status == Reservation.Status.CONFIRMED
    client.post(url, {"reason": "设备故障"})
    assert Reservation.objects.get(pk=confirmed.pk).status == Reservation.Status.CANCELLED


def test_next_must_stay_on_this_site(client_of, pending, technician):
    response = client_of(technician).post(
        reverse("booking:reservation_approve", args=[pending.pk]), {"next": "//evil.example/x"}
    )
    assert response["Location"] == reverse("booking:reservation_detail", args=[pending.pk])


# Today at the instruments: check-in, check-out, no-show


def test_check_in_and_out_through_today_records_usage(client_of, confirmed, technician, now):
    client = client_of(technician)
    today = reverse("booking:staff_today")
    now(at(3, 8, 45))
    response = client.get(today)
    assert [r.pk for r in response.context["page_obj"].object_list] == [confirmed.pk]
    html = response.content.decode()
    assert reverse("booking:reservation_check_in", args=[confirmed.pk]) in html
    assert reverse("booking:reservation_no_show", args=[confirmed.pk]) not in html  # not started

    response = client.post(
        reverse("booking:reservation_check_in", args=[confirmed.pk]), {"next": today}
    )
    assert response["Location"] == today
    assert Reservation.objects.get(pk=confirmed.pk).status == Reservation.Status.IN_USE
    assert (
        reverse("booking:reservation_check_out", args=[confirmed.pk])
        in client.get(today).content.decode()
    )

    now(at(3, 10, 45))
    client.post(reverse("booking:reservation_check_out", args=[confirmed.pk]), {"next": today})
    usage = UsageRecord.objects.get(reservation=confirmed)
    assert (usage.start, usage.end) == (at(3, 8, 45), at(3, 10, 45))
    assert usage.source == UsageRecord.Source.CHECKOUT and usage.is_outside
    assert Reservation.objects.get(pk=confirmed.pk).status == Reservation.Status.COMPLETED


def test_today_lists_only_todays_reservations_of_this_provider(
    client_of, instrument, sme_member, sme_org, technician, other_provider_admin, now
):
    today_one = services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 9), at(3, 10)
    )
    services.request_reservation(act(sme_member), instrument, sme_org, at(4, 9), at(4, 10))
    now(at(3, 7))
    response = client_of(technician).get(reverse("booking:staff_today"))
    assert [r.pk for r in response.context["page_obj"].object_list] == [today_one.pk]
    other = client_of(other_provider_admin).get(reverse("booking:staff_today"))
    assert list(other.context["page_obj"].object_list) == []


def test_no_show_after_the_start(client_of, confirmed, technician, now):
    client = client_of(technician)
    url = reverse("booking:reservation_no_show", args=[confirmed.pk])
    response = client.post(url)  # before the start: refused with a message
    assert messages_of(response)
    assert Reservation.objects.get(pk=confirmed.pk).status == Reservation.Status.CONFIRMED
    now(at(3, 9, 40))
    assert url in client.get(reverse("booking:staff_today")).content.decode()
    client.post(url)
    assert Reservation.objects.get(pk=confirmed.pk).status == Reservation.Status.NO_SHOW


def test_check_in_outside_its_window_says_why(client_of, confirmed, technician):
    response = client_of(technician).post(
        reverse("booking:reservation_check_in", args=[confirmed.pk])
    )
    assert response.status_code == 302 and messages_of(response)
    assert Reservation.objects.get(pk=confirmed.pk).status == Reservation.Status.CONFIRMED


# The provider's week


def _instruments_with_bookings(provider_org, provider_admin, sme_member, sme_org, count, start=0):
    made = []
    for n in range(start, start + count):
        instrument = make_instrument(provider_org, f"仪器{n:02d}")
        services.add_weekly_window(act(provider_admin), instrument, 1, time(8), time(18))
        services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10))
        services.add_blackout(act(provider_admin), instrument, at(3, 14), at(3, 15), "校准")
        made.append(instrument)
    return made


def test_provider_calendar_shows_each_instruments_week(
    client_of, instrument, pending, provider_admin, technician
):
    services.add_blackout(act(provider_admin), instrument, at(4, 12), at(4, 14), "年度校准")
    response = client_of(technician).get(
        reverse("booking:provider_calendar"), {"week": "2026-03-04"}
    )
    assert response.context["week"].monday.isoformat() == "2026-03-02"
    row = next(r for r in response.context["rows"] if r.instrument == instrument)
    monday, tuesday, wednesday = row.cells[:3]
    assert monday.open_texts == ["08:00–18:00"]
    assert [r.pk for r in tuesday.reservations] == [pending.pk]
    assert [b.reason for b in wednesday.blackouts] == ["年度校准"]
    assert row.cells[5].open_texts == []  # Saturday
    html = response.content.decode()
    assert "测试科技" in html and "年度校准" in html


def test_provider_calendar_week_navigation_with_htmx(client_of, instrument, technician):
    response = client_of(technician).get(
        reverse("booking:provider_calendar"), {"week": "2026-03-10"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html and 'data-week="2026-03-09"' in html
    assert 'hx-target="#provider-calendar"' in html


def test_provider_calendar_query_count_does_not_grow_with_instruments(
    client_of, provider_org, provider_admin, sme_member, sme_org, technician, now
):
    client = client_of(technician)
    url = reverse("booking:provider_calendar")
    _instruments_with_bookings(provider_org, provider_admin, sme_member, sme_org, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"week": "2026-03-02"})
    _instruments_with_bookings(provider_org, provider_admin, sme_member, sme_org, 10, start=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"week": "2026-03-02"})
    assert len(response.context["rows"]) == 12
    assert len(many) == len(few)


# Usage entered by staff


@pytest.fixture
def usage_data(instrument, technician, outsider_org):
    return {
        "instrument": instrument.pk,
        "start": "2026-03-01T09:00",
        "end": "2026-03-01T11:30",
        "operator": technician.pk,
        "user_organization": outsider_org.pk,
        "note": "周日加班测试",
    }


def test_staff_record_usage_by_hand(client_of, technician, usage_data, instrument, outsider_org):
    response = client_of(technician).post(reverse("booking:usage_new"), usage_data)
    assert response.status_code == 302 and response["Location"] == reverse("booking:staff_today")
    usage = UsageRecord.objects.get()
    assert usage.instrument == instrument and usage.user_organization == outsider_org
    assert usage.source == UsageRecord.Source.STAFF and str(usage.hours) == "2.50"
    assert usage.is_outside and usage.recorded_by == technician


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("instrument", "abc"),
        ("instrument", "999999"),
        ("operator", "999999"),
        ("user_organization", "nope"),
        ("start", "2026-13-01T09:00"),
        ("end", "2026-03-01T08:00"),  # before the start
        ("end", "2026-03-09T08:00"),  # in the future: the service refuses it
        ("reservation", "abc"),
        ("reservation", "99999999999999999999999"),
        ("reservation", "424242"),
    ],
)
def test_bad_usage_input_is_shown_on_its_field(client_of, technician, usage_data, field, value):
    response = client_of(technician).post(
        reverse("booking:usage_new"), {**usage_data, field: value}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not UsageRecord.objects.exists()


def test_usage_cannot_name_another_providers_instrument_or_operator(
    client_of, technician, usage_data, other_provider_org, other_provider_admin
):
    theirs = make_instrument(other_provider_org, "别家的电镜")
    client = client_of(technician)
    for field, value in (("instrument", theirs.pk), ("operator", other_provider_admin.pk)):
        response = client.post(reverse("booking:usage_new"), {**usage_data, field: value})
        assert response.status_code == 200 and response.context["form"].errors[field]
    assert not UsageRecord.objects.exists()


def test_usage_for_another_providers_reservation_is_refused(
    client_of, technician, usage_data, other_provider_org, other_provider_admin, sme_member, sme_org
):
    theirs = make_instrument(other_provider_org, "别家的电镜")
    foreign = services.request_reservation(
        act(other_provider_admin), theirs, other_provider_org, at(3, 9), at(3, 10)
    )
    response = client_of(technician).post(
        reverse("booking:usage_new"), {**usage_data, "reservation": foreign.pk}
    )
    assert response.context["form"].errors["reservation"]


def test_usage_form_is_prefilled_from_a_reservation(client_of, confirmed, technician):
    response = client_of(technician).get(
        reverse("booking:usage_new"), {"reservation": confirmed.pk}
    )
    initial = response.context["form"].initial
    assert (
        initial["instrument"] == confirmed.instrument_id and initial["reservation"] == confirmed.pk
    )
    for junk in ("abc", "99999999999999999999999", "424242"):
        assert (
            client_of(technician)
            .get(reverse("booking:usage_new"), {"reservation": junk})
            .status_code
            == 200
        )


def test_usage_operator_choices_are_the_providers_people(
    client_of, technician, provider_admin, sme_member
):
    make_user("stranger")
    form = client_of(technician).get(reverse("booking:usage_new")).context["form"]
    names = {user.username for user in form.fields["operator"].queryset}
    assert names == {"technician", "provider_admin"}


@pytest.fixture
def in_use(client_of, confirmed, technician, now):
    now(at(3, 8, 45))
    client_of(technician).post(reverse("booking:reservation_check_in", args=[confirmed.pk]))
    now(at(3, 10, 45))
    return confirmed


def test_check_out_shows_the_elapsed_minutes_to_correct(client_of, in_use, technician):
    html = client_of(technician).get(reverse("booking:staff_today")).content.decode()
    assert 'name="effective_minutes"' in html and 'value="120"' in html


def test_staff_correct_the_effective_time_with_a_reason(client_of, in_use, technician, now):
    check_out = reverse("booking:reservation_check_out", args=[in_use.pk])
    response = client_of(technician).post(
        check_out, {"effective_minutes": "150", "shown_minutes": "120", "reason": "含制样 30 分钟"}
    )
    assert response.status_code == 302
    usage = UsageRecord.objects.get(reservation=in_use)
    assert str(usage.hours) == "2.50" and str(usage.elapsed_hours) == "2.00"
    assert usage.adjustment_reason == "含制样 30 分钟"
    event = AuditEvent.objects.get(verb="usage.recorded")
    assert event.data["reason"] == "含制样 30 分钟" and event.data["elapsed_hours"] == "2.00"


def test_a_correction_without_a_reason_is_refused_and_nothing_changes(
    client_of, in_use, technician
):
    check_out = reverse("booking:reservation_check_out", args=[in_use.pk])
    response = client_of(technician).post(
        check_out, {"effective_minutes": "30", "shown_minutes": "120"}, follow=True
    )
    assert any("120" in str(m) for m in response.context["messages"])
    assert Reservation.objects.get(pk=in_use.pk).status == Reservation.Status.IN_USE
    assert not UsageRecord.objects.exists()


def test_the_shown_time_left_as_it_was_is_the_elapsed_time(client_of, in_use, technician, now):
    now(at(3, 10, 52))  # the page was opened seven minutes earlier
    client_of(technician).post(
        reverse("booking:reservation_check_out", args=[in_use.pk]),
        {"effective_minutes": "120", "shown_minutes": "120"},
    )
    usage = UsageRecord.objects.get(reservation=in_use)
    assert usage.effective_minutes is None and str(usage.hours) == "2.12"


@pytest.mark.parametrize("minutes", ["-5", "1441", "abc", "99999999999999999999"])
def test_an_impossible_effective_time_is_refused(client_of, in_use, technician, minutes):
    client_of(technician).post(
        reverse("booking:reservation_check_out", args=[in_use.pk]),
        {"effective_minutes": minutes, "reason": "x"},
    )
    assert not UsageRecord.objects.exists()
