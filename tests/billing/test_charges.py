"""Charges: made once per event at the price of the tier on the day of service."""

from datetime import timedelta
from decimal import Decimal

import pytest

from labshare.billing import services
from labshare.billing.models import Charge, Dispute
from labshare.booking import services as booking
from labshare.core import charging
from labshare.core.errors import DomainError, NotAllowed
from tests.billing.conftest import at, use
from tests.factories import act

pytestmark = pytest.mark.django_db


def test_completion_charges_the_tier_price_with_increment_and_basis(
    priced, sme_member, sme_org, technician, now
):
    # 2 h booked, 2 h 10 min used: the greater, rounded up to 2.5 h × 400 (unverified: enterprise)
    reservation = use(priced, sme_member, sme_org, technician, now, used_minutes=130)
    charge = Charge.objects.get(reservation=reservation)
    assert (charge.tier, charge.quantity, charge.unit_price, charge.amount) == (
        "enterprise",
        Decimal("2.5000"),
        Decimal("400.00"),
        Decimal("1000.00"),
    )
    assert (charge.kind, charge.basis, charge.voucher_amount) == ("time", "greater", 0)


def test_a_verified_sme_pays_the_sme_price(priced, sme_member, verified_sme, technician, now):
    reservation = use(priced, sme_member, verified_sme, technician, now)
    assert Charge.objects.get(reservation=reservation).amount == Decimal("600.00")


def test_a_completion_charged_again_makes_no_second_charge(
    priced, sme_member, sme_org, technician, provider_admin, now
):
    reservation = use(priced, sme_member, sme_org, technician, now)
    first = Charge.objects.get(reservation=reservation)
    again = services.charge_reservation(act(provider_admin), reservation, charging.COMPLETED)
    assert again == first
    assert Charge.objects.filter(reservation=reservation).count() == 1


def test_minimum_charge_applies_to_short_use(priced, sme_member, sme_org, technician, now):
    reservation = use(priced, sme_member, sme_org, technician, now, hours=1, used_minutes=10)
    # greater of 60 and 10 → 1 h × 400 = 400 ≥ 150: no minimum; internal use would be 100 → 150
    assert Charge.objects.get(reservation=reservation).amount == Decimal("400.00")


def test_no_show_and_late_cancellation_fees(
    priced, sme_member, sme_org, technician, provider_admin, now
):
    first = booking.request_reservation(act(sme_member), priced, sme_org, at(4, 9), at(4, 10))
    booking.approve_reservation(act(technician), first)
    second = booking.request_reservation(act(sme_member), priced, sme_org, at(4, 11), at(4, 12))
    booking.approve_reservation(act(technician), second)
    now(at(4, 9, 30))
    booking.mark_no_show(act(technician), first)
    booking.cancel_reservation(act(technician), second, "客户电话要求取消", late_fee=True)
    fees = dict(Charge.objects.values_list("kind", "amount"))
    assert fees == {"no_show": Decimal("120.00"), "cancellation": Decimal("80.00")}


def test_a_late_fee_is_refused_before_the_deadline(priced, sme_member, sme_org, technician, now):
    reservation = booking.request_reservation(
        act(sme_member), priced, sme_org, at(20, 9), at(20, 10)
    )
    booking.approve_reservation(act(technician), reservation)
    with pytest.raises(DomainError) as refusal:
        booking.cancel_reservation(act(technician), reservation, "设备故障", late_fee=True)
    assert refusal.value.field == "late_fee"
    assert not Charge.objects.exists()


def test_without_a_price_nothing_is_charged(instrument, sme_member, sme_org, technician, now):
    use(instrument, sme_member, sme_org, technician, now)
    assert not Charge.objects.exists()


def test_the_estimate_is_what_is_charged(priced, sme_member, sme_org, technician, now):
    estimate = charging.estimate_time(priced, sme_org, at(3, 9), at(3, 11))
    reservation = use(priced, sme_member, sme_org, technician, now)
    assert estimate == Charge.objects.get(reservation=reservation).amount == Decimal("800.00")


