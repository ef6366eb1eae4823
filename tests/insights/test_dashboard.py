"""The dashboards on the hand-built March (conftest.py): the figures shown, the period picker, the
SVG charts, the Excel of every table read back, who may see which, and a query count that does
not grow with the data."""

import io
import xml.etree.ElementTree as ET  # noqa: S405 (our own output)
from datetime import date, time
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.booking import services as booking
from labshare.insights import dashboard
from labshare.insights.periods import month
from tests.billing.conftest import use
from tests.booking.conftest import at
from tests.factories import act, make_instrument

pytestmark = pytest.mark.django_db
MARCH = {"kind": "month", "on": "2026-03-15"}
SVG = "{http://www.w3.org/2000/svg}"


def figures(board) -> dict:
    return {h.key: h.value for h in board.headlines}


def test_the_district_board_of_march(march, reported, provider_org):
    board = dashboard.build(month(date(2026, 3, 1)))
    shown = figures(board)
    assert shown["effective"] == Decimal("8.50") and shown["outside"] == Decimal("6.50")
    assert shown["sharing"] == Decimal("0.7647") and shown["booked"] == Decimal("8.00")
    assert shown["open"] == Decimal("220.00") and shown["idle"] == Decimal("212.00")
    assert shown["no_show"] == Decimal("0.2500") and shown["orders"] == 1
    assert board.months == ["2026-03"] and board.monthly_effective == [Decimal("8.50")]
    (provider,) = board.providers
    # 8.5 h on one instrument against 1,599 × 31 / 365 = 135.81: below the national average.
    assert provider.pk == provider_org.pk and provider.national_effective == Decimal("135.81")
    assert provider.below_average
    # February had nothing: no change in per cent can be given, the rate's change is in points.
    assert next(h for h in board.headlines if h.key == "effective").change is None


def test_the_operator_page_picks_the_period_and_draws_the_charts(client_of, march, operator):
    page = client_of(operator).get(reverse("insights:district"), MARCH).content.decode()
    assert 'data-figure="effective"><strong>8.50 h</strong>' in page
    assert "76.5%" in page  # 共享率
    charts = [
        ET.fromstring(  # noqa: S314
            part.split("</svg>")[0] + "</svg>"
        )
        for part in _svgs(page)
    ]
    assert len(charts) == 3
    bars = charts[0].findall(f".//{SVG}rect[@class='bar']")
    assert len(bars) == 1  # one month, one bar
    quarter = client_of(operator).get(
        reverse("insights:district"), {"kind": "quarter", "on": "2026-03-15"}
    )
    assert "2026-01-01" in quarter.content.decode()
    charts = [
        ET.fromstring(  # noqa: S314
            p.split("</svg>")[0] + "</svg>"
        )
        for p in _svgs(quarter.content.decode())
    ]
    assert len(charts[0].findall(f".//{SVG}rect[@class='bar']")) == 3  # January and February: 0 h
    assert "rank-sharing" in page and 'data-instrument="%d"' % march.pk in page


def _svgs(page: str) -> list[str]:
    return ["<svg" + part for part in page.split("<svg")[1:]]


def test_a_bad_custom_period_says_so_and_shows_this_month(client_of, march, operator):
    page = client_of(operator).get(
        reverse("insights:district"), {"kind": "custom", "start": "2026-03-10", "end": "2026-03-01"}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "最后一天不能早于第一天" in text and 'class="error"' in text
    assert "2026-04-01" in text and "2026-04-30" in text  # this month (the clock's) instead


def test_the_excel_has_every_table_with_the_same_figures(client_of, march, operator):
    response = client_of(operator).get(reverse("insights:district_xlsx"), MARCH)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    headlines = {
        row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)
    }
    assert Decimal(str(headlines["有效机时"])) == Decimal("8.50")
    assert Decimal(str(headlines["共享率"])) == Decimal("0.7647")
    instruments = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert [(r[1], Decimal(str(r[2])), Decimal(str(r[9]))) for r in instruments] == [
        (march.name, Decimal("8.50"), Decimal("212.00"))
    ]
    assert book.worksheets[3].title == "服务单位"


def test_who_sees_which_dashboard(
    client,
    client_of,
    march,
    operator,
    provider_admin,
    provider_org,
    other_provider_admin,
    other_provider_org,
    sme_admin,
):
    own = reverse("insights:provider", args=[provider_org.pk])
    assert client_of(provider_admin).get(own, MARCH).status_code == 200
    assert client_of(provider_admin).get(reverse("insights:own_provider")).status_code == 200
    assert client_of(operator).get(own).status_code == 200
    assert client_of(other_provider_admin).get(own).status_code == 404
    assert (
        client_of(other_provider_admin)
        .get(reverse("insights:provider_xlsx", args=[provider_org.pk]))
        .status_code
        == 404
    )
    assert client_of(provider_admin).get(reverse("insights:district")).status_code == 403
    assert client_of(provider_admin).get(reverse("insights:district_xlsx")).status_code == 403
    assert client_of(sme_admin).get(reverse("insights:own_provider")).status_code == 403
    client.logout()
    assert client.get(reverse("insights:district")).status_code == 302
    page = client_of(provider_admin).get(own, MARCH).content.decode()
    assert "providers" not in page.split('id="rank-idle"')[1]  # no district table for a provider
    other = client_of(other_provider_admin).get(reverse("insights:own_provider"), MARCH)
    assert 'data-figure="effective"><strong>0.00 h' in other.content.decode()


def test_the_query_count_does_not_grow_with_the_data(
    client_of, march, operator, provider_org, provider_admin, sme_org, sme_member, technician, now
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client_of(operator).get(reverse("insights:district"), MARCH).status_code == 200
        return len(queries)

    count()  # the first request of a session also loads what it caches
    before = count()
    now(at(15, 8))
    for n in range(3):
        extra = make_instrument(provider_org, f"拉曼光谱仪 {n}", booking_mode="staff")
        for weekday in range(5):
            booking.add_weekly_window(act(provider_admin), extra, weekday, time(8), time(18))
        use(march, sme_member, sme_org, technician, now, day=16 + n)
    assert count() == before
