"""End to end in a real Chromium: a firm posts a confidential need and invites the provider
matching read for it; the provider's technician cannot read the details until they accept the
confidentiality undertaking, then proposes; the firm accepts the proposal, both sides settle a
milestone and sign, the provider delivers the first milestone and the firm accepts it."""

from datetime import timedelta

import pytest

from labshare.cooperation.models import Agreement, NeedAccess, Proposal
from labshare.core import clock
from tests.e2e.test_booking_flow import log_in, new_page
from tests.factories import make_instrument

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECRET = "银离子水凝胶配方在37℃下的释放曲线"


@pytest.fixture
def welding_lab(provider_org):
    """The provider owns an instrument in 机械工程 (460), so matching suggests it."""
    return make_instrument(provider_org, "高频疲劳试验机", discipline_codes=["460"])


def test_confidential_need_to_first_milestone(
    page, browser, live_server, welding_lab, sme_admin, provider_admin, technician, provider_org
):
    # The firm posts a confidential need.
    log_in(page, "sme_admin")
    page.click("#nav-cooperation")
    page.click("#coop-my-needs")
    page.click("#need-new")
    page.fill("input[name=title]", "焊接支架疲劳寿命提升")
    page.fill("textarea[name=problem]", f"焊接支架在振动下开裂；{SECRET}需保密。")
    page.fill("textarea[name=expected_outcome]", "疲劳寿命提高一倍的焊接工艺。")
    page.select_option("select[name=field]", "high-end-equipment")
    page.check('#discipline-list input[value="460"]')
    page.select_option("select[name=mode]", "commissioned")
    page.fill("input[name=budget_min]", "50000")
    page.fill("input[name=budget_max]", "120000")
    page.fill("input[name=deadline]", (clock.today() + timedelta(days=20)).isoformat())
    page.check("input[name=is_confidential]")
    page.fill("input[name=public_summary]", "焊接件的疲劳问题")
    page.click("#need-submit")
    page.wait_for_selector("#firm-panel")
    assert SECRET in page.inner_text("#need-problem")

    # Matching suggests the provider; the firm invites it.
    page.click(f'#suggested [data-provider="{provider_org.pk}"] [data-action="invite"]')
    page.wait_for_selector("#accesses [data-access]")
    need_url = page.url

    # The technician sees only the summary until the undertaking is accepted.
    lab = new_page(browser, live_server)
    log_in(lab, "technician")
    lab.goto(need_url)
    assert SECRET not in lab.content()
    assert "焊接件的疲劳问题" in lab.inner_text("#need-summary")
    lab.click("#read-undertaking")
    assert provider_org.name in lab.inner_text("#undertaking-text")
    lab.click("#accept-undertaking")
    lab.wait_for_selector("#need-problem")
    assert SECRET in lab.inner_text("#need-problem")
    access = NeedAccess.objects.get()
    assert access.undertaking_by == technician and access.undertaking_at is not None

    # The technician proposes, naming the instrument.
    lab.click("#propose")
    lab.fill("textarea[name=approach]", "断口分析加焊接参数正交试验，疲劳试验验证。")
    lab.fill("textarea[name=team]", "焊接课题组 4 人")
    lab.fill("textarea[name=timeline]", "4 个月")
    lab.fill("input[name=duration_days]", "120")
    lab.fill("input[name=price]", "90000")
    lab.check(f'input[name=instruments][value="{welding_lab.pk}"]')
    lab.click("#proposal-submit")
    lab.wait_for_selector('h1 [data-status="submitted"]')
    proposal = Proposal.objects.get()

    # The firm compares the proposals and accepts this one: a draft agreement opens.
    page.goto(need_url)
    page.click("#compare-proposals")
    page.click(f'[data-proposal="{proposal.pk}"] h2 a')
    page.click('[data-action="accept"]')
    page.wait_for_selector("#agreement-facts")
    agreement = Agreement.objects.get()
    assert agreement.value == proposal.price

    # The firm adds the first milestone and signs; the provider's administrator signs.
    page.fill("#milestone-form input[name=deliverable]", "断口分析报告")
    page.fill(
        "#milestone-form input[name=due_on]", (clock.today() + timedelta(days=30)).isoformat()
    )
    page.fill("#milestone-form input[name=amount]", "30000")
    page.click('[data-action="add-milestone"]')
    page.wait_for_selector("#milestones [data-milestone]")
    page.click('[data-action="sign"]')
    page.wait_for_selector("#agreement-actions >> text=对方签署后协议即生效")
    director = new_page(browser, live_server)
    log_in(director, "provider_admin")
    director.goto(f"/cooperation/agreements/{agreement.pk}/")
    director.click('[data-action="sign"]')
    director.wait_for_selector('h1 [data-status="active"]')

    # Both sides confirm the first milestone: delivered by the technician, accepted by the firm.
    lab.goto(f"/cooperation/agreements/{agreement.pk}/")
    lab.click('[data-action="deliver"]')
    lab.wait_for_selector('#milestones [data-state="delivered"]')
    page.reload()
    page.click('#milestones [data-action="accept"]')
    page.wait_for_selector('#milestones [data-state="accepted"]')
    milestone = agreement.milestones.get()
    assert milestone.delivered_by == technician and milestone.accepted_by == sme_admin


def test_board_and_need_fit_a_phone(phone_page, sme_member, provider_admin, welding_lab):
    from labshare.cooperation import services
    from tests.cooperation.conftest import need_fields
    from tests.factories import act

    fields = need_fields(deadline=clock.today() + timedelta(days=10))
    need = services.post_need(
        act(sme_member), act(sme_member).organization, disciplines=["460"], **fields
    )
    page = phone_page
    log_in(page, "provider_admin")
    for path in ("/cooperation/", f"/cooperation/needs/{need.pk}/", "/cooperation/lab/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
