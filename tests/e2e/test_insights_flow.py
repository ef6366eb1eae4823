"""End to end in a real Chromium: the operator opens the district dashboard from the menu,
switches the period from this month to the year, downloads the tables as Excel, which read
back with the figures the page shows, and downloads the year's national assessment workbook."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from labshare.booking import services
from labshare.core import clock
from tests.e2e.test_booking_flow import log_in
from tests.factories import act, make_instrument

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def used_instrument(provider_org, provider_admin, technician, sme_org):
    """Two hours of outside use on the first day of this year (or yesterday, in early January:
    in any case inside this year and before now)."""
    instrument = make_instrument(provider_org, "场发射扫描电子显微镜", model="SU8010")
    for weekday in range(5):
        services.add_weekly_window(act(provider_admin), instrument, weekday, time(8), time(18))
    today = clock.today()
    day = today.replace(month=1, day=1) if today.timetuple().tm_yday > 1 else today
    start = timezone.make_aware(datetime.combine(day, time(0)))
    services.record_usage(
        act(technician),
        instrument,
        start=start,
        end=min(start + timedelta(hours=2), clock.now()),
        operator=technician,
        user_organization=sme_org,
    )
    return instrument


def test_operator_switches_the_period_and_downloads_the_tables(
    page, operator, used_instrument, tmp_path
):
    log_in(page, operator.username)
    page.click("#nav-insights")
    page.wait_for_selector("#headlines")
    page.select_option("#period-picker select[name=kind]", "year")
    page.click("#period-picker button[type=submit]")
    page.wait_for_url("**kind=year**")
    year = clock.today().year
    assert f"{year}-01-01" in page.inner_text("#period-shown")
    shown = page.inner_text('[data-figure="outside"] strong')
    hours = Decimal(shown.split()[0].replace(",", ""))
    assert hours > 0
    assert page.locator("#chart-hours svg rect.bar").count() == 12
    with page.expect_download() as download:
        page.click("#dashboard-xlsx")
    path = tmp_path / "district.xlsx"
    download.value.save_as(path)
    headlines = {
        row[0]: row[1]
        for row in openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=3, values_only=True)
    }
    assert Decimal(str(headlines["对外服务机时"])) == hours
    # The national assessment workbook of the year, written by the worker (at once here).
    page.click("#assessment-xlsx")
    page.wait_for_selector('[id^="assessment-"][data-status="done"]')
    with page.expect_download() as download:
        page.click('[id^="assessment-"][data-status="done"] a')
    path = tmp_path / "assessment.xlsx"
    download.value.save_as(path)
    records = list(
        openpyxl.load_workbook(path).worksheets[1].iter_rows(min_row=2, values_only=True)
    )
    assert len(records) == 1 and records[0][0] == used_instrument.asset_number
