"""Proposals on a need: who may submit one and when, the firm's decision, and the thread."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from labshare.cooperation import services
from labshare.cooperation.models import Agreement, Need, Proposal, ProposalMessage
from labshare.cooperation.notifications import POLITE_DECLINE
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from labshare.core.models import Notification
from tests.cooperation.conftest import NOW, post, propose
from tests.factories import act, make_instrument, make_member, make_organization, reload

CONFIDENTIAL = {"is_confidential": True, "public_summary": "铝合金焊接件疲劳问题"}


@pytest.fixture
def third_provider_staff(db):
    org = make_organization("第三研究所", kind="institute", is_provider=True, code="THRD")
    return make_member(org, "third_staff", "staff")


def decline_notes(need) -> dict[str, str]:
    rows = Notification.objects.filter(verb="cooperation.proposal_declined")
    return dict(rows.values_list("user__username", "body"))


def polite(need, provider) -> str:
    return POLITE_DECLINE % {
        "need": need.title,
        "customer": need.customer.name,
        "provider": provider.name,
    }


def test_proposal_on_an_open_need_is_submitted_and_the_firm_told(
    now, need, technician, provider_org, sem
):
    proposal = reload(propose(technician, need, instruments=[sem]))
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.provider == provider_org and proposal.created_by == technician
    assert list(proposal.instruments.all()) == [sem]
    assert Notification.objects.filter(
        verb="cooperation.proposal_submitted", user__username="sme_member"
    ).exists()


def test_proposal_on_a_withdrawn_need_is_refused(now, need, sme_member, technician):
    services.withdraw_need(act(sme_member), need, "项目取消")
    with pytest.raises(InvalidState) as refusal:
        propose(technician, need)
    assert refusal.value.code == "need_closed"
    assert Proposal.objects.count() == 0


def test_proposal_on_an_awarded_need_is_refused(
    now, need, technician, sme_admin, other_provider_admin
):
    services.accept_proposal(act(sme_admin), propose(technician, need))
    with pytest.raises(InvalidState) as refusal:
        propose(other_provider_admin, need)
    assert refusal.value.code == "need_closed"
    assert Proposal.objects.count() == 1


def test_proposal_is_taken_on_the_deadline_day_and_refused_after_it(
    now, need, technician, other_provider_admin
):
    deadline = NOW + timedelta(days=30)
    now(deadline.replace(hour=23, minute=59))
    propose(technician, need)
    now(deadline + timedelta(days=1))
    with pytest.raises(InvalidState) as refusal:
        propose(other_provider_admin, need)
    assert refusal.value.code == "need_closed"
    assert Proposal.objects.count() == 1


def test_confidential_need_is_not_answered_without_the_undertaking(
    now, sme_member, provider_org, technician
):
    secret = post(sme_member, **CONFIDENTIAL)
    with pytest.raises(NotAllowed) as refusal:
        propose(technician, secret)
    assert refusal.value.code == "undertaking_missing"
    access = services.invite_provider(act(sme_member), secret, provider_org)
    with pytest.raises(NotAllowed) as refusal:
        propose(technician, secret)
    assert refusal.value.code == "undertaking_missing"
    assert Proposal.objects.count() == 0
    services.accept_undertaking(act(technician), access)
    assert propose(technician, secret).status == Proposal.Status.SUBMITTED


def test_one_live_proposal_per_provider_and_need(now, need, technician, provider_admin):
    first = propose(technician, need)
    with pytest.raises(Conflict):
        propose(provider_admin, need, price="80000")
    assert Proposal.objects.filter(need=need).count() == 1
    services.withdraw_proposal(act(technician), first)
    second = propose(provider_admin, need, price="80000")
    assert second.status == Proposal.Status.SUBMITTED
    assert reload(first).status == Proposal.Status.WITHDRAWN


def test_instruments_of_another_provider_are_refused(
    now, need, technician, other_provider_org, sem
):
    theirs = make_instrument(other_provider_org, "透射电子显微镜", discipline_codes=["460"])
    with pytest.raises(InvalidInput) as refusal:
        propose(technician, need, instruments=[sem, theirs])
    assert refusal.value.field == "instruments"
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("price", ["0", "-1", "-90000", "", None, "免费"])
def test_price_must_be_above_zero(now, need, technician, price):
    with pytest.raises(InvalidInput) as refusal:
        propose(technician, need, price=price)
    assert refusal.value.field == "price"
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("days", [0, -5, 3651, "abc", None])
def test_duration_out_of_range_is_refused(now, need, technician, days):
    with pytest.raises(InvalidInput) as refusal:
        propose(technician, need, duration_days=days)
    assert refusal.value.field == "duration_days"
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("days", [1, 3650])
def test_duration_at_the_limits_is_accepted(now, need, technician, days):
    assert propose(technician, need, duration_days=days).duration_days == days


def test_firm_does_not_answer_its_own_need(now, provider_admin, technician):
    own = post(provider_admin)
    with pytest.raises(NotAllowed):
        propose(technician, own)
    assert Proposal.objects.count() == 0


def test_provider_member_cannot_propose(now, need, provider_member):
    with pytest.raises(NotAllowed):
        propose(provider_member, need)
    assert Proposal.objects.count() == 0


def test_customer_cannot_propose(now, need, outsider, outsider_org):
    with pytest.raises(NotAllowed):
        propose(outsider, need)
    assert Proposal.objects.count() == 0


def test_member_of_the_firm_shortlists_and_takes_off_the_shortlist(
    now, need, technician, sme_member
):
    proposal = propose(technician, need)
    services.shortlist_proposal(act(sme_member), proposal)
    assert reload(proposal).status == Proposal.Status.SHORTLISTED
    assert Notification.objects.filter(
        verb="cooperation.proposal_shortlisted", user=technician
    ).exists()
    with pytest.raises(InvalidState):
        services.shortlist_proposal(act(sme_member), proposal)
    services.shortlist_proposal(act(sme_member), proposal, on=False)
    assert reload(proposal).status == Proposal.Status.SUBMITTED


def test_provider_and_outsider_cannot_shortlist(now, need, technician, provider_admin, outsider):
    proposal = propose(technician, need)
    for user in (provider_admin, outsider):
        with pytest.raises(NotAllowed):
            services.shortlist_proposal(act(user), proposal)
    assert reload(proposal).status == Proposal.Status.SUBMITTED


def test_decline_with_the_firms_message(now, need, technician, sme_member):
    proposal = propose(technician, need)
    services.decline_proposal(act(sme_member), proposal, "预算不足，谢谢。")
    proposal = reload(proposal)
    assert proposal.status == Proposal.Status.DECLINED and proposal.decided_at == NOW
    assert decline_notes(need) == {"technician": "预算不足，谢谢。"}


def test_decline_without_a_message_sends_the_polite_text(
    now, need, technician, sme_member, provider_org
):
    services.decline_proposal(act(sme_member), propose(technician, need))
    assert decline_notes(need) == {"technician": polite(need, provider_org)}


def test_polite_text_is_in_the_platform_language_like_the_rest_of_the_notice(
    now, need, technician, sme_member, settings, sme_org, provider_org
):
    settings.LANGUAGE_CODE = "en"
    services.decline_proposal(act(sme_member), propose(technician, need))
    note = Notification.objects.get(verb="cooperation.proposal_declined")
    assert note.title == f"About your proposal on “{need.title}”"
    assert note.body == (
        f"Thank you for your proposal on “{need.title}”. {sme_org.name} has chosen another "
        f"approach this time. We hope to work with {provider_org.name} on a future need."
    )


def test_declined_proposal_is_not_accepted(now, need, technician, sme_member, sme_admin):
    proposal = propose(technician, need)
    services.decline_proposal(act(sme_member), proposal)
    with pytest.raises(InvalidState):
        services.accept_proposal(act(sme_admin), proposal)
    assert Agreement.objects.count() == 0
    assert reload(need).status == Need.Status.OPEN


def test_accepting_needs_the_contract_permission(now, need, technician, sme_member):
    proposal = propose(technician, need)
    with pytest.raises(NotAllowed):
        services.accept_proposal(act(sme_member), proposal)
    assert reload(proposal).status == Proposal.Status.SUBMITTED
    assert reload(need).status == Need.Status.OPEN
    assert Agreement.objects.count() == 0


def test_accept_opens_a_draft_agreement_and_declines_the_others_politely(
    now,
    sme_member,
    sme_admin,
    technician,
    provider_org,
    other_provider_admin,
    other_provider_org,
    third_provider_staff,
):
    need = post(sme_member, mode="consulting")
    chosen = propose(technician, need, price="88000.50")
    shortlisted = propose(other_provider_admin, need)
    services.shortlist_proposal(act(sme_member), shortlisted)
    third = propose(third_provider_staff, need)
    agreement = services.accept_proposal(act(sme_admin), chosen)
    assert reload(chosen).status == Proposal.Status.ACCEPTED
    assert reload(shortlisted).status == Proposal.Status.DECLINED
    assert reload(third).status == Proposal.Status.DECLINED
    need = reload(need)
    assert need.status == Need.Status.AWARDED and need.closed_at == NOW
    agreement = reload(agreement)
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.value == chosen.price
    assert agreement.contract_type == "consulting" == need.mode
    assert (agreement.customer, agreement.provider) == (need.customer, provider_org)
    assert agreement.proposal == chosen and agreement.title == need.title
    assert decline_notes(need) == {
        "other_provider_admin": polite(need, other_provider_org),
        "third_staff": polite(need, third.provider),
    }
    assert Notification.objects.filter(
        verb="cooperation.proposal_accepted", user=technician
    ).exists()


def test_a_withdrawn_proposal_stays_withdrawn_when_another_is_accepted(
    now, need, technician, other_provider_admin, sme_admin
):
    gone = propose(other_provider_admin, need)
    services.withdraw_proposal(act(other_provider_admin), gone)
    services.accept_proposal(act(sme_admin), propose(technician, need))
    assert reload(gone).status == Proposal.Status.WITHDRAWN
    assert decline_notes(need) == {}


def test_accepted_proposal_is_not_withdrawn(now, agreement, technician):
    with pytest.raises(InvalidState):
        services.withdraw_proposal(act(technician), agreement.proposal)
    assert reload(agreement.proposal).status == Proposal.Status.ACCEPTED


def test_a_second_acceptance_on_the_need_is_refused(
    now, need, technician, other_provider_admin, sme_admin
):
    first = propose(technician, need)
    second = propose(other_provider_admin, need)
    services.accept_proposal(act(sme_admin), first)
    with pytest.raises(InvalidState):
        services.accept_proposal(act(sme_admin), second)
    assert Proposal.objects.filter(need=need, status="accepted").get() == first
    assert Agreement.objects.filter(need=need).count() == 1


def test_database_keeps_one_accepted_proposal_per_need(
    now, need, technician, other_provider_admin, sme_admin
):
    first = propose(technician, need)
    second = propose(other_provider_admin, need)
    services.accept_proposal(act(sme_admin), first)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=second.pk).update(status=Proposal.Status.ACCEPTED)
    assert Proposal.objects.filter(need=need, status="accepted").count() == 1


# The thread ------------------------------------------------------------------------------


@pytest.fixture
def proposal(need, technician):
    return propose(technician, need)


def test_both_sides_write_in_the_thread(
    now, proposal, sme_member, technician, sme_org, provider_org
):
    question = services.post_message(act(sme_member), proposal, "疲劳试验按哪个标准？")
    answer = services.post_message(act(technician), proposal, "GB/T 3075。")
    assert (question.organization, question.author) == (sme_org, sme_member)
    assert (answer.organization, answer.author) == (provider_org, technician)
    notes = Notification.objects.filter(verb="cooperation.message")
    assert set(
        notes.filter(body="疲劳试验按哪个标准？").values_list("user__username", flat=True)
    ) >= {"technician"}
    assert not notes.filter(user=technician, body="GB/T 3075。").exists()


@pytest.mark.parametrize("who", ["outsider", "provider_member", "other_provider_admin"])
def test_outsiders_cannot_write_in_the_thread(now, proposal, request, who):
    user = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        services.post_message(act(user), proposal, "请问？")
    assert ProposalMessage.objects.count() == 0


def test_thread_of_a_withdrawn_proposal_is_closed(now, proposal, technician, sme_member):
    services.withdraw_proposal(act(technician), proposal)
    with pytest.raises(InvalidState):
        services.post_message(act(sme_member), proposal, "还在吗？")
    assert ProposalMessage.objects.count() == 0
