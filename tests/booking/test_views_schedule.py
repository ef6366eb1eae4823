"""An instrument's schedule pages: booking rules, weekly openings, extra openings, blackouts and
qualified users, for the provider's staff only."""

from datetime import date, time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from labshare.booking import services
from labshare.booking.models import (
    Blackout,
    BookingRules,
    ExtraOpening,
    Qualification,
    WeeklyWindow,
)
from tests.booking.conftest import at
from tests.factories import act, make_instrument

INSTRUMENT_VIEWS = [
    ("get", "booking:instrument_schedule"),
    ("post", "booking:rules_update"),
    ("post", "booking:window_add"),
    ("post", "booking:opening_add"),
    ("post", "booking:blackout_add"),
    ("get", "booking:qualification_list"),
    ("post", "booking:qualification_list"),
]
ITEM_VIEWS = [
    "booking:window_delete",
    "booking:opening_delete",
    "booking:blackout_delete",
    "booking:qualification_revoke",
]


@pytest.fixture
def items(instrument, provider_admin, sme_member):
    """One of each schedule item of the instrument, keyed by the view that removes it."""
    return {
        "booking:window_delete": WeeklyWindow.objects.filter(instrument=instrument).first(),
        "booking:opening_delete": services.add_extra_opening(
            act(provider_admin), instrument, at(7, 9), at(7, 12), "周六加开"
        ),
        "booking:blackout_delete": services.add_blackout(
            act(provider_admin), instrument, at(4, 12), at(4, 14), "年度校准"
        ),
        "booking:qualification_revoke": services.grant_qualification(
            act(provider_admin), instrument, sme_member
        ),
    }


def item_exists(item) -> bool:
    if isinstance(item, Qualification):
        return Qualification.objects.filter(pk=item.pk, revoked_at__isnull=True).exists()
    return type(item).objects.filter(pk=item.pk).exists()


# Who may open what


