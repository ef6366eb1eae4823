"""Billing runs, statements, payments, fapiao and settlements."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from labshare.billing import services
from labshare.billing.models import BillingRun, Charge, Payment, Settlement, Statement
from labshare.core.errors import DomainError, NotAllowed
from tests.billing.conftest import use
from tests.factories import act

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)


@pytest.fixture
def used(priced, grant, sme_member, technician, now):
    """Two uses by the verified SME in March (600 each, half by voucher)."""
    use(priced, sme_member, grant.organization, technician, now, day=3)
    use(priced, sme_member, grant.organization, technician, now, day=4)
    return grant.organization


def test_a_run_drafts_then_issues_numbered_immutable_statements(
    used, provider_org, provider_admin, now
):
    run = services.start_billing_run(act(provider_admin), provider_org, MARCH)
    statement = run.statements.get()
    assert (statement.status, statement.number, statement.charge_count) == ("draft", "", 2)
    assert (statement.total, statement.voucher_total, statement.due_total) == (
        Decimal("1200.00"),
        Decimal("600.00"),
        Decimal("600.00"),
    )
    services.issue_billing_run(act(provider_admin), run)
    statement.refresh_from_db()
    assert statement.number == "TSTU-ST-202603-0001"
    with pytest.raises(DomainError):
        services.issue_billing_run(act(provider_admin), run)
    assert Charge.objects.filter(statement=statement).count() == 2


def test_a_month_without_charges_is_refused(provider_org, provider_admin, now):
    with pytest.raises(DomainError) as refusal:
        services.start_billing_run(act(provider_admin), provider_org, MARCH)
    assert (refusal.value.field, refusal.value.code) == ("period", "nothing_to_bill")
    assert not BillingRun.objects.exists()


def test_a_draft_run_again_takes_new_charges(
    used, provider_org, provider_admin, priced, sme_member, technician, now
):
    run = services.start_billing_run(act(provider_admin), provider_org, MARCH)
    use(priced, sme_member, used, technician, now, day=5)
    again = services.start_billing_run(act(provider_admin), provider_org, MARCH)
    assert again.pk == run.pk and again.statements.get().charge_count == 3


def test_payments_partial_never_above_the_balance(used, provider_org, provider_admin, now):
    run = services.issue_billing_run(
        act(provider_admin), services.start_billing_run(act(provider_admin), provider_org, MARCH)
    )
    statement = run.statements.get()
    today = now.value().date()
    services.record_payment(act(provider_admin), statement, "250.00", today, "网银 20260304001")
    with pytest.raises(DomainError) as refusal:
        services.record_payment(act(provider_admin), statement, "350.01", today, "网银 2")
    assert refusal.value.code == "over_balance"
    statement.refresh_from_db()
    assert (statement.paid_total, statement.balance) == (Decimal("250.00"), Decimal("350.00"))
    assert Payment.objects.count() == 1


def test_fapiao_is_recorded_once_with_a_valid_number(used, provider_org, provider_admin, now):
    run = services.issue_billing_run(
        act(provider_admin), services.start_billing_run(act(provider_admin), provider_org, MARCH)
    )
    statement = run.statements.get()
    with pytest.raises(DomainError) as refusal:
        services.record_fapiao(act(provider_admin), statement, "12AB", now.value().date())
    assert refusal.value.field == "number"
    services.record_fapiao(
        act(provider_admin), statement, "24212000000012345678", now.value().date()
    )
    with pytest.raises(DomainError):
        services.record_fapiao(
            act(provider_admin), statement, "24212000000012345679", now.value().date()
        )


def test_customers_and_other_providers_cannot_bill(
    used, provider_org, sme_admin, other_provider_admin, technician
):
    for user in (sme_admin, other_provider_admin, technician):
        with pytest.raises(NotAllowed):
            services.start_billing_run(act(user), provider_org, MARCH)
    assert not BillingRun.objects.exists()


def test_settlement_gathers_the_quarter_and_only_the_operator_settles(
    used, grant, provider_org, provider_admin, operator, now
):
    with pytest.raises(NotAllowed):
        services.start_settlement(act(provider_admin), grant.programme, provider_org, MARCH)
    settlement = services.start_settlement(act(operator), grant.programme, provider_org, MARCH)
    assert (settlement.redemption_count, settlement.total) == (2, Decimal("600.00"))
    services.issue_settlement(act(operator), settlement)
    settlement.refresh_from_db()
    assert settlement.number == "VS-2026Q1-TSTU-001"
    with pytest.raises(DomainError) as refusal:
        services.start_settlement(act(operator), grant.programme, provider_org, MARCH)
    assert refusal.value.code == "nothing_to_settle"
    assert Settlement.objects.count() == 1


class TestStatementSums(HypothesisTestCase):
    """Rounding never makes or loses a fen between a statement's lines and its totals."""

    @settings(max_examples=25, deadline=None)
    @given(amounts=st.lists(st.integers(min_value=1, max_value=10**8), min_size=1, max_size=30))
    def test_totals_are_the_sum_of_the_lines(self, amounts):
        from tests.billing.factories import charges_for_month

        provider, charges = charges_for_month([Decimal(a) / 100 for a in amounts])
        run = services.start_billing_run(act(provider.admin), provider, MARCH)
        statement = Statement.objects.get(run=run)
        lines = Charge.objects.filter(statement=statement)
        assert statement.total == sum(c.amount for c in lines) == sum(c.amount for c in charges)
        assert statement.due_total + statement.voucher_total == statement.total
        assert statement.due_total == sum(c.amount - c.voucher_amount for c in lines)


def test_a_statement_of_fen_amounts_is_paid_in_full(provider_org, provider_admin, sme_org):
    """150.70 + 20.10 is 170.80 to the fen, on SQLite too, and a payment of all of it fits."""
    from tests.billing.factories import line

    line(provider_org, sme_org, Decimal("150.70"))
    line(provider_org, sme_org, Decimal("20.10"))
    run = services.start_billing_run(act(provider_admin), provider_org, MARCH)
    services.issue_billing_run(act(provider_admin), run)
    statement = run.statements.get()
    assert statement.due_total == Decimal("170.80")
    services.record_payment(
        act(provider_admin), statement, statement.balance, date(2026, 4, 2), "网银 1"
    )
    statement.refresh_from_db()
    assert statement.balance == 0 and statement.is_paid


def test_the_database_keeps_an_issued_statement_and_its_lines_as_they_are(
    used, provider_org, provider_admin, now
):
    from django.db import IntegrityError, transaction

    run = services.start_billing_run(act(provider_admin), provider_org, MARCH)
    services.issue_billing_run(act(provider_admin), run)
    statement = run.statements.get()
    line = Charge.objects.filter(statement=statement).first()
    for change in (
        lambda: Statement.objects.filter(pk=statement.pk).update(total=Decimal("1")),
        lambda: Statement.objects.filter(pk=statement.pk).update(status="draft"),
        lambda: Charge.objects.filter(pk=line.pk).update(statement=None),
        lambda: Charge.objects.filter(pk=line.pk).update(amount=Decimal("1")),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            change()
    # what may still be written on it: payments and the fapiao
    services.record_payment(act(provider_admin), statement, "1.00", date(2026, 3, 2), "网银 9")
    services.record_fapiao(act(provider_admin), statement, "12345678", date(2026, 3, 2))
    statement.refresh_from_db()
    assert (statement.total, statement.paid_total) == (Decimal("1200.00"), Decimal("1.00"))
