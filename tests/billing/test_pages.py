"""The billing pages, each side's: what they show, what they refuse (other tenant 404, too
little permission 403, nothing changed), and the statement and settlement files read back."""

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.billing import services
from labshare.billing.models import (
    BillingJob,
    BillingRun,
    Charge,
    Dispute,
    Grant,
    Payment,
    Price,
    Programme,
    Settlement,
    Statement,
    Verification,
)
from tests.billing.conftest import use
from tests.factories import act

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext")


def test_customer_sees_balance_vouchers_charges_and_statements(client_of, billed, sme_admin):
    client = client_of(sme_admin)
    overview = client.get(reverse("billing:overview")).content.decode()
    assert "¥600.00" in overview and "甘井子区科技创新券" in overview
    assert "¥19400.00" in overview  # left of the 20,000 quota after 2 × 300
    charges = client.get(reverse("billing:charges")).content.decode()
    assert charges.count('data-charge="') == 2 and billed.number in charges
    statements = client.get(reverse("billing:statements"), {"since": "2026-03"}).content.decode()
    assert billed.number in statements
    empty = client.get(reverse("billing:statements"), {"since": "2026-04"}).content.decode()
    assert billed.number not in empty and 'class="empty"' in empty


def test_a_member_without_billing_rights_gets_403(client_of, billed, sme_member):
    for name in ("billing:overview", "billing:charges", "billing:statements"):
        assert client_of(sme_member).get(reverse(name)).status_code == 403
    assert (
        client_of(sme_member).get(reverse("billing:statement", args=[billed.pk])).status_code == 403
    )


def test_other_tenants_get_404_on_a_statement_and_its_files(
    client_of, billed, outsider, other_provider_admin
):
    for user in (outsider, other_provider_admin):
        for name in ("billing:statement", "billing:statement_pdf", "billing:statement_xlsx"):
            assert client_of(user).get(reverse(name, args=[billed.pk])).status_code == 404


def test_a_draft_statement_is_the_providers_alone(
    client_of, priced, sme_member, sme_org, sme_admin, technician, provider_admin, provider_org, now
):
    use(priced, sme_member, sme_org, technician, now)
    run = services.start_billing_run(act(provider_admin), provider_org, date(2026, 3, 1))
    draft = run.statements.get()
    assert (
        client_of(sme_admin).get(reverse("billing:statement", args=[draft.pk])).status_code == 404
    )
    assert (
        client_of(provider_admin).get(reverse("billing:statement", args=[draft.pk])).status_code
        == 200
    )


def test_dispute_from_the_charges_list(client_of, billed, sme_admin, outsider):
    charge = Charge.objects.filter(statement=billed).first()
    url = reverse("billing:dispute", args=[charge.pk])
    assert client_of(outsider).post(url, {"reason": "x"}).status_code == 404
    assert not Dispute.objects.exists()
    response = client_of(sme_admin).post(url, {"reason": "机时多算了"})
    assert response.status_code == 302 and Dispute.objects.get().reason == "机时多算了"


def test_provider_decides_a_dispute_on_its_page(
    client_of, billed, sme_admin, provider_admin, technician
):
    charge = Charge.objects.filter(statement=billed).first()
    dispute = services.dispute_charge(act(sme_admin), charge, "多算了半小时")
    page = client_of(provider_admin).get(reverse("billing:disputes")).content.decode()
    assert "多算了半小时" in page
    approve = reverse("billing:approve_dispute", args=[dispute.pk])
    assert client_of(technician).post(approve, {"amount": "450"}).status_code == 403
    assert client_of(sme_admin).post(approve, {"amount": "450"}).status_code == 404
    client_of(provider_admin).post(approve, {"amount": "450", "note": "按实际"})
    dispute.refresh_from_db()
    assert dispute.status == "approved" and dispute.adjustment.amount == Decimal("-150.00")


def test_prices_edited_in_the_console(
    client_of, priced, provider_admin, technician, other_provider_admin
):
    url = reverse("billing:item_prices", args=["instrument", priced.pk])
    assert client_of(other_provider_admin).get(url).status_code == 404
    assert client_of(technician).get(url).status_code == 403
    listing = client_of(provider_admin).get(reverse("billing:price_lists")).content.decode()
    assert priced.name in listing
    bad = client_of(provider_admin).post(
        url,
        {
            "tier": "sme",
            "valid_from": "2026-06-01",
            "unit_price": "-3",
            "increment_minutes": 15,
            "basis": "booked",
        },
    )
    assert bad.status_code == 400 and "unit_price" in bad.context["form"].errors
    overlap = client_of(provider_admin).post(
        url,
        {
            "tier": "sme",
            "valid_from": "2026-06-01",
            "unit_price": "320",
            "increment_minutes": 15,
            "basis": "booked",
        },
    )
    assert overlap.status_code == 400 and overlap.context["form"].errors["valid_from"]
    assert Price.objects.count() == 4


