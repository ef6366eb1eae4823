"""Billing fixtures: a priced instrument on the booking tests' clock, a verified SME with a
voucher grant, and a helper that takes a reservation through use to its charge."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from labshare.billing import services as billing
from labshare.billing.models import Tier
from labshare.booking import services as booking
from tests.booking import conftest as booking_fixtures
from tests.booking.conftest import at
from tests.factories import act

# The booking tests' frozen clock and open instrument.
now = booking_fixtures.now
instrument = booking_fixtures.instrument

PRICES = {
    Tier.INTERNAL: "100.00",
    Tier.ACADEMIC: "200.00",
    Tier.ENTERPRISE: "400.00",
    Tier.SME: "300.00",
}


@pytest.fixture
def priced(instrument, provider_admin):
    """The SEM with an hourly price per tier from 2026-01-01, 30-minute increments, a 150 yuan
    minimum, fees of 80 (late cancellation) and 120 (no-show)."""
    for tier, price in PRICES.items():
        billing.set_price(
            act(provider_admin),
            instrument,
            tier,
            date(2026, 1, 1),
            unit_price=Decimal(price),
            minimum=Decimal("150"),
            increment_minutes=30,
            basis="greater",
            cancellation_fee=Decimal("80"),
            no_show_fee=Decimal("120"),
        )
    return instrument


def use(instrument, booker, org, staff, now, day=3, start_hour=9, hours=2, used_minutes=None):
    """Book [start, start + hours), approve, check in at the start, check out after
    used_minutes (default: the booked time). Returns the reservation."""
    start = at(day, start_hour)
    reservation = booking.request_reservation(
        act(booker), instrument, org, start, start + timedelta(hours=hours)
    )
    booking.approve_reservation(act(staff), reservation)
    now(start)
    reservation = booking.check_in(act(staff), reservation)
    now(start + timedelta(minutes=used_minutes if used_minutes is not None else hours * 60))
    booking.check_out(act(staff), reservation)
    return reservation


@pytest.fixture
def verified_sme(sme_org, operator):
    billing.verify_attribute(
        act(operator),
        sme_org,
        "tech_sme",
        document_reference="科技型中小企业入库编号 2026210200001",
        verified_on=date(2026, 1, 5),
    )
    return sme_org


# A Fujian-style rule: half the cost, 200,000 per firm, 5,000 per claim, 1,000,000 budget.
PROGRAMME = {
    "name": "甘井子区科技创新券",
    "year": 2026,
    "eligible_attributes": ["tech_sme", "startup_team"],
    "services": ["instrument", "testing"],
    "share": "0.5",
    "per_claim_cap": "5000",
    "per_firm_cap": "200000",
    "budget": "1000000",
    "valid_from": date(2026, 1, 1),
    "valid_until": date(2026, 12, 31),
}


@pytest.fixture
def programme(operator):
    return billing.create_programme(act(operator), **PROGRAMME)


@pytest.fixture
def grant(programme, verified_sme, operator):
    return billing.grant_voucher(act(operator), programme, verified_sme, "20000")


@pytest.fixture
def billed(priced, grant, sme_member, technician, provider_admin, provider_org, now):
    """Two uses by the verified SME in March, billed and issued: 1,200, half by the voucher."""
    use(priced, sme_member, grant.organization, technician, now, day=3)
    use(priced, sme_member, grant.organization, technician, now, day=4)
    run = billing.start_billing_run(act(provider_admin), provider_org, date(2026, 3, 1))
    billing.issue_billing_run(act(provider_admin), run)
    return run.statements.get()
