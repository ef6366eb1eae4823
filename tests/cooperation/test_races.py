"""Threads with their own database connections race through the cooperation services on
PostgreSQL: one need is awarded once, and milestones never pass the contract value."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from labshare.cooperation import services
from labshare.cooperation.models import Agreement, Milestone, Need, Proposal
from tests.cooperation.conftest import milestone, post, propose
from tests.factories import act, make_member
from tests.threads import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_proposals_of_one_need_accepted_at_once_award_it_once(
    now, sme_member, sme_admin, sme_org, technician, other_provider_admin
):
    need = post(sme_member)
    first = propose(technician, need)
    second = propose(other_provider_admin, need, price="70000")
    second_admin = make_member(sme_org, "sme_admin2", "admin")
    outcomes = race(
        [
            lambda: services.accept_proposal(act(sme_admin), first),
            lambda: services.accept_proposal(act(second_admin), second),
        ]
    )
    assert sorted(outcomes) == ["invalid_state", "won"]
    accepted = Proposal.objects.filter(need=need, status=Proposal.Status.ACCEPTED).get()
    declined = Proposal.objects.filter(need=need, status=Proposal.Status.DECLINED).get()
    assert {accepted.pk, declined.pk} == {first.pk, second.pk}
    agreement = Agreement.objects.get()
    assert agreement.proposal_id == accepted.pk and agreement.value == accepted.price
    assert Need.objects.get(pk=need.pk).status == Need.Status.AWARDED


def test_milestones_added_at_once_stay_within_the_value(now, agreement, sme_admin, provider_admin):
    assert agreement.value == Decimal("90000.00")
    outcomes = race(
        [
            lambda: milestone(sme_admin, agreement, "50000", deliverable="断口分析报告"),
            lambda: milestone(provider_admin, agreement, "50000", deliverable="工艺方案"),
        ]
    )
    assert sorted(outcomes) == ["invalid", "won"]
    total = Milestone.objects.filter(agreement=agreement).aggregate(total=Sum("amount"))["total"]
    assert total == Decimal("50000.00")
    assert Milestone.objects.filter(agreement=agreement).count() == 1


def test_many_milestones_added_at_once_never_pass_the_value(
    now, agreement, sme_admin, provider_admin
):
    signers = [sme_admin, provider_admin] * 4
    outcomes = race(
        [
            lambda user=user, n=n: milestone(user, agreement, "20000", deliverable=f"阶段 {n}")
            for n, user in enumerate(signers)
        ]
    )
    assert sorted(outcomes) == ["invalid"] * 4 + ["won"] * 4
    total = Milestone.objects.filter(agreement=agreement).aggregate(total=Sum("amount"))["total"]
    assert total == Decimal("80000.00") <= Agreement.objects.get(pk=agreement.pk).value
