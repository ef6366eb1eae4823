"""Instrument time and test orders linked to an agreement in force: only what one of the two
parties booked or ordered, each thing under one agreement at most."""

from datetime import time, timedelta

import pytest

from labshare.booking import services as booking
from labshare.cooperation import queries, services
from labshare.cooperation.models import AgreementLink
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from tests.cooperation.conftest import NOW
from tests.factories import act, make_instrument
from tests.orders.conftest import make_test_service, walk


@pytest.fixture
def tensile(provider_org, now):
    return make_test_service(provider_org)


@pytest.fixture
def bookable(other_provider_org, other_provider_admin, now):
    instrument = make_instrument(other_provider_org, "电子万能材料试验机")
    for weekday in range(5):
        booking.add_weekly_window(act(other_provider_admin), instrument, weekday, time(8), time(18))
    return instrument


def book(user, instrument, day=4):
    start = NOW.replace(day=day, hour=10)
    return booking.request_reservation(
        act(user), instrument, act(user).organization, start, start + timedelta(hours=2)
    )


def test_the_firms_order_is_linked_once(
    now, active, sme_member, technician, provider_admin, tensile
):
    order = walk(sme_member, {"check": provider_admin}, [tensile], "submitted")
    link = services.link_order(act(sme_member), active, order)
    assert (link.order, link.linked_by, link.agreement) == (order, sme_member, active)
    assert [o.pk for o in queries.timeline(active).orders] == [order.pk]
    with pytest.raises(Conflict):
        services.link_order(act(sme_member), active, order)
    # Each side links what it made itself: the provider does not link the firm's order.
    with pytest.raises(InvalidInput) as refusal:
        services.link_order(act(technician), active, order)
    assert refusal.value.field == "order"
    assert AgreementLink.objects.count() == 1


def test_an_outsiders_order_is_not_linked(
    now, active, sme_member, outsider, provider_admin, tensile
):
    order = walk(outsider, {"check": provider_admin}, [tensile], "submitted")
    with pytest.raises(InvalidInput) as refusal:
        services.link_order(act(sme_member), active, order)
    assert refusal.value.field == "order"
    with pytest.raises(NotAllowed):
        services.link_order(act(outsider), active, order)
    assert AgreementLink.objects.count() == 0


def test_nothing_is_linked_to_a_draft(now, agreement, sme_member, provider_admin, tensile):
    order = walk(sme_member, {"check": provider_admin}, [tensile], "submitted")
    with pytest.raises(InvalidState):
        services.link_order(act(sme_member), agreement, order)


def test_instrument_time_of_either_party_is_linked(now, active, sme_member, technician, bookable):
    mine = book(sme_member, bookable)
    theirs = book(technician, bookable, day=5)
    services.link_reservation(act(sme_member), active, mine)
    services.link_reservation(act(technician), active, theirs)
    linked = {r.pk for r in queries.timeline(active).reservations}
    assert linked == {mine.pk, theirs.pk}
    with pytest.raises(Conflict):
        services.link_reservation(act(sme_member), active, mine)


def test_an_outsiders_instrument_time_is_not_linked(now, active, sme_member, outsider, bookable):
    foreign = book(outsider, bookable)
    with pytest.raises(InvalidInput) as refusal:
        services.link_reservation(act(sme_member), active, foreign)
    assert refusal.value.field == "reservation"
    assert AgreementLink.objects.count() == 0
