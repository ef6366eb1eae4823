"""The booking organization rates a completed reservation once: five levels and a comment, for
the national service record; everybody else is refused and nothing is stored."""

import pytest
from django.urls import reverse

from labshare.booking import services
from labshare.booking.models import Satisfaction
from labshare.core.actors import Channel, system_actor
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from labshare.core.models import AuditEvent
from tests.booking.conftest import at
from tests.factories import act

pytestmark = pytest.mark.django_db


@pytest.fixture
def used(instrument, sme_member, sme_org, technician, now):
    reservation = services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 9), at(3, 11)
    )
    services.approve_reservation(act(technician), reservation)
    now(at(3, 9))
    services.check_in(act(technician), reservation)
    now(at(3, 11))
    services.check_out(act(technician), reservation)  # returns the usage record
    reservation.refresh_from_db()
    return reservation


def test_a_member_of_the_booking_organization_rates_once(used, sme_admin, sme_member, client_of):
    rated = services.rate_reservation(act(sme_admin), used, 4, "  数据清楚，操作规范  ")
    assert (rated.rating, rated.comment, rated.created_by) == (4, "数据清楚，操作规范", sme_admin)
    assert AuditEvent.objects.filter(verb="reservation.rated").count() == 1
    with pytest.raises(Conflict):
        services.rate_reservation(act(sme_member), used, 5)
    page = client_of(sme_member).get(reverse("booking:reservation_detail", args=[used.pk]))
    text = page.content.decode()
    assert 'id="satisfaction"' in text and "★★★★☆" in text and 'id="rate"' not in text


def test_the_page_offers_the_form_and_keeps_bad_input(used, sme_member, client_of):
    client = client_of(sme_member)
    detail = reverse("booking:reservation_detail", args=[used.pk])
    assert 'id="rate"' in client.get(detail).content.decode()
    url = reverse("booking:reservation_rate", args=[used.pk])
    for data in ({"rating": "6"}, {"rating": "3", "comment": "长" * 201}, {}):
        assert client.post(url, data).status_code == 400
    assert not Satisfaction.objects.exists()
    response = client.post(url, {"rating": "5", "comment": "很好"})
    assert response.status_code == 302 and Satisfaction.objects.get().rating == 5


def test_only_a_completed_reservation_is_rated(instrument, sme_member, sme_org, technician):
    pending = services.request_reservation(
        act(sme_member), instrument, sme_org, at(4, 9), at(4, 10)
    )
    with pytest.raises(InvalidState):
        services.rate_reservation(act(sme_member), pending, 5)
    services.approve_reservation(act(technician), pending)
    with pytest.raises(InvalidState):
        services.rate_reservation(act(sme_member), pending, 5)
    assert not Satisfaction.objects.exists()


@pytest.mark.parametrize("rating", [0, 6, True, "5", None])
def test_a_rating_is_one_to_five(used, sme_member, rating):
    with pytest.raises(InvalidInput) as refused:
        services.rate_reservation(act(sme_member), used, rating)
    assert refused.value.field == "rating"
    with pytest.raises(InvalidInput) as refused:
        services.rate_reservation(act(sme_member), used, 3, "长" * 201)
    assert refused.value.field == "comment"
    assert not Satisfaction.objects.exists()


def test_nobody_else_rates(used, technician, provider_admin, outsider, client_of):
    for person in (technician, provider_admin, outsider):
        with pytest.raises(NotAllowed):
            services.rate_reservation(act(person), used, 1)
        response = client_of(person).post(
            reverse("booking:reservation_rate", args=[used.pk]), {"rating": "1"}
        )
        assert response.status_code == 404
    with pytest.raises(NotAllowed):
        services.rate_reservation(system_actor(Channel.COMMAND), used, 1)
    assert not Satisfaction.objects.exists()


def test_the_providers_own_unit_does_not_rate(
    instrument, provider_admin, provider_org, technician, now
):
    own = services.request_reservation(
        act(provider_admin), instrument, provider_org, at(3, 9), at(3, 10)
    )
    if own.status == "pending":
        services.approve_reservation(act(technician), own)
    now(at(3, 9))
    services.check_in(act(technician), own)
    now(at(3, 10))
    services.check_out(act(technician), own)
    with pytest.raises(InvalidState) as refused:
        services.rate_reservation(act(provider_admin), own, 5)
    assert refused.value.code == "own" and not Satisfaction.objects.exists()


def test_a_second_rating_from_the_page_says_why(used, sme_member, sme_admin, client_of):
    services.rate_reservation(act(sme_admin), used, 4)
    response = client_of(sme_member).post(
        reverse("booking:reservation_rate", args=[used.pk]), {"rating": "1"}, follow=True
    )
    assert "已评价过" in response.content.decode()
    assert Satisfaction.objects.get().rating == 4
