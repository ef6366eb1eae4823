"""A confidential need's details reach only the firm and the providers under the undertaking:
not through the admin's lookups, not through another organisation of the same person, not
through a file address."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from labshare.accounts import services as account_services
from labshare.cooperation import services
from labshare.core.actors import system_actor
from tests.cooperation.conftest import post, propose
from tests.factories import act, make_member

PROBLEM = "涂层配方中含有专有的硅烷偶联剂体系"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def secret(sme_member, now):
    return post(sme_member, is_confidential=True, public_summary="涂层耐蚀问题", problem=PROBLEM)


def test_the_admin_cannot_search_the_hidden_texts(admin_client, secret):
    listing = reverse("admin:cooperation_need_changelist")
    assert admin_client.get(listing).status_code == 200
    for lookup in ("problem__contains", "expected_outcome__startswith", "problem"):
        response = admin_client.get(listing, {lookup: PROBLEM[:4]})
        assert secret.title not in response.content.decode(), lookup
    proposals = reverse("admin:cooperation_proposal_changelist")
    response = admin_client.get(proposals, {"approach__contains": "断口"})
    assert response.status_code != 200 or "断口" not in response.content.decode()


def test_details_follow_the_organisation_one_acts_for(
    client_of, secret, technician, provider_org, other_provider_org
):
    """A person on the staff of two providers reads the details only as the one that gave
    the undertaking."""
    access = services.invite_provider(act(secret.created_by), secret, provider_org)
    services.accept_undertaking(act(technician), access)
    account_services.add_member(system_actor(), other_provider_org, technician, "staff")
    browser = client_of(technician)
    url = reverse("cooperation:need_detail", args=[secret.pk])
    assert PROBLEM in browser.get(url).content.decode()
    session = browser.session
    session["active_organization_id"] = other_provider_org.pk
    session.save()
    page = browser.get(url).content.decode()
    assert other_provider_org.display_name in page  # acting for the other provider now
    assert PROBLEM not in page
    response = browser.get(reverse("cooperation:propose", args=[secret.pk]))
    assert response.status_code == 302


def test_attachments_are_private_files_handed_out_by_the_check(
    client_of, client, need, technician, sme_member, outsider
):
    proposal = propose(technician, need)
    upload = SimpleUploadedFile("技术要求.pdf", PDF)
    message = services.post_message(act(sme_member), proposal, "附件是技术要求。", upload)
    assert str(settings.MEDIA_ROOT) not in message.attachment.path
    with pytest.raises(ValueError):
        message.attachment.url  # noqa: B018 - no address to guess
    url = reverse("cooperation:message_attachment", args=[proposal.pk, message.pk])
    assert client_of(outsider).get(url).status_code == 404
    client.logout()
    download = client_of(technician).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]


def test_a_vanished_attachment_is_a_404(client_of, need, technician, sme_member):
    proposal = propose(technician, need)
    upload = SimpleUploadedFile("方案.pdf", PDF)
    message = services.post_message(act(sme_member), proposal, "见附件。", upload)
    message.attachment.storage.delete(message.attachment.name)
    url = reverse("cooperation:message_attachment", args=[proposal.pk, message.pk])
    assert client_of(technician).get(url).status_code == 404


def test_a_provider_member_reads_no_details(client_of, secret, provider_org, technician):
    access = services.invite_provider(act(secret.created_by), secret, provider_org)
    services.accept_undertaking(act(technician), access)
    member = make_member(provider_org, "lab_member", "member")
    # The undertaking binds the organisation: its members read the details too, but cannot act.
    page = client_of(member).get(reverse("cooperation:need_detail", args=[secret.pk]))
    assert page.status_code == 200
    assert 'id="propose"' not in page.content.decode()
