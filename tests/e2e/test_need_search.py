"""End to end in a real Chromium: type "明天有空的扫描电镜", read how it was understood, pick
the first free slot, land on a booking form with the time filled in.

The live server runs with the real clock: the SEM is open every day around the clock without
lead time, and booked for all of tomorrow morning, so the first free slot is tomorrow at 12:00.
"""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from labshare.booking import services
from tests.e2e.test_booking_flow import log_in
from tests.factories import act, make_instrument

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sems(provider_org, provider_admin, sme_admin, sme_org):
    admin = act(provider_admin)
    free = make_instrument(provider_org, "场发射扫描电子显微镜", class_code="010102")
    closed = make_instrument(provider_org, "钨灯丝扫描电子显微镜", class_code="010102")
    for instrument in (free, closed):
        for weekday in range(7):
            services.add_weekly_window(admin, instrument, weekday, time(0), time(0))
        services.update_booking_rules(admin, instrument, lead_time_minutes=0)
    tomorrow = timezone.localdate() + timedelta(days=1)
    morning = timezone.make_aware(datetime.combine(tomorrow, time(0)))
    services.add_blackout(admin, closed, morning, morning + timedelta(days=1), "维护")
    services.request_reservation(
        act(sme_admin), free, sme_org, morning, morning + timedelta(hours=8)
    )
    services.request_reservation(
        act(sme_admin), free, sme_org, morning + timedelta(hours=8), morning + timedelta(hours=12)
    )
    return free, tomorrow


def test_need_with_time_to_a_filled_booking_form(page, sems, sme_member):
    free, tomorrow = sems
    log_in(page, "sme_member")
    page.goto("/instruments/")
    page.fill("input[name=q]", "明天有空的扫描电镜")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("#search-reading")
    reading = page.inner_text("#search-reading")
    assert f"{tomorrow.month}月{tomorrow.day}日" in reading
    assert "仅显示有空闲时段的仪器" in reading
    # Only the SEM with free time is listed, with its earliest free slot first.
    items = page.locator("#results .instrument-item")
    assert items.count() == 1
    assert "场发射扫描电子显微镜" in items.first.inner_text()
    items.first.locator("a.slot").first.click()

    page.wait_for_selector("#booking-form")
    assert page.input_value("input[name=start]") == f"{tomorrow.isoformat()}T12:00"
    assert page.input_value("input[name=end]") == f"{tomorrow.isoformat()}T13:00"
    assert f"/instruments/{free.pk}/book/" in page.url
