"""16 workers at once: charges against one grant and one budget never pass either; a completion
charged by many at once makes one charge. Threads with their own connections, on SQLite (BEGIN
IMMEDIATE serialises writers) and PostgreSQL (row locks, check constraints as the backstop)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from labshare.billing import services
from labshare.billing.models import Charge, Grant, Programme, Redemption
from labshare.booking import services as booking
from labshare.core import charging
from tests.billing.conftest import at
from tests.factories import act
from tests.threads import race

WORKERS = 16


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The classification, in case a browser test before this one flushed the database."""
    from labshare.catalog.models import Discipline, InstrumentClass
    from labshare.catalog.reference_data import load_reference_data

    if not InstrumentClass.objects.exists():
        load_reference_data(InstrumentClass, Discipline)


def completed_reservations(instrument, booker, org, staff, now, count):
    """count reservations of one hour, checked in and out (not yet charged: no price yet)."""
    done = []
    for number in range(count):
        start = at(2 + number // 8, 9) + timedelta(hours=number % 8)
        reservation = booking.request_reservation(
            act(booker),
            instrument,
            org,
            start + timedelta(days=7),
            start + timedelta(days=7, hours=1),
        )
        booking.approve_reservation(act(staff), reservation)
        done.append(reservation)
    for reservation in done:
        now(reservation.start)
        booking.check_in(act(staff), reservation)
        now(reservation.end)
        booking.check_out(act(staff), reservation)
    return done


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sixteen_charges_never_pass_the_quota_or_the_budget(
    instrument, provider_admin, operator, sme_member, sme_org, technician, now
):
    reservations = completed_reservations(instrument, sme_member, sme_org, technician, now, WORKERS)
    services.verify_attribute(
        act(operator),
        sme_org,
        "tech_sme",
        document_reference="入库 1",
        verified_on=date(2026, 1, 5),
    )
    programme = services.create_programme(
        act(operator),
        name="压力测试创新券",
        year=2026,
        eligible_attributes=["tech_sme"],
        services=["instrument"],
        share="0.5",
        per_claim_cap="1000",
        per_firm_cap="1000",
        budget="1000",
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    grant = services.grant_voucher(act(operator), programme, sme_org, "1000")
    services.set_price(
        act(provider_admin), instrument, "sme", date(2026, 1, 1), unit_price="150.00"
    )
    # Each hour costs 150, the voucher pays 75: 16 × 75 = 1,200 asked of a quota of 1,000.
    outcomes = race(
        [
            lambda r=r: services.charge_reservation(act(provider_admin), r, charging.COMPLETED)
            for r in reservations
        ]
    )
    assert outcomes == ["won"] * WORKERS
    grant.refresh_from_db()
    programme.refresh_from_db()
    redeemed = sum(Redemption.objects.values_list("amount", flat=True))
    assert grant.redeemed == programme.redeemed == redeemed == Decimal("1000.00")
    assert Charge.objects.count() == WORKERS
    charges = list(Charge.objects.all())
    assert sum(c.voucher_amount for c in charges) == Decimal("1000.00")
    assert all(c.voucher_amount + c.customer_share == c.amount for c in charges)
    assert Grant.objects.get().redeemed <= Programme.objects.get().budget


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_completion_charged_by_many_at_once_is_charged_once(
    instrument, provider_admin, sme_member, sme_org, technician, now
):
    (reservation,) = completed_reservations(instrument, sme_member, sme_org, technician, now, 1)
    services.set_price(
        act(provider_admin), instrument, "enterprise", date(2026, 1, 1), unit_price="150.00"
    )
    outcomes = race(
        [
            lambda: services.charge_reservation(
                act(provider_admin), reservation, charging.COMPLETED
            )
            for _ in range(WORKERS)
        ]
    )
    assert outcomes == ["won"] * WORKERS
    assert Charge.objects.filter(reservation=reservation).count() == 1
