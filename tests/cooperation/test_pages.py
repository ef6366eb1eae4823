"""The cooperation pages: who sees what (a confidential need's details never before the
undertaking), 404 for other tenants, 403 for too low a role, and the lists' bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.cooperation import services
from labshare.cooperation.models import Need, NeedAccess
from tests.cooperation.conftest import TODAY, milestone, post, propose
from tests.factories import act

PROBLEM = "焊接件在振动工况下出现早期疲劳裂纹"


@pytest.fixture
def secret(sme_member, now):
    return post(
        sme_member, is_confidential=True, public_summary="铝合金焊接件的疲劳问题", problem=PROBLEM
    )


def test_board_lists_open_needs_for_anybody(client, need):
    page = client.get(reverse("cooperation:need_board"))
    assert page.status_code == 200
    assert need.title in page.content.decode()


def test_board_filters_by_field_mode_and_words(client, sme_member, now):
    welding = post(sme_member, title="焊接工艺优化")
    other = post(
        sme_member,
        title="图像识别缺陷检测",
        problem="产线表面缺陷靠人工目检，漏检率高。",
        expected_outcome="一套在线视觉检测系统。",
        field="artificial-intelligence",
        mode="joint",
    )
    url = reverse("cooperation:need_board")
    by_sector = client.get(url, {"field": "emerging"}).content.decode()
    assert other.title in by_sector and welding.title not in by_sector
    by_mode = client.get(url, {"mode": "joint"}).content.decode()
    assert other.title in by_mode and welding.title not in by_mode
    by_word = client.get(url, {"q": "焊接"}).content.decode()
    assert welding.title in by_word and other.title not in by_word


def test_board_search_never_reads_a_confidential_problem(client, secret):
    page = client.get(reverse("cooperation:need_board"), {"q": "振动工况"}).content.decode()
    assert secret.title not in page
    assert 'id="needs-empty"' in page


def test_board_queries_do_not_grow_with_the_number_of_needs(client, sme_member, now):
    post(sme_member)
    url = reverse("cooperation:need_board")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(5):
        post(sme_member, title=f"需求{number}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_confidential_details_only_after_the_undertaking(
    client_of, client, secret, technician, provider_org
):
    url = reverse("cooperation:need_detail", args=[secret.pk])
    assert PROBLEM not in client.get(url).content.decode()
    browser = client_of(technician)
    assert PROBLEM not in browser.get(url).content.decode()
    access = services.invite_provider(act(secret.created_by), secret, provider_org)
    page = browser.get(url).content.decode()
    assert PROBLEM not in page and 'id="read-undertaking"' in page
    # The proposal form is not a way around it.
    assert browser.get(reverse("cooperation:propose", args=[secret.pk])).status_code == 302
    browser.post(reverse("cooperation:undertaking", args=[access.pk]))
    assert NeedAccess.objects.get(pk=access.pk).undertaking_by == technician
    assert PROBLEM in browser.get(url).content.decode()


def test_firm_sees_its_confidential_need_whole(client_of, secret, sme_member):
    page = client_of(sme_member).get(reverse("cooperation:need_detail", args=[secret.pk]))
    assert PROBLEM in page.content.decode()
    assert 'id="firm-panel"' in page.content.decode()


def test_outsider_gets_404_on_the_firms_pages(client_of, need, outsider):
    browser = client_of(outsider)
    for name in ("need_edit", "compare"):
        assert browser.get(reverse(f"cooperation:{name}", args=[need.pk])).status_code == 404
    response = browser.post(reverse("cooperation:need_withdraw", args=[need.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert Need.objects.get(pk=need.pk).status == Need.Status.OPEN


def test_outsider_gets_404_on_a_proposal_and_an_agreement(client_of, agreement, outsider):
    browser = client_of(outsider)
    proposal = agreement.proposal
    assert (
        browser.get(reverse("cooperation:proposal_detail", args=[proposal.pk])).status_code == 404
    )
    assert (
        browser.get(reverse("cooperation:agreement_detail", args=[agreement.pk])).status_code == 404
    )
    response = browser.post(
        reverse("cooperation:agreement_terminate", args=[agreement.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == agreement.Status.DRAFT


def test_provider_member_gets_403_on_the_provider_pages(client_of, need, provider_member):
    browser = client_of(provider_member)
    assert browser.get(reverse("cooperation:lab_needs")).status_code == 403
    assert browser.get(reverse("cooperation:propose", args=[need.pk])).status_code == 403


def test_provider_member_gets_403_on_its_proposal(client_of, need, technician, provider_member):
    proposal = propose(technician, need)
    response = client_of(provider_member).get(
        reverse("cooperation:proposal_detail", args=[proposal.pk])
    )
    assert response.status_code == 403


def test_firm_member_cannot_sign_for_the_firm(client_of, agreement, sme_member, sme_admin):
    milestone(sme_admin, agreement)
    browser = client_of(sme_member)
    page = browser.get(reverse("cooperation:agreement_detail", args=[agreement.pk]))
    assert page.status_code == 200 and 'data-action="sign"' not in page.content.decode()
    browser.post(reverse("cooperation:agreement_sign", args=[agreement.pk]), {"signed_on": TODAY})
    agreement.refresh_from_db()
    assert agreement.customer_signed_at is None


def test_pages_render_for_each_side(client_of, agreement, sme_admin, technician, provider_admin):
    need = agreement.need
    firm, lab = client_of(sme_admin), None
    for url in (
        reverse("cooperation:my_needs"),
        reverse("cooperation:compare", args=[need.pk]),
        reverse("cooperation:proposal_detail", args=[agreement.proposal_id]),
        reverse("cooperation:agreement_list"),
        reverse("cooperation:agreement_detail", args=[agreement.pk]),
        reverse("cooperation:need_new"),
        reverse("cooperation:need_detail", args=[need.pk]),
    ):
        assert firm.get(url).status_code == 200, url
    firm.logout()
    lab = client_of(technician)
    for url in (
        reverse("cooperation:lab_needs"),
        reverse("cooperation:lab_needs") + "?show=proposals",
        reverse("cooperation:agreement_detail", args=[agreement.pk]),
        reverse("cooperation:proposal_detail", args=[agreement.proposal_id]),
    ):
        assert lab.get(url).status_code == 200, url


def test_empty_lists_say_what_to_do_next(client_of, sme_member, technician, now):
    page = client_of(sme_member).get(reverse("cooperation:my_needs")).content.decode()
    assert reverse("cooperation:need_new") in page
    page = client_of(technician).get(reverse("cooperation:lab_needs")).content.decode()
    assert reverse("cooperation:need_board") in page