def test_billing_run_issue_payment_and_fapiao_through_the_pages(
    client_of, priced, grant, sme_member, technician, provider_admin, now
):
    use(priced, sme_member, grant.organization, technician, now)
    client = client_of(provider_admin)
    queued = client.post(reverse("billing:start_run"), {"period": "2026-03"})
    job = BillingJob.objects.get()
    assert queued["Location"] == f"{reverse('billing:runs')}?job={job.pk}"
    run = BillingRun.objects.get()  # the worker (immediate in the tests) drafted it
    page = client.get(queued["Location"]).content.decode()
    assert 'data-status="done"' in page and reverse("billing:run", args=[run.pk]) in page
    assert client.get(reverse("billing:run", args=[run.pk])).status_code == 200
    client.post(reverse("billing:issue_run", args=[run.pk]))
    assert BillingJob.objects.filter(kind="issue", status="done").exists()
    statement = Statement.objects.get()
    assert statement.number == "TSTU-ST-202603-0001"
    pay = reverse("billing:record_payment", args=[statement.pk])
    client.post(pay, {"amount": "400", "paid_on": "2026-03-03", "reference": "R1"})  # > 300 owed
    assert not Payment.objects.exists()
    client.post(pay, {"amount": "100", "paid_on": "2026-03-03", "reference": "R1"})
    client.post(
        reverse("billing:record_fapiao", args=[statement.pk]),
        {"number": "24212000000000000001", "issued_on": "2026-03-03"},
    )
    statement.refresh_from_db()
    assert (statement.paid_total, statement.balance) == (Decimal("100.00"), Decimal("200.00"))
    assert statement.fapiao_number == "24212000000000000001"


def test_a_month_without_charges_says_so(
    client_of, provider_org, provider_admin, other_provider_admin, now
):
    response = client_of(provider_admin).post(
        reverse("billing:start_run"), {"period": "2026-03"}, follow=True
    )
    job = BillingJob.objects.get()
    assert job.status == "refused" and job.message in response.content.decode()
    assert not BillingRun.objects.exists()
    assert client_of(provider_admin).get(reverse("billing:job", args=[job.pk])).status_code == 200
    assert (
        client_of(other_provider_admin).get(reverse("billing:job", args=[job.pk])).status_code
        == 404
    )


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs pdftotext (apt-get install poppler-utils)")
def test_statement_pdf_reads_back_with_the_database_totals(client_of, billed, sme_admin):
    response = client_of(sme_admin).get(reverse("billing:statement_pdf", args=[billed.pk]))
    text = subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert billed.number in text
    for amount in (billed.total, billed.voucher_total, billed.due_total):
        assert str(amount) in text
    assert "测试科技有限公司" in text


