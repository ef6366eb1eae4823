"""The instrument's calendar: open, busy, blackout and free time; privacy; htmx week navigation."""

import re

import pytest
from django.urls import reverse

from labshare.booking import services
from tests.booking.conftest import at
from tests.factories import act, make_instrument


def calendar_url(instrument, week: str = "2026-03-02") -> str:
    return reverse("booking:instrument_calendar", args=[instrument.pk]) + f"?week={week}"


def kinds_on(html: str, day: str) -> list[tuple[str, str]]:
    """(kind, local start) of every segment shown on one day, in order."""
    section = re.search(rf'data-date="{day}".*?</section>', html, re.S).group(0)
    return re.findall(r'data-kind="(\w+)" data-start="[\d-]+T([\d:]+)"', section)


@pytest.fixture
def booked_week(instrument, sme_member, sme_org, provider_admin, technician):
    """Tuesday 3 March: booked 09:00–11:00 by 测试科技, closed 14:00–16:00 for calibration."""
    reservation = services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 9), at(3, 11), "断口形貌"
    )
    services.approve_reservation(act(technician), reservation)
    services.add_blackout(act(provider_admin), instrument, at(3, 14), at(3, 16), "年度校准")
    return reservation


def test_calendar_shows_open_busy_blackout_free_and_closed(client, instrument, booked_week):
    response = client.get(calendar_url(instrument))
    assert response.status_code == 200
    html = response.content.decode()
    tuesday = kinds_on(html, "2026-03-03")
    # The grid shows the open hours, 08:00–18:00; closed time around them is left out.
    assert tuesday[0] == ("free", "08:00")
    assert ("free", "08:00") in tuesday and ("free", "08:30") in tuesday
    assert ("busy", "09:00") in tuesday
    assert ("free", "11:00") in tuesday
    assert ("blackout", "14:00") in tuesday
    assert ("free", "16:00") in tuesday and ("free", "17:30") in tuesday
    assert not any(
        kind == "free" and start in {"09:00", "10:30", "14:00", "15:30", "18:00"}
        for kind, start in tuesday
    )
    assert tuesday[-1] == ("free", "17:30")
    # Saturday has no open time at all.
    assert {kind for kind, _ in kinds_on(html, "2026-03-07")} == {"closed"}
    # Monday before now + lead time (08:00 + 60 min) is open but no longer bookable.
    monday = kinds_on(html, "2026-03-02")
    assert ("unavailable", "08:00") in monday and ("free", "09:00") in monday


def test_free_slot_links_to_the_booking_form_with_the_slot_prefilled(client, instrument):
    html = client.get(calendar_url(instrument)).content.decode()
    book = reverse("booking:reservation_new", args=[instrument.pk])
    assert f"{book}?start=2026-03-03T08:00&amp;end=2026-03-03T08:30" in html


def test_other_tenants_see_booked_but_never_the_booking_organization(
    client_of, client, instrument, booked_week, outsider
):
    for response in (
        client.get(calendar_url(instrument)),
        client_of(outsider).get(calendar_url(instrument)),
    ):
        html = response.content.decode()
        assert response.status_code == 200
        assert "测试科技" not in html
        assert "年度校准" not in html  # the blackout's reason is for staff
        assert reverse("booking:reservation_detail", args=[booked_week.pk]) not in html


@pytest.mark.parametrize("persona", ["technician", "sme_member"])
def test_provider_staff_and_the_booking_organization_see_who_booked(
    client_of, instrument, booked_week, persona, request
):
    html = (
        client_of(request.getfixturevalue(persona)).get(calendar_url(instrument)).content.decode()
    )
    assert "测试科技" in html
    assert reverse("booking:reservation_detail", args=[booked_week.pk]) in html


def test_staff_see_the_blackout_reason(client_of, instrument, booked_week, technician):
    assert "年度校准" in client_of(technician).get(calendar_url(instrument)).content.decode()


def test_week_navigation_with_htmx_returns_only_the_calendar(client, instrument):
    response = client.get(calendar_url(instrument, "2026-03-11"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1" not in html
    assert 'data-week="2026-03-09"' in html
    assert "week=2026-03-02" in html and "week=2026-03-16" in html
    assert 'hx-target="#calendar"' in html
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_whole_page_is_served(client, instrument):
    html = client.get(calendar_url(instrument, "2026-03-11")).content.decode()
    assert "<html" in html and 'id="calendar"' in html and 'data-week="2026-03-09"' in html


def test_history_restore_gets_the_whole_page(client, instrument):
    response = client.get(
        calendar_url(instrument),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize("week", ["", "nonsense", "2026-02-30", "0001-01-01", "99999-01-01", "%00"])
def test_a_bad_week_falls_back_to_this_week(client, instrument, week):
    response = client.get(
        reverse("booking:instrument_calendar", args=[instrument.pk]), {"week": week}
    )
    assert response.status_code == 200
    assert response.context["calendar"].week.monday.isoformat() == "2026-03-02"


def test_rules_summary_is_shown(client, instrument, provider_admin):
    services.update_booking_rules(act(provider_admin), instrument, max_duration_minutes=240)
    response = client.get(calendar_url(instrument))
    slot, duration, *_ = response.context["rules_summary"]
    assert "30" in slot[1] and "4" in duration[1]
    assert 'id="rules-summary"' in response.content.decode()
    assert response.context["calendar"].booking_refusal == ""


def test_overnight_windows_show_as_open_across_midnight(client, instrument, provider_admin):
    services.add_weekly_window(
        act(provider_admin), instrument, 1, at(1, 18).time(), at(1, 0).time()
    )
    html = client.get(calendar_url(instrument)).content.decode()
    tuesday = kinds_on(html, "2026-03-03")
    assert ("free", "23:30") in tuesday


def test_unpublished_instrument_is_404_except_for_its_staff(
    client_of, client, provider_org, outsider, technician, provider_member
):
    draft = make_instrument(provider_org, "激光共聚焦显微镜", class_code="010802", publish=False)
    url = reverse("booking:instrument_calendar", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert client_of(outsider).get(url).status_code == 404
    assert client_of(provider_member).get(url).status_code == 404
    assert client_of(technician).get(url).status_code == 200


def test_unknown_instrument_is_404(client, db):
    assert client.get(reverse("booking:instrument_calendar", args=[999999])).status_code == 404


def test_an_instrument_not_open_to_outsiders_says_so_and_offers_no_slot(client, instrument):
    from labshare.catalog.models import Instrument

    Instrument.objects.filter(pk=instrument.pk).update(sharing_mode=Instrument.SharingMode.INTERNAL)
    response = client.get(calendar_url(instrument))
    assert response.context["calendar"].booking_refusal
    assert 'data-kind="free"' not in response.content.decode()


def test_calendar_query_count_is_fixed(
    client, instrument, django_assert_max_num_queries, booked_week
):
    with django_assert_max_num_queries(8):
        client.get(calendar_url(instrument))
