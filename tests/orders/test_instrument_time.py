"""Instrument time for a test order is an ordinary reservation of the provider's: it shows on the
calendar, can never overlap a customer's booking, and goes back when the client cancels."""

import pytest

from labshare.booking import services as booking_services
from labshare.booking.models import Reservation
from labshare.core.errors import DomainError, InvalidInput
from labshare.orders import services
from labshare.orders.models import OrderBooking, ServiceOrder
from tests.booking import conftest as booking_fixtures
from tests.booking.conftest import at
from tests.factories import act, make_instrument
from tests.orders.conftest import state_of, walk

instrument = booking_fixtures.instrument
S = ServiceOrder.Status


def test_booked_time_is_a_reservation_of_the_provider(sme_member, lab, tensile, instrument):
    order = walk(sme_member, lab, [tensile], S.SAMPLES_RECEIVED)
    booking = services.book_test_time(act(lab["enter"]), order, instrument, at(4, 9), at(4, 11))
    reservation = booking.reservation
    assert reservation.organization_id == order.provider_id
    assert reservation.status in (Reservation.Status.CONFIRMED, Reservation.Status.PENDING)
    assert order.number in reservation.purpose


def test_it_never_overlaps_a_customers_booking(
    sme_member, sme_org, lab, tensile, instrument, technician
):
    taken = booking_services.request_reservation(
        act(sme_member), instrument, sme_org, at(4, 9), at(4, 11)
    )
    booking_services.approve_reservation(act(technician), taken)
    order = walk(sme_member, lab, [tensile], S.TESTING)
    before = state_of(order)
    with pytest.raises(DomainError):
        services.book_test_time(act(lab["enter"]), order, instrument, at(4, 10), at(4, 12))
    assert state_of(order) == before and not OrderBooking.objects.exists()


def test_only_the_providers_own_instruments(sme_member, lab, tensile, other_provider_org, now):
    foreign = make_instrument(other_provider_org, "别家的试验机")
    order = walk(sme_member, lab, [tensile], S.TESTING)
    with pytest.raises(InvalidInput) as refusal:
        services.book_test_time(act(lab["enter"]), order, foreign, at(4, 9), at(4, 11))
    assert refusal.value.field == "instrument"


def test_a_cancelled_order_gives_its_instrument_time_back(sme_member, lab, tensile, instrument):
    order = walk(sme_member, lab, [tensile], S.ACCEPTED)
    booking = services.book_test_time(act(lab["enter"]), order, instrument, at(4, 9), at(4, 11))
    services.cancel_order(act(sme_member), order, "项目取消")
    booking.reservation.refresh_from_db()
    assert booking.reservation.status == Reservation.Status.CANCELLED
    assert order.number in booking.reservation.decision_note


def test_time_booked_for_a_test_is_paid_by_the_quote_not_charged_again(
    sme_member, lab, tensile, instrument, technician, provider_admin, now
):
    from datetime import date

    from labshare.billing import services as billing
    from labshare.billing.models import Charge

    billing.set_price(
        act(provider_admin), instrument, "internal", date(2026, 1, 1), unit_price="100"
    )
    order = walk(sme_member, lab, [tensile], S.TESTING)
    reservation = services.book_test_time(
        act(lab["enter"]), order, instrument, at(4, 9), at(4, 11)
    ).reservation
    if reservation.status == Reservation.Status.PENDING:
        booking_services.approve_reservation(act(technician), reservation)
    now(at(4, 9))
    booking_services.check_in(act(technician), reservation)
    now(at(4, 11))
    booking_services.check_out(act(technician), reservation)
    assert not Charge.objects.filter(reservation=reservation).exists()
