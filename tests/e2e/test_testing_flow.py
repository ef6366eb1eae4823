"""End to end in a real Chromium: an SME engineer orders a tensile test from the catalogue, the
lab quotes, the engineer accepts, the lab receives the sample and prints its label, three lab
people enter, check and approve the results, and the engineer downloads the report (the bytes
the verification page vouches for) and rates the order.

The live server runs with the real clock; the CMA certificate is valid for years around it.
"""

import hashlib
from datetime import date

import pytest

from labshare.orders.models import Review, ServiceOrder, TestReport
from tests.e2e.test_booking_flow import log_in, new_page
from tests.orders.conftest import add_cma, make_signer, make_test_service

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def accredited_tensile(provider_org, provider_admin):
    tensile = make_test_service(provider_org)
    add_cma(provider_org, tensile, valid_from=date(2020, 1, 1), valid_until=date(2099, 12, 31))
    make_signer(provider_org, provider_admin, [tensile])
    return tensile


def test_order_quote_receive_sign_download_and_rate(
    page, browser, live_server, accredited_tensile, sme_member, provider_admin, technician
):
    # The engineer finds the test item beside the tensile testers and orders it.
    log_in(page, "sme_member")
    page.goto("/tests/?q=拉伸")
    page.click("#test-services >> text=金属材料室温拉伸试验")
    page.click("#order-test")
    page.wait_for_selector("#order-form")
    page.fill("input[name=sample_count]", "1")
    page.fill("textarea[name=sample_description]", "Q235 钢板拉伸试样 A1")
    page.fill("input[name=contact_phone]", "13800000001")
    page.click("#order-submit")
    page.wait_for_selector('h1 [data-status="submitted"]')
    order = ServiceOrder.objects.get()

    # The lab's administrator quotes from the console: the lines come prefilled from the item.
    staff = new_page(browser, live_server)
    log_in(staff, "provider_admin")
    staff.click("#nav-test-orders")
    staff.click(f'#orders [data-order="{order.pk}"] a')
    assert staff.input_value("input[name=line-0-unit_price]") == "180.00"
    staff.click('[data-action="quote"]')
    staff.wait_for_selector('h1 [data-status="quoted"]')

    # The engineer accepts the quote.
    page.reload()
    assert "¥180.00" in page.inner_text("#next-step")
    page.click('[data-action="accept"]')
    page.wait_for_selector('h1 [data-status="accepted"]')

    # The lab receives the sample, prints its label and starts testing.
    staff.reload()
    assert staff.input_value("input[name=sample-0-description]") == "Q235 钢板拉伸试样 A1"
    staff.click('[data-action="receive"]')
    staff.wait_for_selector('h1 [data-status="samples_received"]')
    number = order.samples.get().number
    staff.click('[data-action="labels"]')
    staff.wait_for_selector(f'#labels [data-sample="{number}"] svg')
    staff.go_back()
    staff.click('[data-action="start"]')
    staff.wait_for_selector('h1 [data-status="testing"]')

    # 检测: the technician enters the result; the unit is the item's.
    bench = new_page(browser, live_server)
    log_in(bench, "technician")
    bench.goto(f"/console/orders/{order.pk}/")
    row = f'#results-form tr[data-row^="{number}"]'
    assert bench.input_value(f"{row} input[name$=-unit]") == "MPa"
    bench.fill(f"{row} input[name$=-value]", "452")
    bench.fill(f"{row} input[name$=-spec]", "≥ 370")
    bench.select_option(f"{row} select[name$=-verdict]", "pass")
    bench.click('[data-action="enter"]')
    bench.wait_for_selector('#result-check [data-state="entered"]')

    # 审核 by the administrator, 批准 by the authorised signatory.
    staff.reload()
    staff.click('[data-action="check"]')
    staff.wait_for_selector('#result-check [data-state="checked"]')
    signer = new_page(browser, live_server)
    log_in(signer, "signer")
    signer.goto("/console/worklist/")
    signer.click(f'#to-approve [data-order="{order.pk}"] a')
    signer.click('[data-action="approve"]')
    signer.wait_for_selector('h1 [data-status="reported"]')
    report = TestReport.objects.get()

    # The engineer downloads the report: the same bytes as the verification page's hash.
    page.reload()
    with page.expect_download() as download:
        page.click(f'#reports [data-report="{report.number}"] [data-action="download"]')
    path = download.value.path()
    with open(path, "rb") as pdf:
        sha256 = hashlib.sha256(pdf.read()).hexdigest()
    page.click(f'#reports [data-report="{report.number}"] [data-action="verify"]')
    assert page.inner_text("#report-sha256") == sha256
    page.go_back()

    # … confirms receipt and rates the order.
    page.click('[data-action="complete"]')
    page.wait_for_selector('h1 [data-status="completed"]')
    page.check("input[name=rating][value='5']")
    page.check("input[name=sentiment][value='good']")
    page.fill("textarea[name=comment]", "报告出得快，沟通顺畅")
    page.click('[data-action="review"]')
    page.wait_for_selector("#review")
    assert Review.objects.get().rating == 5
    assert "★★★★★" in page.inner_text("#review")
