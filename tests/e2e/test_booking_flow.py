"""End to end in a real Chromium: find an instrument, book a free slot, approve it, see it
confirmed, and watch a second customer bounce off the same slot.

The live server runs with the real clock, so the instrument is open every day around the clock
and may be booked without lead time; the test books next Monday 10:00–10:30 (local time).
"""

from datetime import time, timedelta

import pytest
from django.utils import timezone, translation

from labshare.booking import rules, services
from labshare.booking.models import Reservation
from tests.factories import act, make_instrument, make_member, make_organization

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pass-" + username)
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/")


def new_page(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def open_instrument(provider_org, provider_admin):
    instrument = make_instrument(provider_org, "场发射扫描电子显微镜", model="SU8010")
    for weekday in range(7):
        services.add_weekly_window(act(provider_admin), instrument, weekday, time(0), time(0))
    services.update_booking_rules(act(provider_admin), instrument, lead_time_minutes=0)
    return instrument


def next_monday() -> str:
    today = timezone.localdate()
    return (today + timedelta(days=7 - today.weekday())).isoformat()


def test_book_approve_confirm_and_conflict(
    page, browser, live_server, open_instrument, sme_member, technician
):
    monday = next_monday()
    slot = f"{monday}T10:00"

    # The customer finds the instrument in the catalogue and opens its calendar.
    log_in(page, "sme_member")
    page.goto("/instruments/?q=扫描电镜")
    page.click("#results >> text=场发射扫描电子显微镜")
    page.click("#see-calendar")
    page.wait_for_selector("#calendar .cal-week")
    # Next week, through htmx: only the calendar changes, and the address follows.
    page.click("#week-next")
    page.wait_for_selector(f'#calendar [data-week="{monday}"]')
    assert f"week={monday}" in page.url
    page.click(f'.cal-day[data-date="{monday}"] li[data-start="{slot}"] a')

    # The booking form comes prefilled with the slot.
    page.wait_for_selector("#booking-form")
    assert page.input_value("input[name=start]") == slot
    assert page.input_value("input[name=end]") == f"{monday}T10:30"
    page.fill("input[name=purpose]", "断口形貌观察")
    page.click("#book-submit")
    page.wait_for_selector(".message.success >> nth=0")
    page.wait_for_selector('h1 [data-status="pending"]')
    reservation = Reservation.objects.get()

    # The technician approves it from the approval queue, in another browser context.
    staff = new_page(browser, live_server)
    log_in(staff, "technician")
    staff.click("#nav-approvals")
    row = f'#approval-queue [data-reservation="{reservation.pk}"]'
    staff.wait_for_selector(row)
    staff.click(f'{row} button[data-action="approve"]')
    staff.wait_for_selector(".message.success")
    assert staff.locator(row).count() == 0
    staff.context.close()

    # The customer sees it confirmed among their reservations.
    page.click("#nav-my-reservations")
    page.wait_for_selector(f'[data-reservation="{reservation.pk}"] [data-status="confirmed"]')

    # A customer of another firm tries the same slot, from a page opened before it was taken.
    rival_org = make_organization("竞争科技有限公司")
    make_member(rival_org, "rival", "admin")
    rival = new_page(browser, live_server)
    log_in(rival, "rival")
    rival.goto(f"/instruments/{open_instrument.pk}/book/?start={slot}&end={monday}T11:00")
    rival.click("#book-submit")
    # The refusal stands beside the start time, where the user picks another.
    errors = rival.wait_for_selector(".has-error .error")
    with translation.override("zh-hans"):
        assert str(rules.overlap_error().message) in errors.inner_text()
    assert Reservation.objects.count() == 1
    rival.context.close()


def test_calendar_fits_a_phone(phone_page, open_instrument):
    page = phone_page
    page.goto(f"/instruments/{open_instrument.pk}/calendar/?week={next_monday()}")
    first_free = page.locator(".seg-free a").first
    assert first_free.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first_free.click()
    page.wait_for_url("**/accounts/login/**")  # booking needs an account
