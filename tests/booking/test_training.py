"""Qualification is shown before a slot is picked, and a user can ask for training, which the
provider's staff schedule and turn into a qualification (or decline)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from labshare.booking import services
from labshare.booking.models import Qualification, Reservation, TrainingRequest
from labshare.core.errors import Conflict, InvalidState
from labshare.core.models import Notification
from tests.booking.conftest import NOW, at
from tests.factories import act

pytestmark = pytest.mark.django_db


def test_the_calendar_and_the_form_say_qualification_is_needed_before_a_slot_is_picked(
    client_of, self_operated, sme_member
):
    client = client_of(sme_member)
    for url in (
        reverse("booking:instrument_calendar", args=[self_operated.pk]),
        reverse("booking:reservation_new", args=[self_operated.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'id="qualification"' in page and 'data-action="request-training"' in page, url


def test_a_staff_operated_instrument_says_nothing_of_qualification(
    client_of, instrument, sme_member
):
    page = client_of(sme_member).get(reverse("booking:instrument_calendar", args=[instrument.pk]))
    assert 'id="qualification"' not in page.content.decode()


def test_training_from_request_to_qualification(
    client_of, self_operated, sme_member, sme_org, technician, now
):
    calendar = reverse("booking:instrument_calendar", args=[self_operated.pk])
    response = client_of(sme_member).post(
        reverse("booking:training_request", args=[self_operated.pk]),
        {"note": "拉伸强度", "next": calendar},
    )
    assert response["Location"] == calendar
    training = TrainingRequest.objects.get()
    assert (training.user, training.organization, training.note) == (
        sme_member,
        sme_org,
        "拉伸强度",
    )
    assert Notification.objects.filter(user=technician, verb="booking.training_requested")
    assert "state-requested" in client_of(sme_member).get(calendar).content.decode()
    # The staff see it in their console, set a date, then qualify.
    console = client_of(technician).get(reverse("booking:training_requests"))
    assert [t.pk for t in console.context["page_obj"].object_list] == [training.pk]
    client_of(technician).post(
        reverse("booking:training_schedule", args=[training.pk]),
        {"when": "2026-03-05T10:00", "note": "带样品"},
    )
    training.refresh_from_db()
    assert training.status == "scheduled" and training.scheduled_for == at(5, 10)
    assert Notification.objects.filter(user=sme_member, verb="booking.training_scheduled")
    client_of(technician).post(
        reverse("booking:training_complete", args=[training.pk]), {"expires_on": "2027-03-01"}
    )
    training.refresh_from_db()
    assert training.status == "completed"
    qualification = Qualification.objects.get(instrument=self_operated, user=sme_member)
    assert str(qualification.expires_on) == "2027-03-01"
    # Now the user books.
    reservation = services.request_reservation(
        act(sme_member), self_operated, sme_org, at(4, 9), at(4, 10)
    )
    assert reservation.status in (Reservation.Status.PENDING, Reservation.Status.CONFIRMED)
    assert "state-qualified" in client_of(sme_member).get(calendar).content.decode()


def test_a_second_open_request_is_refused(self_operated, sme_member, sme_org, now):
    services.request_training(act(sme_member), self_operated, sme_org)
    with pytest.raises(Conflict):
        services.request_training(act(sme_member), self_operated, sme_org)
    assert TrainingRequest.objects.count() == 1


def test_training_is_not_asked_where_none_is_needed(instrument, sme_member, sme_org, now):
    with pytest.raises(InvalidState):
        services.request_training(act(sme_member), instrument, sme_org)
    assert not TrainingRequest.objects.exists()


def test_declining_needs_a_reason_and_tells_the_user(
    client_of, self_operated, sme_member, sme_org, technician, now
):
    training = services.request_training(act(sme_member), self_operated, sme_org)
    decline = reverse("booking:training_decline", args=[training.pk])
    client_of(technician).post(decline, {"reason": ""})
    assert TrainingRequest.objects.get().status == "requested"
    client_of(technician).post(decline, {"reason": "本月培训已满"})
    assert TrainingRequest.objects.get().status == "declined"
    assert Notification.objects.get(user=sme_member, verb="booking.training_declined")


def test_a_training_date_in_the_past_is_refused(
    self_operated, sme_member, sme_org, technician, now
):
    training = services.request_training(act(sme_member), self_operated, sme_org)
    from labshare.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.schedule_training(act(technician), training, NOW - timedelta(hours=1))
    assert TrainingRequest.objects.get().status == "requested"


@pytest.mark.parametrize("name", ["training_schedule", "training_complete", "training_decline"])
def test_other_tenants_get_404_and_members_403_on_training_answers(
    client_of, self_operated, sme_member, sme_org, other_provider_admin, provider_member, now, name
):
    training = services.request_training(act(sme_member), self_operated, sme_org)
    url = reverse(f"booking:{name}", args=[training.pk])
    data = {"when": "2026-03-05T10:00", "reason": "x"}
    assert client_of(other_provider_admin).post(url, data).status_code == 404
    assert client_of(provider_member).post(url, data).status_code == 403
    assert client_of(provider_member).get(reverse("booking:training_requests")).status_code == 403
    assert TrainingRequest.objects.get().status == "requested"
