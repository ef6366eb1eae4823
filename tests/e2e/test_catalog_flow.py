"""End to end in a real Chromium: search, open an instrument, log in, edit, publish, find it."""

import pytest

from tests.factories import make_instrument

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pass-" + username)
    page.click("form.card button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_search_open_login_edit_publish_and_find(page, provider_admin, provider_org):
    make_instrument(
        provider_org, "场发射扫描电子显微镜", model="SU8010", specifications="分辨率：1.0 nm"
    )
    draft = make_instrument(
        provider_org,
        "电子万能材料试验机",
        class_code="020101",
        functions="拉伸、压缩、弯曲试验",
        publish=False,
    )

    page.goto("/instruments/")
    page.fill("input[name=q]", "扫描电镜")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("#results >> text=场发射扫描电子显微镜")
    page.click("#results >> text=场发射扫描电子显微镜")
    page.wait_for_selector("text=分辨率：1.0 nm")

    page.goto("/instruments/?q=拉伸")
    page.wait_for_selector("#results .empty")
    assert page.locator("#results .instrument-item").count() == 0

    log_in(page, "provider_admin")
    page.goto("/console/instruments/")
    page.click(f"text={draft.name}")
    page.fill("input[name=name]", "电子万能材料试验机（100kN）")
    page.click("#save")
    page.wait_for_selector(".message.success")
    page.click("#publish")
    page.wait_for_selector(".badge.ok")

    page.goto("/instruments/?q=拉伸")
    page.wait_for_selector("#results >> text=电子万能材料试验机（100kN）")


def test_catalogue_works_on_a_phone(phone_page, provider_org):
    make_instrument(provider_org, "气相色谱仪", class_code="010501")
    page = phone_page
    page.goto("/instruments/?q=色谱")
    item = page.locator(".instrument-item").first
    assert item.is_visible()
    box = item.bounding_box()
    assert box["width"] <= 390
    # The menu folds away behind its button on a narrow screen.
    assert not page.locator("nav.nav").is_visible()
    page.click("label.nav-toggle-label")
    assert page.locator("nav.nav").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