@pytest.mark.parametrize(("method", "name"), INSTRUMENT_VIEWS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("outsider", 404),
        ("other_provider_admin", 404),
        ("sme_admin", 404),
        ("provider_member", 403),
    ],
)
def test_schedule_pages_refuse_other_tenants_and_low_roles(
    client_of, instrument, method, name, persona, status, request
):
    client = client_of(request.getfixturevalue(persona))
    response = getattr(client, method)(reverse(name, args=[instrument.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("method", "name"), INSTRUMENT_VIEWS)
def test_anonymous_is_sent_to_login_from_schedule_pages(client, instrument, method, name):
    response = getattr(client, method)(reverse(name, args=[instrument.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ITEM_VIEWS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("outsider", 404),
        ("other_provider_admin", 404),
        ("sme_member", 404),
        ("provider_member", 403),
    ],
)
def test_removing_items_refuses_other_tenants_and_low_roles(
    client_of, instrument, items, name, persona, status, request
):
    item = items[name]
    response = client_of(request.getfixturevalue(persona)).post(
        reverse(name, args=[instrument.pk, item.pk])
    )
    assert response.status_code == status
    assert item_exists(item)


@pytest.mark.parametrize("name", ITEM_VIEWS)
def test_an_item_reached_through_another_instrument_is_404(
    client_of, instrument, items, provider_org, technician, name
):
    other = make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    response = client_of(technician).post(reverse(name, args=[other.pk, items[name].pk]))
    assert response.status_code == 404
    assert item_exists(items[name])


@pytest.mark.parametrize("name", ITEM_VIEWS)
def test_anonymous_is_sent_to_login_from_item_views(client, instrument, items, name):
    response = client.post(reverse(name, args=[instrument.pk, items[name].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", [*ITEM_VIEWS, "booking:rules_update", "booking:window_add"])
def test_write_views_need_post(client_of, instrument, items, technician, name):
    args = [instrument.pk, items[name].pk] if name in ITEM_VIEWS else [instrument.pk]
    assert client_of(technician).get(reverse(name, args=args)).status_code == 405


# The schedule page


def test_schedule_page_lists_everything_with_empty_states(client_of, provider_org, technician):
    bare = make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    response = client_of(technician).get(reverse("booking:instrument_schedule", args=[bare.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="empty"') == 3


def test_schedule_page_shows_items(client_of, instrument, items, technician):
    html = (
        client_of(technician)
        .get(reverse("booking:instrument_schedule", args=[instrument.pk]))
        .content.decode()
    )
    assert "周六加开" in html and "年度校准" in html and "08:00–18:00" in html


# Booking rules


def test_rules_update_saves(client_of, instrument, technician):
    data = {
        "granularity_minutes": "60",
        "min_duration_minutes": "60",
        "max_duration_minutes": "240",
        "lead_time_minutes": "120",
        "horizon_days": "30",
        "cancellation_deadline_hours": "48",
        # approval_required unchecked: requests are confirmed at once
    }
    response = client_of(technician).post(
        reverse("booking:rules_update", args=[instrument.pk]), data
    )
    assert response.status_code == 302
    rules = BookingRules.objects.get(instrument=instrument)
    assert (rules.granularity_minutes, rules.max_duration_minutes, rules.approval_required) == (
        60,
        240,
        False,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("granularity_minutes", "3"),  # below the model's minimum of 5
        ("granularity_minutes", "abc"),
        ("horizon_days", "0"),
        ("min_duration_minutes", "600"),  # longer than the longest: the service says so
        ("max_duration_minutes", "95"),  # not a multiple of the 30-minute slot
    ],
)
def test_rules_update_with_a_bad_value_shows_the_field_error(
    client_of, instrument, technician, field, value
):
    data = {
        "granularity_minutes": "30",
        "min_duration_minutes": "30",
        "max_duration_minutes": "480",
        "lead_time_minutes": "60",
        "horizon_days": "60",
        "approval_required": "on",
        "cancellation_deadline_hours": "24",
        field: value,
    }
    response = client_of(technician).post(
        reverse("booking:rules_update", args=[instrument.pk]), data
    )
    assert response.status_code == 200
    assert response.context["rules_form"].errors[field]
    assert not BookingRules.objects.filter(instrument=instrument).exists()


# Weekly openings, extra openings and blackouts


def test_add_and_remove_a_weekly_window(client_of, instrument, technician):
    client = client_of(technician)
    response = client.post(
        reverse("booking:window_add", args=[instrument.pk]),
        {"weekday": "5", "start_time": "09:00", "end_time": "00:00", "valid_from": "2026-03-01"},
    )
    assert response.status_code == 302
    window = WeeklyWindow.objects.get(instrument=instrument, weekday=5)
    assert (window.start_time, window.end_time, window.valid_from) == (
        time(9),
        time(0),
        date(2026, 3, 1),
    )
    client.post(reverse("booking:window_delete", args=[instrument.pk, window.pk]))
    assert not WeeklyWindow.objects.filter(pk=window.pk).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"weekday": "7", "start_time": "09:00", "end_time": "12:00"}, "weekday"),
        ({"weekday": "x", "start_time": "09:00", "end_time": "12:00"}, "weekday"),
        ({"weekday": "5", "start_time": "25:00", "end_time": "12:00"}, "start_time"),
        ({"weekday": "5", "start_time": "12:00", "end_time": "09:00"}, "end_time"),
        (
            {
                "weekday": "5",
                "start_time": "09:00",
                "end_time": "12:00",
                "valid_from": "2026-05-01",
                "valid_until": "2026-04-01",
            },
            "valid_until",
        ),
    ],
)
def test_bad_window_is_shown_on_its_field(client_of, instrument, technician, data, field):
    response = client_of(technician).post(reverse("booking:window_add", args=[instrument.pk]), data)
    assert response.status_code == 200
    assert response.context["window_form"].errors[field]
    assert not WeeklyWindow.objects.filter(instrument=instrument, weekday=5).exists()


def test_add_and_remove_an_extra_opening(client_of, instrument, technician, now):
    client = client_of(technician)
    client.post(
        reverse("booking:opening_add", args=[instrument.pk]),
        {"start": "2026-03-07T09:00", "end": "2026-03-07T12:00", "note": "周六加开"},
    )
    opening = ExtraOpening.objects.get(instrument=instrument)
    assert (opening.start, opening.end, opening.note) == (at(7, 9), at(7, 12), "周六加开")
    calendar = client.get(reverse("booking:instrument_calendar", args=[instrument.pk]))
    assert 'data-kind="free" data-start="2026-03-07T09:00"' in calendar.content.decode()
    client.post(reverse("booking:opening_delete", args=[instrument.pk, opening.pk]))
    assert not ExtraOpening.objects.exists()


def test_add_and_remove_a_blackout(client_of, instrument, technician, now):
    client = client_of(technician)
    response = client.post(
        reverse("booking:blackout_add", args=[instrument.pk]),
        {"start": "2026-03-04T12:00", "end": "2026-03-04T14:00", "reason": "年度校准"},
    )
    assert response.status_code == 302
    blackout = Blackout.objects.get(instrument=instrument)
    assert (blackout.start, blackout.end) == (at(4, 12), at(4, 14))
    client.post(reverse("booking:blackout_delete", args=[instrument.pk, blackout.pk]))
    assert not Blackout.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start": "2026-03-04T12:00", "end": "2026-03-04T14:00", "reason": ""}, "reason"),
        ({"start": "2026-03-04T14:00", "end": "2026-03-04T12:00", "reason": "校准"}, "end"),
        ({"start": "someday", "end": "2026-03-04T12:00", "reason": "校准"}, "start"),
        ({"start": "0001-01-01T00:00", "end": "0001-01-01T01:00", "reason": "校准"}, "start"),
    ],
)
def test_bad_blackout_is_shown_on_its_field(client_of, instrument, technician, data, field):
    response = client_of(technician).post(
        reverse("booking:blackout_add", args=[instrument.pk]), data
    )
    assert response.status_code == 200
    assert response.context["blackout_form"].errors[field]
    assert not Blackout.objects.exists()


def test_bad_opening_is_shown_on_its_field(client_of, instrument, technician):
    response = client_of(technician).post(
        reverse("booking:opening_add", args=[instrument.pk]),
        {"start": "2026-03-07T12:00", "end": "2026-03-07T09:00"},
    )
    assert response.status_code == 200 and response.context["opening_form"].errors["end"]
    assert not ExtraOpening.objects.exists()


# Qualified users


def test_grant_and_revoke_a_qualification(client_of, self_operated, technician, sme_member, now):
    client = client_of(technician)
    url = reverse("booking:qualification_list", args=[self_operated.pk])
    response = client.post(url, {"username": "sme_member", "expires_on": "2026-12-31"})
    assert response.status_code == 302
    qualification = Qualification.objects.get(instrument=self_operated, user=sme_member)
    assert qualification.expires_on == date(2026, 12, 31) and qualification.granted_by == technician

    # The customer can now book the self-operated instrument through the page.
    booked = client_of(sme_member).post(
        reverse("booking:reservation_new", args=[self_operated.pk]),
        {"start": "2026-03-03T09:00", "end": "2026-03-03T10:00"},
    )
    assert booked.status_code == 302

    client = client_of(technician)
    client.post(reverse("booking:qualification_revoke", args=[self_operated.pk, qualification.pk]))
    qualification.refresh_from_db()
    assert qualification.revoked_at is not None
    listed = client.get(url).context["page_obj"].object_list
    assert [q.pk for q in listed] == [qualification.pk]
    assert (
        reverse("booking:qualification_revoke", args=[self_operated.pk, qualification.pk])
        not in client.get(url).content.decode()
    )


def test_qualification_list_shows_current_before_revoked(
    client_of, self_operated, technician, sme_member, sme_admin
):
    old = services.grant_qualification(act(technician), self_operated, sme_admin)
    services.revoke_qualification(act(technician), old)
    current = services.grant_qualification(act(technician), self_operated, sme_member)
    response = client_of(technician).get(
        reverse("booking:qualification_list", args=[self_operated.pk])
    )
    assert [q.pk for q in response.context["page_obj"].object_list] == [current.pk, old.pk]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"username": "nobody-here"}, "username"),
        ({"username": ""}, "username"),
        ({"username": "sme_member", "expires_on": "2026-02-01"}, "expires_on"),  # in the past
        ({"username": "sme_member", "expires_on": "31/12/2026"}, "expires_on"),
    ],
)
def test_bad_grant_is_shown_on_its_field(
    client_of, self_operated, technician, sme_member, now, data, field
):
    response = client_of(technician).post(
        reverse("booking:qualification_list", args=[self_operated.pk]), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Qualification.objects.exists()


def test_revoking_twice_says_why(client_of, self_operated, technician, sme_member):
    qualification = services.grant_qualification(act(technician), self_operated, sme_member)
    url = reverse("booking:qualification_revoke", args=[self_operated.pk, qualification.pk])
    client = client_of(technician)
    client.post(url)
    response = client.post(url)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)]
