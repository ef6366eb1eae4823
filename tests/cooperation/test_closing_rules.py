"""What closes for good: a registration is entered once, a declined provider's thread and its
chance on the need, a decline whose message is too long is not sent at all; and a side that
signed hears when the terms change under its signature."""

import pytest
from django.urls import reverse

from labshare.cooperation import services
from labshare.cooperation.models import Proposal
from labshare.core.errors import Conflict, InvalidState
from labshare.core.models import Notification
from tests.cooperation.conftest import TODAY, milestone, propose
from tests.factories import act


def test_a_registration_is_entered_once(now, active, sme_admin, provider_admin):
    services.register_contract(act(sme_admin), active, "2026210211000007", TODAY)
    with pytest.raises(Conflict) as refusal:
        services.register_contract(act(provider_admin), active, "2026210211000008", TODAY)
    assert refusal.value.field == "registration_number"
    active.refresh_from_db()
    assert active.registration_number == "2026210211000007"


def test_a_declined_provider_neither_writes_nor_proposes_again(now, need, technician, sme_member):
    proposal = propose(technician, need)
    services.decline_proposal(act(sme_member), proposal)
    with pytest.raises(InvalidState):
        services.post_message(act(technician), proposal, "能否再考虑？")
    with pytest.raises(InvalidState) as refusal:
        propose(technician, need)
    assert refusal.value.code == "declined"
    assert Proposal.objects.filter(need=need).count() == 1


def test_a_too_long_decline_message_declines_nothing(client_of, need, technician, sme_member):
    proposal = propose(technician, need)
    browser = client_of(sme_member)
    browser.post(
        reverse("cooperation:proposal_decline", args=[proposal.pk]), {"message": "谢" * 501}
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_the_side_that_signed_hears_the_terms_changed(now, agreement, sme_admin, provider_admin):
    milestone(sme_admin, agreement)
    services.sign_agreement(act(provider_admin), agreement, TODAY)
    milestone(sme_admin, agreement, "10000", days=60, deliverable="中期报告")
    agreement.refresh_from_db()
    assert agreement.provider_signed_at is None
    heard = Notification.objects.filter(user=provider_admin, verb="cooperation.agreement_changed")
    assert heard.count() == 1