def test_statement_xlsx_reads_back_with_the_database_totals(client_of, billed, provider_admin):
    response = client_of(provider_admin).get(reverse("billing:statement_xlsx", args=[billed.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    lines = [r for r in rows[6:] if r[0] is not None and r[0] != ""]
    assert sum(Decimal(str(r[4])) for r in lines) == billed.total
    assert (
        Decimal(str(rows[-1][4])) == billed.total and Decimal(str(rows[-1][6])) == billed.due_total
    )


def test_the_charges_list_runs_a_fixed_number_of_queries(
    client_of, priced, sme_member, sme_org, sme_admin, technician, now
):
    use(priced, sme_member, sme_org, technician, now, day=3)
    client = client_of(sme_admin)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("billing:charges"))
    for day in (4, 5, 6):
        use(priced, sme_member, sme_org, technician, now, day=day)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("billing:charges"))
    assert len(four) == len(one)


def test_operator_runs_a_programme_through_the_pages(
    client_of, operator, sme_org, provider_admin, sme_admin
):
    assert client_of(provider_admin).get(reverse("billing:programmes")).status_code == 403
    client = client_of(operator)  # the same test client, now logged in as the operator
    bad = client.post(
        reverse("billing:new_programme"),
        {
            "name": "创新券",
            "year": 2026,
            "eligible_attributes": ["tech_sme"],
            "services": ["testing"],
            "share": "150%",
            "per_claim_cap": "5000",
            "per_firm_cap": "200000",
            "budget": "1000000",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        },
    )
    assert bad.status_code == 400 and "share" in bad.context["form"].errors
    client.post(
        reverse("billing:new_programme"),
        {
            "name": "创新券",
            "year": 2026,
            "eligible_attributes": ["tech_sme"],
            "services": ["testing"],
            "share": "50%",
            "per_claim_cap": "5000",
            "per_firm_cap": "200000",
            "budget": "1000000",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        },
    )
    programme = Programme.objects.get()
    assert programme.share == Decimal("0.5000")
    queue = client.get(reverse("billing:verifications")).content.decode()
    assert sme_org.name in queue
    client.post(
        reverse("billing:verify", args=[sme_org.pk]),
        {
            "attribute": "tech_sme",
            "document_reference": "入库编号 123",
            "verified_on": "2026-03-01",
        },
    )
    assert Verification.objects.get().verified_by == operator
    detail = client.get(reverse("billing:programme", args=[programme.pk])).content.decode()
    assert sme_org.name in detail
    client.post(
        reverse("billing:grant", args=[programme.pk]),
        {"organization": sme_org.pk, "quota": "300000"},
    )
    assert not Grant.objects.exists()  # above the cap per firm
    client.post(
        reverse("billing:grant", args=[programme.pk]),
        {"organization": sme_org.pk, "quota": "50000"},
    )
    assert Grant.objects.get().quota == Decimal("50000.00")


def test_settlement_pages_files_and_public_notice(
    client, client_of, billed, grant, operator, provider_admin, provider_org, other_provider_admin
):
    client_of(operator).post(
        reverse("billing:settle", args=[grant.programme_id]),
        {"provider": provider_org.pk, "quarter": "2026-03-01"},
    )
    settlement = Settlement.objects.get()
    assert settlement.total == Decimal("600.00")
    assert (
        client_of(provider_admin)
        .get(reverse("billing:settlement", args=[settlement.pk]))
        .status_code
        == 404
    )
    client_of(operator).post(reverse("billing:issue_settlement", args=[settlement.pk]))
    settlement.refresh_from_db()
    assert settlement.status == "issued"
    assert (
        client_of(provider_admin)
        .get(reverse("billing:settlement", args=[settlement.pk]))
        .status_code
        == 200
    )
    assert (
        client_of(other_provider_admin)
        .get(reverse("billing:settlement", args=[settlement.pk]))
        .status_code
        == 404
    )
    client.logout()
    notice = client.get(reverse("billing:public_notice")).content.decode()
    assert grant.organization.name in notice and settlement.number in notice


def test_staff_cancel_past_the_deadline_with_the_late_fee(
    client_of, priced, sme_member, sme_org, technician, now
):
    from labshare.booking import services as booking
    from tests.billing.conftest import at

    reservation = booking.request_reservation(
        act(sme_member), priced, sme_org, at(2, 14), at(2, 16)
    )
    booking.approve_reservation(act(technician), reservation)
    detail = client_of(technician).get(reverse("booking:reservation_detail", args=[reservation.pk]))
    assert 'name="late_fee"' in detail.content.decode()  # inside the 24-hour deadline
    client_of(technician).post(
        reverse("booking:reservation_staff_cancel", args=[reservation.pk]),
        {"reason": "客户电话要求取消", "late_fee": "on"},
    )
    assert Charge.objects.get(reservation=reservation).amount == Decimal("80.00")


def test_disputes_filter_by_status_and_month(client_of, billed, sme_admin, provider_admin):
    charge = Charge.objects.filter(statement=billed).first()
    services.dispute_charge(act(sme_admin), charge, "多算了")
    client = client_of(provider_admin)
    march = client.get(reverse("billing:disputes"), {"status": "open", "since": "2026-03"})
    assert "多算了" in march.content.decode()
    april = client.get(reverse("billing:disputes"), {"status": "open", "since": "2026-04"})
    assert "多算了" not in april.content.decode()


def test_only_who_may_dispute_sees_the_dispute_form(client_of, billed, sme_org, sme_admin):
    from tests.factories import make_member

    staff = make_member(sme_org, "sme_staff", "staff")
    assert (
        'action="/billing/charges/'
        not in client_of(staff).get(reverse("billing:charges")).content.decode()
    )
    assert (
        'action="/billing/charges/'
        in client_of(sme_admin).get(reverse("billing:charges")).content.decode()
    )


def test_operator_staff_reach_the_verification_queue_from_the_menu(client_of, operator_org):
    from tests.factories import make_member

    clerk = make_member(operator_org, "clerk", "staff")
    home = client_of(clerk).get(reverse("billing:verifications")).content.decode()
    assert f'href="{reverse("billing:verifications")}" id="nav-vouchers"' in home
    assert client_of(clerk).get(reverse("billing:programmes")).status_code == 403


def test_the_order_form_shows_the_clients_price_per_sample(
    client_of, provider_org, provider_admin, sme_member
):
    from tests.orders.conftest import make_test_service

    item = make_test_service(provider_org)
    other = make_test_service(provider_org, "布氏硬度试验", code="TS-HB")
    services.set_price(act(provider_admin), item, "enterprise", date(2026, 1, 1), unit_price="150")
    page = client_of(sme_member).get(reverse("orders:order_new"), {"service": item.pk})
    prices = page.content.decode().split('id="order-prices"')[1].split("</table>")[0]
    assert "¥150.00" in prices  # the price list's, for the (unverified) firm's tier
    assert other.name in prices and "¥180.00" in prices  # no price list: the reference
