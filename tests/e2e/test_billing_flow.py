"""End to end in a real Chromium: a verified SME with a voucher grant books an instrument and
uses it; the provider drafts and issues the month's statement and records a payment; the
customer sees what the voucher paid and what is left to pay.

The live server runs with the real clock: the instrument is open around the clock, bookable
without lead time or approval, and the booking starts at the next half hour (the check-in
opens 30 minutes before the start).
"""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from labshare.billing import services as billing
from labshare.billing.models import Charge, Statement
from labshare.booking import services
from labshare.booking.models import Reservation
from labshare.core import clock
from tests.e2e.test_booking_flow import log_in, new_page
from tests.factories import act, make_instrument

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def voucher_firm(sme_org, operator):
    today = clock.today()
    billing.verify_attribute(
        act(operator),
        sme_org,
        "tech_sme",
        document_reference="科技型中小企业入库编号 2026210200001",
        verified_on=today - timedelta(days=1),
    )
    programme = billing.create_programme(
        act(operator),
        name="甘井子区科技创新券",
        year=today.year,
        eligible_attributes=["tech_sme"],
        services=["instrument"],
        share="0.5",
        per_claim_cap="5000",
        per_firm_cap="200000",
        budget="1000000",
        valid_from=date(today.year, 1, 1),
        valid_until=date(today.year, 12, 31),
    )
    billing.grant_voucher(act(operator), programme, sme_org, "10000")
    return sme_org


@pytest.fixture
def priced_instrument(provider_org, provider_admin):
    instrument = make_instrument(provider_org, "场发射扫描电子显微镜", model="SU8010")
    for weekday in range(7):
        services.add_weekly_window(act(provider_admin), instrument, weekday, time(0), time(0))
    services.update_booking_rules(
        act(provider_admin), instrument, lead_time_minutes=0, approval_required=False
    )
    for tier in ("internal", "academic", "enterprise", "sme"):
        billing.set_price(
            act(provider_admin),
            instrument,
            tier,
            clock.today() - timedelta(days=30),
            unit_price="600" if tier == "sme" else "800",
        )
    return instrument


def next_half_hour():
    now = timezone.localtime()
    start = now.replace(second=0, microsecond=0) + timedelta(minutes=30 - now.minute % 30)
    return start, start + timedelta(hours=1)


def test_voucher_pays_its_share_through_the_statement(
    page,
    browser,
    live_server,
    priced_instrument,
    voucher_firm,
    sme_member,
    sme_admin,
    technician,
    provider_admin,
):
    start, end = next_half_hour()
    # The firm's engineer books an hour; the estimate is the SME price of the price list.
    log_in(page, "sme_member")
    page.goto(
        f"/instruments/{priced_instrument.pk}/book/"
        f"?start={start:%Y-%m-%dT%H:%M}&end={end:%Y-%m-%dT%H:%M}"
    )
    assert "¥600.00" in page.inner_text("#estimate")
    page.fill("input[name=purpose]", "涂层截面形貌观察")
    page.click("#book-submit")
    page.wait_for_selector('h1 [data-status="confirmed"]')
    reservation = Reservation.objects.get()

    # The technician hands the instrument over and takes it back.
    services.check_in(act(technician), reservation)
    services.check_out(act(technician), reservation)
    charge = Charge.objects.get(reservation=reservation)
    assert (charge.amount, charge.voucher_amount) == (Decimal("600.00"), Decimal("300.00"))

    # The provider drafts the month's statements, issues them and records a partial payment.
    desk = new_page(browser, live_server)
    log_in(desk, "provider_admin")
    desk.click("#nav-billing")
    desk.fill("#run-form input[name=period]", f"{timezone.localdate(start):%Y-%m}")
    desk.click("#run-form button[type=submit]")
    desk.click("#job-done a")  # the worker drafted them (at once, in the tests)
    desk.wait_for_selector("#issue-form")
    desk.click("#issue-form button[type=submit]")
    desk.wait_for_selector(".message.success")
    statement = Statement.objects.get()
    desk.click(f'[data-statement="{statement.number}"] a')
    desk.wait_for_selector("#payment-form")
    desk.fill("#payment-form input[name=amount]", "100.00")
    desk.fill("#payment-form input[name=reference]", "网银回单 0001")
    desk.click("#payment-form button[type=submit]")
    desk.wait_for_selector(".message.success")
    assert "¥200.00" in desk.inner_text("#balance")
    desk.context.close()

    # The firm's head sees the voucher's part, the payment and what is left.
    customer = new_page(browser, live_server)
    log_in(customer, "sme_admin")
    customer.click("#nav-bills")
    assert "¥200.00" in customer.inner_text("#balance")
    assert "¥9700.00" in customer.inner_text("#vouchers")  # 10,000 − 300
    customer.click(f'[data-statement="{statement.number}"] a')
    assert "¥300.00" in customer.inner_text("#voucher-total")
    assert "¥200.00" in customer.inner_text("#balance")
    customer.context.close()
