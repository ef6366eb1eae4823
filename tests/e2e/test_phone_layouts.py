"""On a phone the provider console and the provider calendar are a card per row: no
one-character-per-line columns, no sideways scrolling."""

from datetime import time

import pytest

from labshare.booking import services
from tests.e2e.test_booking_flow import log_in
from tests.factories import act, make_instrument

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/console/instruments/", "/console/calendar/"])
def test_provider_pages_are_cards_on_a_phone(phone_page, provider_org, provider_admin, path):
    for number in range(3):
        instrument = make_instrument(
            provider_org, f"场发射扫描电子显微镜第{number}号", model="SU8010"
        )
        services.add_weekly_window(act(provider_admin), instrument, 0, time(8), time(18))
    page = phone_page
    log_in(page, "provider_admin")
    page.goto(path)
    row = page.locator("table.cards-on-phone tbody tr").first
    assert row.evaluate("element => getComputedStyle(element).display") == "block"
    assert row.bounding_box()["width"] <= 390
    name = row.locator("a").first
    assert name.bounding_box()["width"] > 100  # the name reads across, not one character a line
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_discipline_checklist_filters_as_one_types(page, provider_admin):
    log_in(page, "provider_admin")
    page.goto("/console/instruments/new/")
    environment = page.locator("#discipline-list label", has_text="环境科学技术")
    materials = page.locator("#discipline-list label", has_text="材料科学")
    assert environment.is_visible() and materials.is_visible()
    page.fill("input.list-filter", "材料")
    assert materials.is_visible() and not environment.is_visible()
    page.fill("input.list-filter", "")
    assert environment.is_visible()
