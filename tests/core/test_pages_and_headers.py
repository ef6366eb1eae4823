"""Every kind of page carries the Content-Security-Policy; the platform's own pages exist; a
refusal is logged as one line without a traceback; the favicon is served."""

import logging

import pytest
from django.urls import reverse

from tests.factories import make_instrument

pytestmark = pytest.mark.django_db


def policy(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def pages(provider_org):
    instrument = make_instrument(provider_org)
    return {
        "home": reverse("home"),
        "list": reverse("catalog:instrument_list"),
        "detail": reverse("catalog:instrument_detail", args=[instrument.pk]),
        "calendar partial": reverse("booking:instrument_calendar", args=[instrument.pk]),
        "login": reverse("accounts:login"),
        "register": reverse("accounts:register"),
        "about": reverse("core:about"),
        "404": "/no-such-page/",
        "admin login": "/admin/login/",
    }


def test_every_page_type_has_the_policy(client, client_of, pages, sme_member, provider_member):
    answers = {
        name: client.get(url, **({"HTTP_HX_REQUEST": "true"} if "partial" in name else {}))
        for name, url in pages.items()
    }
    answers["403"] = client_of(provider_member).get(reverse("catalog:console_instruments"))
    answers["logged-in page"] = client_of(sme_member).get(reverse("booking:my_reservations"))
    assert answers["404"].status_code == 404 and answers["403"].status_code == 403
    for name, response in answers.items():
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], name
        assert "'unsafe-inline'" not in directives.get("script-src", []), name
        assert directives["frame-ancestors"] == ["'none'"], name


def test_no_template_has_an_inline_script_or_handler():
    from pathlib import Path

    import labshare

    root = Path(labshare.__file__).parent
    offenders = []
    for template in root.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for marker in ("<script>", "onclick=", "onload=", "onchange=", "javascript:", "hx-on"):
            if marker in text:
                offenders.append(f"{template.relative_to(root)}: {marker}")
        offenders += [
            f"{template.relative_to(root)}: inline script"
            for chunk in text.split("<script")[1:]
            if "src=" not in chunk.split(">", 1)[0]
        ]
    assert offenders == []


@pytest.mark.parametrize("name", ["core:about", "core:guide", "core:help", "core:terms"])
def test_the_platforms_own_pages_are_there_for_everybody(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200 and "<h1>" in response.content.decode()


def test_the_favicon_is_linked_and_served(client):
    page = client.get(reverse("home")).content.decode()
    assert 'rel="icon"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_a_refusal_is_logged_without_a_traceback(client_of, provider_member, caplog):
    from django.conf import settings

    from labshare.core.logs import RefusalsWithoutTraceback

    # The console handler of the real configuration carries the filter.
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["refusals_without_traceback"]
    caplog.handler.addFilter(RefusalsWithoutTraceback())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client_of(provider_member).get(reverse("catalog:console_instruments"))
    (entry,) = [r for r in caplog.records if r.name == "django.request"]
    assert entry.status_code == 403
    assert "Traceback" not in caplog.text and entry.exc_info is None


def test_registration_asks_to_accept_the_user_agreement(client):
    page = client.get(reverse("accounts:register")).content.decode()
    assert 'name="accept_terms"' in page and reverse("core:terms") in page
