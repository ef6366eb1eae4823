"""Playwright driving Debian's Chromium against a live server; skipped where Chromium is missing."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("LABSHARE_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"LABSHARE_REQUIRE_BROWSER is set but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # The ORM is used from test code while Playwright's sync API keeps an event loop running.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    # Playwright gives the browser a fresh, empty profile of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def reference_data(transactional_db):
    """Reload the classification and the industry fields after a transactional test flushed
    them.

    Playwright's sync API runs the test in another context, so serialized_rollback cannot help.
    """
    from labshare.catalog.models import Discipline, InstrumentClass
    from labshare.catalog.reference_data import load_reference_data
    from labshare.cooperation.models import IndustryField
    from labshare.cooperation.reference_data import load_industry_fields

    if not InstrumentClass.objects.exists():
        load_reference_data(InstrumentClass, Discipline)
    if not IndustryField.objects.exists():
        load_industry_fields(IndustryField)


@pytest.fixture
def page(browser, live_server, reference_data):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, reference_data):
    context = browser.new_context(
        locale="zh-CN",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
