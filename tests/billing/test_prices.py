"""Price lists: every bad price refused on its field, no two prices of a tier on one day."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from labshare.billing import services
from labshare.billing.models import Price
from labshare.core.errors import DomainError, NotAllowed
from tests.factories import act

pytestmark = pytest.mark.django_db


def price(actor, instrument, **overrides):
    fields = {"unit_price": Decimal("300"), "valid_from": date(2026, 4, 1)} | overrides
    return services.set_price(actor, instrument, fields.pop("tier", "sme"), **fields)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"unit_price": "-1"}, "unit_price"),
        ({"unit_price": "abc"}, "unit_price"),
        ({"unit_price": "1e12"}, "unit_price"),
        ({"unit_price": "NaN"}, "unit_price"),
        ({"minimum": "30001"}, "minimum"),
        ({"no_show_fee": "-5"}, "no_show_fee"),
        ({"increment_minutes": 0}, "increment_minutes"),
        ({"basis": "whatever"}, "basis"),
        ({"tier": "vip"}, "tier"),
        ({"valid_until": date(2026, 3, 31)}, "valid_until"),
    ],
)
def test_bad_prices_are_refused_on_their_field(priced, provider_admin, overrides, field):
    before = Price.objects.count()
    with pytest.raises(DomainError) as refusal:
        price(act(provider_admin), priced, **overrides)
    assert refusal.value.field == field
    assert Price.objects.count() == before


def test_a_float_never_becomes_a_price(priced, provider_admin):
    with pytest.raises(TypeError):
        price(act(provider_admin), priced, unit_price=300.5)


def test_overlapping_periods_are_refused_in_words(priced, provider_admin):
    with pytest.raises(DomainError) as refusal:
        price(act(provider_admin), priced)  # the SME price from 2026-01-01 holds on
    assert (refusal.value.field, refusal.value.code) == ("valid_from", "price_overlap")


def test_the_database_refuses_an_overlap_the_service_did_not_see(priced):
    existing = Price.objects.filter(instrument=priced, tier="sme").get()
    twin = Price(
        provider_id=existing.provider_id,
        instrument=priced,
        tier="sme",
        valid_from=date(2026, 6, 1),
        unit="hour",
        unit_price=Decimal("1"),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_price_change_takes_effect_from_its_date(priced, provider_admin):
    current = Price.objects.get(instrument=priced, tier="sme")
    services.end_price(act(provider_admin), current, date(2026, 3, 31))
    new = price(act(provider_admin), priced, unit_price=Decimal("350"))
    from labshare.billing.queries import price_in_force

    assert price_in_force(priced, "sme", date(2026, 3, 31)) == current
    assert price_in_force(priced, "sme", date(2026, 4, 1)) == new


def test_staff_and_outsiders_cannot_set_prices(priced, technician, other_provider_admin):
    for user in (technician, other_provider_admin):
        with pytest.raises(NotAllowed):
            price(act(user), priced, valid_from=date(2027, 1, 1))
    assert not Price.objects.filter(valid_from=date(2027, 1, 1)).exists()