def test_dispute_approved_adds_a_line_and_keeps_the_original(
    priced, sme_member, sme_admin, sme_org, provider_admin, technician, now
):
    reservation = use(priced, sme_member, sme_org, technician, now)
    charge = Charge.objects.get(reservation=reservation)
    dispute = services.dispute_charge(act(sme_admin), charge, "仪器中途故障一小时")
    services.approve_dispute(act(provider_admin), dispute, amount="400.00", note="扣除故障时间")
    charge.refresh_from_db()
    assert charge.amount == Decimal("800.00")
    adjustment = Charge.objects.get(kind="adjustment")
    assert (adjustment.adjusts, adjustment.amount) == (charge, Decimal("-400.00"))
    assert Dispute.objects.get().status == "approved"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"amount": "900"}, "amount"), ({"amount": "-1"}, "amount"), ({}, "amount")],
)
def test_an_approval_must_lower_the_charge(
    priced, sme_member, sme_admin, sme_org, provider_admin, technician, now, kwargs, field
):
    charge = Charge.objects.get(reservation=use(priced, sme_member, sme_org, technician, now))
    dispute = services.dispute_charge(act(sme_admin), charge, "金额不对")
    with pytest.raises(DomainError) as refusal:
        services.approve_dispute(act(provider_admin), dispute, **kwargs)
    assert refusal.value.field == field
    assert Charge.objects.count() == 1


def test_disputes_need_a_reason_the_right_side_and_the_period(
    priced, sme_member, sme_admin, sme_org, provider_admin, outsider, technician, now
):
    charge = Charge.objects.get(reservation=use(priced, sme_member, sme_org, technician, now))
    with pytest.raises(DomainError) as refusal:
        services.dispute_charge(act(sme_admin), charge, "  ")
    assert refusal.value.field == "reason"
    for user in (sme_member, outsider, provider_admin):
        with pytest.raises(NotAllowed):
            services.dispute_charge(act(user), charge, "不对")
    now(now.value() + timedelta(days=31))
    with pytest.raises(DomainError) as refusal:
        services.dispute_charge(act(sme_admin), charge, "不对")
    assert refusal.value.code == "too_late"
    assert not Dispute.objects.exists()


def test_a_denial_needs_a_note_and_leaves_the_charge(
    priced, sme_member, sme_admin, sme_org, provider_admin, technician, now
):
    charge = Charge.objects.get(reservation=use(priced, sme_member, sme_org, technician, now))
    dispute = services.dispute_charge(act(sme_admin), charge, "太贵")
    with pytest.raises(DomainError):
        services.deny_dispute(act(provider_admin), dispute, "")
    with pytest.raises(NotAllowed):
        services.deny_dispute(act(sme_admin), dispute, "自己驳回")
    services.deny_dispute(act(provider_admin), dispute, "按价目表收费")
    assert Dispute.objects.get().status == "denied"
    assert Charge.objects.count() == 1


def test_dispute_approved_by_a_corrected_quantity(
    priced, sme_member, sme_admin, sme_org, provider_admin, technician, now
):
    charge = Charge.objects.get(reservation=use(priced, sme_member, sme_org, technician, now))
    dispute = services.dispute_charge(act(sme_admin), charge, "只用了一个半小时")
    with pytest.raises(DomainError) as refusal:
        services.approve_dispute(act(provider_admin), dispute, quantity="3")  # more than charged
    assert refusal.value.field == "quantity"
    services.approve_dispute(act(provider_admin), dispute, quantity="1.5")
    adjustment = Charge.objects.get(kind="adjustment")
    assert (adjustment.quantity, adjustment.unit_price, adjustment.amount) == (
        Decimal("-0.5000"),
        Decimal("400.00"),
        Decimal("-200.00"),
    )
