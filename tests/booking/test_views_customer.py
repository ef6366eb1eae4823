"""The customer's pages: book, list, read and cancel reservations."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.billing import services as billing
from labshare.booking import rules, services
from labshare.booking.models import Reservation
from labshare.core.models import Notification
from tests.booking.conftest import at
from tests.factories import act, make_instrument, make_member, make_user


def book_url(instrument) -> str:
    return reverse("booking:reservation_new", args=[instrument.pk])


def form_data(start: str, end: str, purpose: str = "断口形貌") -> dict:
    return {"start": start, "end": end, "purpose": purpose}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def pending(instrument, sme_member, sme_org):
    return services.request_reservation(act(sme_member), instrument, sme_org, at(4, 9), at(4, 11))


# Who may open what


def test_anonymous_is_sent_to_login_everywhere(client, instrument, pending):
    urls = [
        ("get", book_url(instrument)),
        ("post", book_url(instrument)),
        ("get", reverse("booking:my_reservations")),
        ("get", reverse("booking:reservation_detail", args=[pending.pk])),
        ("post", reverse("booking:reservation_cancel", args=[pending.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("outsider", 404),
        ("other_provider_admin", 404),
        ("provider_member", 403),
        ("sme_member", 200),
        ("sme_admin", 200),
        ("technician", 200),
        ("provider_admin", 200),
    ],
)
def test_who_may_read_a_reservation(client_of, pending, persona, status, request):
    client = client_of(request.getfixturevalue(persona))
    response = client.get(reverse("booking:reservation_detail", args=[pending.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("persona", ["outsider", "other_provider_admin", "technician"])
def test_only_the_booking_organization_reaches_the_customer_cancel(
    client_of, pending, persona, request
):
    client = client_of(request.getfixturevalue(persona))
    response = client.post(reverse("booking:reservation_cancel", args=[pending.pk]))
    assert response.status_code == 404
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.PENDING


def test_a_get_of_cancel_only_asks(client_of, pending, sme_member):
    url = reverse("booking:reservation_cancel", args=[pending.pk])
    assert client_of(sme_member).get(url).status_code == 200
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.PENDING


def test_unknown_reservation_is_404(client_of, sme_member):
    assert (
        client_of(sme_member).get(reverse("booking:reservation_detail", args=[987654])).status_code
        == 404
    )


def test_unpublished_instrument_cannot_be_booked_by_customers(client_of, provider_org, outsider):
    draft = make_instrument(provider_org, "激光共聚焦显微镜", class_code="010802", publish=False)
    assert client_of(outsider).get(book_url(draft)).status_code == 404
    assert (
        client_of(outsider)
        .post(book_url(draft), form_data("2026-03-03T09:00", "2026-03-03T10:00"))
        .status_code
        == 404
    )


def test_a_user_without_organization_is_told_to_join_one(client_of, instrument):
    loner = make_user("loner")
    client = client_of(loner)
    for response in (
        client.get(book_url(instrument)),
        client.post(book_url(instrument), form_data("2026-03-03T09:00", "2026-03-03T10:00")),
        client.get(reverse("booking:my_reservations")),
    ):
        assert response.status_code == 200
        assert 'id="no-organization"' in response.content.decode()
    assert not Reservation.objects.exists()


# Booking through the page


def test_booking_form_is_prefilled_from_the_calendar_slot(client_of, instrument, sme_member):
    response = client_of(sme_member).get(
        book_url(instrument), {"start": "2026-03-03T09:00", "end": "2026-03-03T09:30"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2026-03-03T09:00"' in html and 'value="2026-03-03T09:30"' in html
    assert 'id="rules-summary"' in html


def test_customer_books_and_the_provider_approves(client_of, instrument, sme_member, technician):
    client = client_of(sme_member)
    response = client.post(book_url(instrument), form_data("2026-03-03T09:00", "2026-03-03T11:00"))
    reservation = Reservation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("booking:reservation_detail", args=[reservation.pk])
    assert reservation.status == Reservation.Status.PENDING
    assert (reservation.start, reservation.end) == (at(3, 9), at(3, 11))  # read as Beijing time
    assert reservation.purpose == "断口形貌" and reservation.user == sme_member

    staff = client_of(technician)
    queue = staff.get(reverse("booking:approval_queue"))
    assert [r.pk for r in queue.context["page_obj"].object_list] == [reservation.pk]
    response = staff.post(
        reverse("booking:reservation_approve", args=[reservation.pk]),
        {"next": reverse("booking:approval_queue")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("booking:approval_queue")
    assert Reservation.objects.get(pk=reservation.pk).status == Reservation.Status.CONFIRMED
    assert not staff.get(reverse("booking:approval_queue")).context["page_obj"].object_list

    mine = client_of(sme_member).get(reverse("booking:my_reservations"))
    assert [(r.pk, r.status) for r in mine.context["page_obj"].object_list] == [
        (reservation.pk, Reservation.Status.CONFIRMED)
    ]
    assert 'data-status="confirmed"' in mine.content.decode()


def test_without_approval_the_booking_is_confirmed_at_once(
    client_of, instrument, sme_member, provider_admin
):
    services.update_booking_rules(act(provider_admin), instrument, approval_required=False)
    client_of(sme_member).post(
        book_url(instrument), form_data("2026-03-03T09:00", "2026-03-03T10:00")
    )
    assert Reservation.objects.get().status == Reservation.Status.CONFIRMED


def test_the_second_booking_of_the_same_time_gets_the_overlap_message(
    client_of, instrument, sme_member, outsider
):
    first = client_of(sme_member).post(
        book_url(instrument), form_data("2026-03-03T09:00", "2026-03-03T11:00")
    )
    assert first.status_code == 302
    response = client_of(outsider).post(
        book_url(instrument), form_data("2026-03-03T10:00", "2026-03-03T12:00")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert str(rules.overlap_error().message) in html
    # Shown beside the start time, where the user changes it.
    assert response.context["form"].errors["start"] == [str(rules.overlap_error().message)]
    assert Reservation.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("", "2026-03-03T10:00", "start"),
        ("tomorrow", "2026-03-03T10:00", "start"),
        ("2026-02-30T09:00", "2026-03-03T10:00", "start"),
        ("2026-03-03T09:00", "", "end"),
        ("2026-03-03T11:00", "2026-03-03T09:00", "end"),
        ("2026-03-03T09:00", "2026-03-03T09:00", "end"),
        ("0001-01-01T00:00", "0001-01-01T01:00", "start"),
        ("9999-12-31T23:00", "9999-12-31T23:30", "start"),
        ("2026-03-03T09:10", "2026-03-03T10:00", "start"),  # off the 30-minute grid
        ("2026-03-07T09:00", "2026-03-07T10:00", "start"),  # Saturday: closed
        ("2026-03-02T08:30", "2026-03-02T09:30", "start"),  # within the lead time
        ("2026-03-03T09:00", "2026-03-03T18:00", "end"),  # longer than 8 hours
    ],
)
def test_bad_times_are_shown_on_their_field(client_of, instrument, sme_member, start, end, field):
    response = client_of(sme_member).post(book_url(instrument), form_data(start, end))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Reservation.objects.exists()


def test_purpose_longer_than_allowed_is_refused(client_of, instrument, sme_member):
    response = client_of(sme_member).post(
        book_url(instrument), form_data("2026-03-03T09:00", "2026-03-03T10:00", "x" * 201)
    )
    assert response.status_code == 200 and response.context["form"].errors["purpose"]


def test_self_operated_instrument_without_qualification_says_why(
    client_of, self_operated, sme_member
):
    response = client_of(sme_member).post(
        book_url(self_operated), form_data("2026-03-03T09:00", "2026-03-03T10:00")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Reservation.objects.exists()


# The cost estimate: the provider's price list for the booking organisation's tier


def priced_instrument(provider_org, provider_admin, price, **rule):
    instrument = make_instrument(provider_org, "台式扫描电镜", hourly_fee=Decimal("999"))
    billing.set_price(
        act(provider_admin),
        instrument,
        "enterprise",  # the SME's flag is self-declared, not verified: the enterprise tier
        date(2026, 1, 1),
        unit_price=Decimal(price),
        **({"increment_minutes": 1} | rule),
    )
    return instrument


@pytest.mark.parametrize(
    ("fee", "start", "end", "expected"),
    [
        ("350.00", "2026-03-03T09:00", "2026-03-03T10:30", Decimal("525.00")),
        ("0.05", "2026-03-03T09:00", "2026-03-03T09:30", Decimal("0.03")),  # 0.025 rounds half up
        ("100.01", "2026-03-03T09:00", "2026-03-03T09:30", Decimal("50.01")),  # 50.005
    ],
)
def test_cost_estimate_is_price_times_hours_rounded_half_up(
    client_of, provider_org, provider_admin, sme_member, fee, start, end, expected
):
    instrument = priced_instrument(provider_org, provider_admin, fee)
    response = client_of(sme_member).get(book_url(instrument), {"start": start, "end": end})
    assert response.context["estimate"] == expected
    assert f"¥{expected}" in response.content.decode()


def test_cost_estimate_applies_the_increment_and_the_minimum(
    client_of, provider_org, provider_admin, sme_member
):
    instrument = priced_instrument(
        provider_org, provider_admin, "200", increment_minutes=60, minimum=Decimal("300")
    )
    response = client_of(sme_member).get(
        book_url(instrument), {"start": "2026-03-03T09:00", "end": "2026-03-03T10:30"}
    )
    assert response.context["estimate"] == Decimal("400.00")  # 1.5 h → 2 h × 200
    response = client_of(sme_member).get(
        book_url(instrument), {"start": "2026-03-03T09:00", "end": "2026-03-03T09:30"}
    )
    assert response.context["estimate"] == Decimal("300.00")  # 1 h × 200 → the minimum


def test_no_estimate_without_a_price_list(client_of, instrument, sme_member):
    response = client_of(sme_member).get(
        book_url(instrument), {"start": "2026-03-03T09:00", "end": "2026-03-03T10:00"}
    )
    assert response.context["estimate"] is None


def test_estimate_is_recomputed_on_a_refused_post(
    client_of, provider_org, provider_admin, sme_member, now
):
    instrument = priced_instrument(provider_org, provider_admin, "200")
    response = client_of(sme_member).post(
        book_url(instrument), form_data("2026-03-07T09:00", "2026-03-07T10:00")
    )
    assert response.status_code == 200 and response.context["estimate"] == Decimal("200.00")


def test_htmx_change_returns_only_the_estimate(client_of, provider_org, provider_admin, sme_member):
    instrument = priced_instrument(provider_org, provider_admin, "120")
    response = client_of(sme_member).get(
        book_url(instrument),
        {"start": "2026-03-03T09:00", "end": "2026-03-03T11:00"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'id="estimate"' in html and "¥240.00" in html and "<form" not in html


def test_a_bad_prefill_is_ignored(client_of, instrument, sme_member):
    response = client_of(sme_member).get(book_url(instrument), {"start": "x", "end": "2026-99-01"})
    assert response.status_code == 200 and not response.context["form"].is_bound


# My reservations


def test_my_reservations_lists_the_organizations_bookings_with_who_booked(
    client_of, instrument, sme_member, sme_admin, sme_org, outsider, outsider_org
):
    services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10))
    services.request_reservation(act(sme_admin), instrument, sme_org, at(3, 10), at(3, 11))
    services.request_reservation(act(outsider), instrument, outsider_org, at(3, 11), at(3, 12))
    response = client_of(sme_member).get(reverse("booking:my_reservations"))
    listed = response.context["page_obj"].object_list
    assert [r.user.username for r in listed] == ["sme_member", "sme_admin"]
    assert "sme_admin" in response.content.decode()


def test_tabs_split_upcoming_and_past(client_of, instrument, sme_member, sme_org, now):
    early = services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10))
    late = services.request_reservation(act(sme_member), instrument, sme_org, at(5, 9), at(5, 10))
    now(at(4, 12))
    client = client_of(sme_member)

    def listed(show):
        response = client.get(reverse("booking:my_reservations"), {"show": show})
        return [r.pk for r in response.context["page_obj"].object_list]

    assert listed("upcoming") == [late.pk]
    assert listed("past") == [early.pk]
    assert listed("all") == [late.pk, early.pk]
    assert listed("whatever") == [late.pk]


def test_empty_state_links_to_the_catalogue(client_of, sme_member):
    html = client_of(sme_member).get(reverse("booking:my_reservations")).content.decode()
    assert 'class="empty"' in html and reverse("catalog:instrument_list") in html


def test_bad_page_number_is_harmless(client_of, sme_member):
    assert (
        client_of(sme_member).get(reverse("booking:my_reservations"), {"page": "abc"}).status_code
        == 200
    )


def book_slots(instrument, user, org, count, skip=0):
    """count one-hour reservations on weekdays from Tuesday 3 March, after the first skip slots."""
    weekdays = [3, 4, 5, 6, 9, 10, 11, 12, 13]
    slots = [(day, hour) for day in weekdays for hour in range(8, 18)][skip : skip + count]
    return [
        services.request_reservation(act(user), instrument, org, at(day, hour), at(day, hour + 1))
        for day, hour in slots
    ]


def test_my_reservations_query_count_does_not_grow_with_rows(
    client_of, instrument, sme_member, sme_org
):
    client = client_of(sme_member)
    url = reverse("booking:my_reservations")
    book_slots(instrument, sme_member, sme_org, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    book_slots(instrument, sme_member, sme_org, 25, skip=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 20
    assert len(many) == len(few)


# Cancelling


def test_customer_cancels_before_the_deadline(
    client_of, pending, sme_member, technician, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(sme_member).post(
            reverse("booking:reservation_cancel", args=[pending.pk]),
            {"reason": "样品未准备好", "next": reverse("booking:my_reservations")},
        )
    assert response.status_code == 302 and response["Location"] == reverse(
        "booking:my_reservations"
    )
    pending.refresh_from_db()
    assert (
        pending.status == Reservation.Status.CANCELLED and pending.decision_note == "样品未准备好"
    )
    assert Notification.objects.filter(user=technician, verb="reservation.cancelled").exists()


def test_customer_cannot_cancel_after_the_deadline(client_of, pending, sme_member, technician, now):
    services.approve_reservation(act(technician), pending)
    now(at(3, 9, 30))  # 23.5 hours before the start: past the 24-hour deadline
    client = client_of(sme_member)
    detail = client.get(reverse("booking:reservation_detail", args=[pending.pk]))
    assert detail.context["may_cancel"] is False
    assert reverse("booking:reservation_cancel", args=[pending.pk]) not in detail.content.decode()
    response = client.post(reverse("booking:reservation_cancel", args=[pending.pk]))
    assert response.status_code == 302
    assert messages_of(response)  # the service's "too late" message
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.CONFIRMED


def test_cancel_button_shows_only_while_cancellable(
    client_of, pending, sme_member, technician, now
):
    services.approve_reservation(act(technician), pending)
    client = client_of(sme_member)
    url = reverse("booking:reservation_cancel", args=[pending.pk])
    assert url in client.get(reverse("booking:my_reservations")).content.decode()
    now(at(3, 9, 30))
    assert url not in client.get(reverse("booking:my_reservations")).content.decode()


def test_a_colleague_without_admin_role_cannot_cancel(client_of, pending, sme_org):
    colleague = make_member(sme_org, "colleague", "member")
    response = client_of(colleague).post(reverse("booking:reservation_cancel", args=[pending.pk]))
    assert response.status_code == 302 and messages_of(response)
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.PENDING


def test_the_organizations_admin_may_cancel_a_colleagues_booking(client_of, pending, sme_admin):
    client_of(sme_admin).post(reverse("booking:reservation_cancel", args=[pending.pk]))
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.CANCELLED


def test_next_pointing_elsewhere_is_ignored(client_of, pending, sme_member):
    response = client_of(sme_member).post(
        reverse("booking:reservation_cancel", args=[pending.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("booking:reservation_detail", args=[pending.pk])


def test_cancel_reason_too_long_is_refused(client_of, pending, sme_member):
    response = client_of(sme_member).post(
        reverse("booking:reservation_cancel", args=[pending.pk]), {"reason": "x" * 201}
    )
    assert response.status_code == 302 and messages_of(response)
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.PENDING


# The detail page


def test_detail_shows_the_customer_their_actions_only(client_of, pending, sme_member):
    response = client_of(sme_member).get(reverse("booking:reservation_detail", args=[pending.pk]))
    html = response.content.decode()
    assert reverse("booking:reservation_cancel", args=[pending.pk]) in html
    assert reverse("booking:reservation_approve", args=[pending.pk]) not in html


def test_detail_shows_staff_their_actions(client_of, pending, technician):
    html = (
        client_of(technician)
        .get(reverse("booking:reservation_detail", args=[pending.pk]))
        .content.decode()
    )
    for name in ("reservation_approve", "reservation_reject", "reservation_staff_cancel"):
        assert reverse(f"booking:{name}", args=[pending.pk]) in html
    assert reverse("booking:reservation_cancel", args=[pending.pk]) not in html
    assert reverse("booking:reservation_check_in", args=[pending.pk]) not in html


def test_rejection_reason_and_usage_hours_are_shown(
    client_of, instrument, sme_member, sme_org, technician, now
):
    rejected = services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 13), at(3, 14)
    )
    services.reject_reservation(act(technician), rejected, "样品含磁性")
    html = (
        client_of(sme_member)
        .get(reverse("booking:reservation_detail", args=[rejected.pk]))
        .content.decode()
    )
    assert "样品含磁性" in html

    used = services.approve_reservation(
        act(technician),
        services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 11)),
    )
    now(at(3, 9))
    services.check_in(act(technician), used)
    now(at(3, 10, 30))
    services.check_out(act(technician), used)
    response = client_of(sme_member).get(reverse("booking:reservation_detail", args=[used.pk]))
    assert response.context["usage"].hours == Decimal("1.50")
    assert 'id="usage-hours"' in response.content.decode()


def test_cancelling_asks_first_and_then_moves_the_reservation_out_of_upcoming(
    client_of, pending, sme_member
):
    client = client_of(sme_member)
    mine = reverse("booking:my_reservations")
    url = reverse("booking:reservation_cancel", args=[pending.pk])
    listing = client.get(mine).content.decode()
    assert 'name="reason"' not in listing  # no free-text box on every row
    assert f'hx-get="{url}' in listing
    # The confirmation, in place for htmx and as its own page without it; nothing changes yet.
    partial = client.get(url, {"next": mine}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and 'data-action="confirm-cancel"' in (
        partial.content.decode()
    )
    assert "<html" in client.get(url).content.decode()
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.PENDING
    response = client.post(url, {"reason": "样品未备好", "next": mine})
    assert response["Location"] == mine
    assert Reservation.objects.get(pk=pending.pk).status == Reservation.Status.CANCELLED
    upcoming = client.get(mine).context["page_obj"].object_list
    assert pending.pk not in [r.pk for r in upcoming]
    cancelled = client.get(mine, {"show": "cancelled"}).context["page_obj"].object_list
    assert [r.pk for r in cancelled] == [pending.pk]
    past = client.get(mine, {"show": "past"}).context["page_obj"].object_list
    assert pending.pk not in [r.pk for r in past]


def test_an_outsider_gets_404_on_the_cancel_confirmation(client_of, pending, outsider):
    url = reverse("booking:reservation_cancel", args=[pending.pk])
    assert client_of(outsider).get(url).status_code == 404


@pytest.mark.parametrize(
    "target", ["0", "2026-03-04T09:00", "a\x00b", "javascript:alert(1)", "//evil.example/"]
)
def test_a_next_that_is_no_path_of_ours_falls_back(client_of, pending, sme_member, target):
    url = reverse("booking:reservation_cancel", args=[pending.pk])
    confirmation = client_of(sme_member).get(url, {"next": target}).content.decode()
    assert 'name="next" value=""' in confirmation
    response = client_of(sme_member).post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("booking:reservation_detail", args=[pending.pk])
