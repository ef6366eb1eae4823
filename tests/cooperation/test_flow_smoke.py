"""The whole way once: a confidential need, the undertaking, a proposal, the agreement signed
by both sides, a milestone delivered and accepted, the agreement completed."""

from datetime import timedelta

from labshare.cooperation import services
from labshare.cooperation.models import Agreement, Need, NeedAccess, Proposal
from tests.cooperation.conftest import TODAY, milestone, post, propose
from tests.factories import act


def test_confidential_need_to_completed_agreement(
    now, sme_member, sme_admin, technician, provider_admin, provider_org, sem
):
    need = post(sme_member, is_confidential=True, public_summary="铝合金焊接件疲劳问题")
    access = services.invite_provider(act(sme_member), need, provider_org)
    services.accept_undertaking(act(technician), access)
    assert NeedAccess.objects.get(pk=access.pk).reads_details
    proposal = propose(technician, need, instruments=[sem])
    services.shortlist_proposal(act(sme_member), proposal)
    services.post_message(act(sme_member), proposal, "疲劳试验按哪个标准？")
    services.post_message(act(technician), proposal, "GB/T 3075。")
    agreement = services.accept_proposal(act(sme_admin), proposal)
    assert Need.objects.get(pk=need.pk).status == Need.Status.AWARDED
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.ACCEPTED
    first = milestone(sme_admin, agreement, "30000")
    second = milestone(provider_admin, agreement, "60000", days=90, deliverable="工艺方案")
    services.sign_agreement(act(sme_admin), agreement, TODAY)
    agreement = services.sign_agreement(act(provider_admin), agreement, TODAY)
    assert agreement.status == Agreement.Status.ACTIVE
    for step in (first, second):
        services.deliver_milestone(act(technician), step)
        services.accept_milestone(act(sme_admin), step)
    services.register_contract(act(sme_admin), agreement, "2026210200000123", TODAY)
    done = services.complete_agreement(act(sme_admin), agreement)
    assert done.status == Agreement.Status.COMPLETED
    assert done.signed_on == TODAY and done.registered_on == TODAY
    assert (TODAY - timedelta(days=0)) == done.signed_on
