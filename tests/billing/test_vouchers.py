"""Vouchers: verification, grants within the budget, coverage within every cap, reversals."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labshare.billing import services
from labshare.billing.coverage import covered
from labshare.billing.models import Charge, Grant, Programme, Redemption
from labshare.core.errors import DomainError, NotAllowed
from tests.billing.conftest import PROGRAMME, use
from tests.factories import act, make_organization

pytestmark = pytest.mark.django_db

fen = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n) / 100)


@given(
    amount=fen,
    share=st.integers(min_value=1, max_value=10000).map(lambda n: Decimal(n) / 10000),
    cap=fen,
    quota=fen,
    budget=fen,
)
def test_coverage_never_exceeds_a_limit_and_adds_up(amount, share, cap, quota, budget):
    cover = covered(amount, share, cap, quota, budget)
    assert 0 <= cover <= min(amount * share, cap, quota, budget) or cover == 0
    assert cover == cover.quantize(Decimal("0.01"))
    assert cover + (amount - cover) == amount and amount - cover >= 0


def test_a_self_declared_flag_is_not_verified(programme, sme_org, operator):
    assert sme_org.is_tech_sme  # declared by the firm itself
    with pytest.raises(DomainError) as refusal:
        services.grant_voucher(act(operator), programme, sme_org, "1000")
    assert refusal.value.code == "not_verified"


def test_a_verification_names_its_document(sme_org, operator):
    with pytest.raises(DomainError) as refusal:
        services.verify_attribute(act(operator), sme_org, "tech_sme", document_reference=" ")
    assert refusal.value.field == "document_reference"


@pytest.mark.parametrize(
    ("quota", "field"), [("-5", "quota"), ("0", "quota"), ("200001", "quota"), ("x", "quota")]
)
def test_bad_grants_are_refused(programme, verified_sme, operator, quota, field):
    with pytest.raises(DomainError) as refusal:
        services.grant_voucher(act(operator), programme, verified_sme, quota)
    assert refusal.value.field == field
    assert not Grant.objects.exists()


def test_grants_never_pass_the_budget(programme, operator):
    firms = []
    for number in range(6):
        firm = make_organization(f"创新企业{number}号有限公司")
        services.verify_attribute(
            act(operator), firm, "tech_sme", document_reference=f"入库{number}"
        )
        firms.append(firm)
    for firm in firms[:5]:
        services.grant_voucher(act(operator), programme, firm, "200000")
    with pytest.raises(DomainError) as refusal:
        services.grant_voucher(act(operator), programme, firms[5], "1")
    assert refusal.value.code == "over_budget"
    assert Programme.objects.get().granted == Decimal("1000000.00")


def test_only_the_operator_runs_programmes(programme, verified_sme, provider_admin, sme_admin):
    for user in (provider_admin, sme_admin):
        with pytest.raises(NotAllowed):
            services.grant_voucher(act(user), programme, verified_sme, "100")
        with pytest.raises(NotAllowed):
            services.verify_attribute(act(user), verified_sme, "gazelle", document_reference="x")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"share": "1.5"}, "share"),
        ({"share": "0"}, "share"),
        ({"budget": "-1"}, "budget"),
        ({"per_firm_cap": "2000000"}, "per_firm_cap"),
        ({"per_claim_cap": "300000"}, "per_claim_cap"),
        ({"services": []}, "services"),
        ({"eligible_attributes": ["rich"]}, "eligible_attributes"),
        ({"valid_until": date(2025, 12, 31)}, "valid_until"),
    ],
)
def test_bad_programmes_are_refused(operator, overrides, field):
    fields = PROGRAMME | overrides
    with pytest.raises(DomainError) as refusal:
        services.create_programme(act(operator), **fields)
    assert refusal.value.field == field
    assert not Programme.objects.exists()


def test_the_voucher_pays_half_and_the_customer_the_rest(
    priced, grant, sme_member, technician, now
):
    reservation = use(priced, sme_member, grant.organization, technician, now)
    charge = Charge.objects.get(reservation=reservation)
    assert (charge.amount, charge.voucher_amount, charge.customer_share) == (
        Decimal("600.00"),
        Decimal("300.00"),
        Decimal("300.00"),
    )
    grant.refresh_from_db()
    assert grant.redeemed == Decimal("300.00") == Programme.objects.get().redeemed


def test_the_per_claim_cap_and_the_quota_hold(
    priced, programme, verified_sme, operator, sme_member, technician, now
):
    grant = services.grant_voucher(act(operator), programme, verified_sme, "400")
    first = use(priced, sme_member, verified_sme, technician, now, day=3, hours=2)  # 600 → 300
    second = use(priced, sme_member, verified_sme, technician, now, day=4, hours=2)  # 300 → 100
    third = use(priced, sme_member, verified_sme, technician, now, day=5, hours=2)  # quota gone
    covers = [Charge.objects.get(reservation=r).voucher_amount for r in (first, second, third)]
    assert covers == [Decimal("300.00"), Decimal("100.00"), Decimal("0.00")]
    grant.refresh_from_db()
    assert grant.redeemed == grant.quota


def test_an_approved_dispute_reverses_and_recovers_the_voucher(
    priced, grant, sme_member, sme_admin, provider_admin, technician, now
):
    reservation = use(priced, sme_member, grant.organization, technician, now)
    charge = Charge.objects.get(reservation=reservation)
    dispute = services.dispute_charge(act(sme_admin), charge, "只用了一小时")
    services.approve_dispute(act(provider_admin), dispute, amount="300.00")
    adjustment = Charge.objects.get(kind="adjustment")
    # net 300: the voucher pays 150, the customer 150, over both lines
    assert charge.amount + adjustment.amount == Decimal("300.00")
    voucher = Charge.objects.filter(reservation=reservation).values_list(
        "voucher_amount", flat=True
    )
    assert sum(voucher) == Decimal("150.00")
    assert Redemption.objects.filter(kind="reversal").get().amount == Decimal("-300.00")
    grant.refresh_from_db()
    assert grant.redeemed == Decimal("150.00")


def test_a_waiver_gives_the_voucher_back(
    priced, grant, sme_member, sme_admin, provider_admin, technician, now
):
    charge = Charge.objects.get(
        reservation=use(priced, sme_member, grant.organization, technician, now)
    )
    dispute = services.dispute_charge(act(sme_admin), charge, "仪器故障未能测试")
    services.approve_dispute(act(provider_admin), dispute, waive=True)
    grant.refresh_from_db()
    assert grant.redeemed == 0 == Programme.objects.get().redeemed
    assert sum(Charge.objects.values_list("amount", flat=True)) == 0


def test_fen_amounts_fill_a_quota_exactly(programme, verified_sme, operator, provider_org):
    """SQLite keeps decimals as floats: 639.45 + 18.58 + 341.97 must still be 1000.00 there."""
    from django.db import transaction

    from labshare.billing.services.vouchers import apply_vouchers
    from tests.billing.factories import line

    grant = services.grant_voucher(act(operator), programme, verified_sme, "1000.00")
    for amount in ("1278.90", "37.16", "700.00"):
        with transaction.atomic():
            apply_vouchers(line(provider_org, verified_sme, Decimal(amount)))
    grant.refresh_from_db()
    assert grant.redeemed == Decimal("1000.00")
    assert [c.voucher_amount for c in Charge.objects.order_by("id")] == [
        Decimal("639.45"),
        Decimal("18.58"),
        Decimal("341.97"),
    ]
