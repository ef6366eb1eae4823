"""The indicator pages: the public page for everybody (progress bars, an SVG trend that parses),
the operator's pages for the operator's indicator editors only, and bad input answered on its
field with nothing written."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.demo.insights_demo import load_indicators
from labshare.insights import indicators as services
from labshare.insights.models import Indicator, IndicatorTarget, IndicatorValue
from tests.factories import act

pytestmark = pytest.mark.django_db
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@pytest.fixture(autouse=True)
def _frozen(now):
    return now


def make(operator, code, name, *, value="38.3", is_public=True, goal="41.05", unit="%"):
    item = services.create_indicator(
        act(operator), code=code, name=name, unit=unit, is_public=is_public
    )
    for year, number in ((2024, Decimal(value) - 1), (2025, Decimal(value))):
        services.set_value(
            act(operator),
            item,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            value=number,
        )
    services.set_target(
        act(operator),
        item,
        plan="十四五",
        first_year=2021,
        last_year=2025,
        kind="level",
        value=goal,
    )
    return item


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(found) for found in SVG.findall(html)]  # noqa: S314 (our own output)


def test_the_public_page_shows_each_public_indicator_against_its_target(client, operator):
    make(operator, "forest-cover", "森林覆盖率")
    make(operator, "patents", "专利授权量", value="2032", goal="2500", unit="件")
    make(operator, "hidden", "内部测算指标", is_public=False)
    response = client.get(reverse("insights:indicators"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-indicator="forest-cover"' in html and 'data-indicator="patents"' in html
    assert "内部测算指标" not in html
    assert html.count("<progress") == 2
    assert '<progress max="100" value="93"' in html  # 38.3 / 41.05
    assert '<progress max="100" value="81"' in html  # 2,032 / 2,500 = 0.8128
    assert "2,032" in html
    charts = svgs(html)
    assert len(charts) == 2
    for chart in charts:
        assert chart.tag == "{http://www.w3.org/2000/svg}svg"
        assert chart.findall(".//{http://www.w3.org/2000/svg}polyline")  # 2024 → 2025
    assert reverse("insights:indicator_admin") not in html  # a visitor enters nothing


def test_the_operator_is_offered_the_entry_pages(client_of, operator):
    make(operator, "forest-cover", "森林覆盖率")
    html = client_of(operator).get(reverse("insights:indicators")).content.decode()
    assert reverse("insights:indicator_admin") in html


def test_the_public_page_costs_the_same_queries_for_more_indicators(client, operator):
    for n in range(2):
        make(operator, f"first-{n}", f"指标{n}")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("insights:indicators"))
    for n in range(5):
        make(operator, f"more-{n}", f"更多指标{n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("insights:indicators"))
    assert response.content.decode().count("<progress") == 7
    assert len(many) == len(few)


def test_empty_pages_say_what_to_do(client, client_of, operator):
    public = client.get(reverse("insights:indicators")).content.decode()
    assert 'class="empty"' in public and "<progress" not in public
    admin = client_of(operator).get(reverse("insights:indicator_admin")).content.decode()
    assert 'class="empty"' in admin and reverse("insights:indicator_new") in admin


def test_the_demo_page_renders_every_indicator(client, operator):
    load_indicators(operator)
    html = client.get(reverse("insights:indicators")).content.decode()
    assert html.count('class="card indicator"') == 16
    assert '<progress max="100" value="93"' in html  # forest cover 38.3 / 41.05
    assert "253" in html and "412" in html  # the previous plan's figures, under their charts
    for chart in svgs(html):
        assert chart.get("role") == "img"


@pytest.mark.parametrize(
    "name", ["indicator_admin", "indicator_new", "indicator_detail", "indicator_edit"]
)
def test_the_operator_pages_are_the_operators(name, client, client_of, operator, provider_admin):
    item = make(operator, "forest-cover", "森林覆盖率")
    url = reverse(
        f"insights:{name}", args=[] if name in ("indicator_admin", "indicator_new") else [item.pk]
    )
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("accounts:login") in anonymous["Location"]
    assert client_of(provider_admin).get(url).status_code == 403
    assert client_of(operator).get(url).status_code == 200


def test_an_unknown_indicator_is_404_for_the_operator(client_of, operator):
    assert (
        client_of(operator).get(reverse("insights:indicator_detail", args=[999])).status_code == 404
    )


def test_the_operator_page_lists_every_indicator(client_of, operator):
    make(operator, "forest-cover", "森林覆盖率")
    make(operator, "hidden", "内部测算指标", is_public=False)
    html = client_of(operator).get(reverse("insights:indicator_admin")).content.decode()
    assert 'data-indicator="forest-cover"' in html and 'data-indicator="hidden"' in html


def test_the_operator_adds_an_indicator_a_value_and_a_target(client_of, operator):
    client = client_of(operator)
    response = client.post(
        reverse("insights:indicator_new"),
        {
            "code": "forest-cover",
            "name": "森林覆盖率",
            "unit": "%",
            "position": "0",
            "is_public": "on",
        },
    )
    item = Indicator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("insights:indicator_detail", args=[item.pk])
    value = {
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "value": "３８.３",
        "note": "",
    }
    assert (
        client.post(reverse("insights:indicator_set_value", args=[item.pk]), value).status_code
        == 302
    )
    assert IndicatorValue.objects.get().value == Decimal("38.3")
    target = {
        "plan": "十四五",
        "first_year": "2021",
        "last_year": "2025",
        "kind": "level",
        "direction": "at_least",
        "value": "41.05",
    }
    assert (
        client.post(reverse("insights:indicator_set_target", args=[item.pk]), target).status_code
        == 302
    )
    html = client.get(reverse("insights:indicator_detail", args=[item.pk])).content.decode()
    assert '<progress max="100" value="93"' in html and 'id="value-list"' in html
    edit = {"name": "森林覆盖率", "unit": "%", "source": "区自然资源局", "position": "5"}
    assert client.post(reverse("insights:indicator_edit", args=[item.pk]), edit).status_code == 302
    item.refresh_from_db()
    assert item.source == "区自然资源局" and not item.is_public and item.code == "forest-cover"
    client.post(reverse("insights:indicator_delete_value", args=[IndicatorValue.objects.get().pk]))
    client.post(
        reverse("insights:indicator_delete_target", args=[IndicatorTarget.objects.get().pk])
    )
    assert not IndicatorValue.objects.exists() and not IndicatorTarget.objects.exists()


def field_errors(response, form: str) -> dict:
    return response.context[form].errors


@pytest.mark.parametrize(
    ("posted", "field"),
    [
        ({"period_start": "2025-12-31", "period_end": "2025-01-01"}, "period_end"),
        ({"value": "三十八"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"period_start": "2025-02-30"}, "period_start"),
        ({"period_start": "2026-06-01", "period_end": "2026-06-30"}, "period_start"),
    ],
)
def test_a_bad_value_is_shown_on_its_field(client_of, operator, posted, field):
    item = make(operator, "forest-cover", "森林覆盖率")
    data = {"period_start": "2023-01-01", "period_end": "2023-12-31", "value": "37"} | posted
    response = client_of(operator).post(
        reverse("insights:indicator_set_value", args=[item.pk]), data
    )
    assert response.status_code == 400
    assert list(field_errors(response, "value_form")) == [field]
    assert IndicatorValue.objects.count() == 2


def test_a_duplicate_period_is_a_field_error_until_replace_is_ticked(client_of, operator):
    item = make(operator, "forest-cover", "森林覆盖率")
    client = client_of(operator)
    url = reverse("insights:indicator_set_value", args=[item.pk])
    data = {"period_start": "2025-01-01", "period_end": "2025-12-31", "value": "39"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert list(field_errors(response, "value_form")) == ["period_start"]
    assert "38.3" in response.content.decode()
    assert IndicatorValue.objects.get(period_start=date(2025, 1, 1)).value == Decimal("38.3")
    assert client.post(url, data | {"replace": "on"}).status_code == 302
    assert IndicatorValue.objects.get(period_start=date(2025, 1, 1)).value == Decimal(39)


def test_a_bad_target_is_shown_on_its_field(client_of, operator):
    item = make(operator, "energy", "单位地区生产总值能耗指数", unit="基期=100", goal="90")
    data = {
        "plan": "十五五",
        "first_year": "2026",
        "last_year": "2030",
        "kind": "change",
        "direction": "at_most",
        "value": "-13.5",
        "base_value": "",
    }
    response = client_of(operator).post(
        reverse("insights:indicator_set_target", args=[item.pk]), data
    )
    assert response.status_code == 400
    assert list(field_errors(response, "target_form")) == ["base_value"]
    assert IndicatorTarget.objects.count() == 1
    backwards = data | {"base_value": "100", "first_year": "2030", "last_year": "2026"}
    response = client_of(operator).post(
        reverse("insights:indicator_set_target", args=[item.pk]), backwards
    )
    assert list(field_errors(response, "target_form")) == ["last_year"]


def test_a_provider_admin_cannot_post(client_of, operator, provider_admin):
    item = make(operator, "forest-cover", "森林覆盖率")
    value = IndicatorValue.objects.first()
    client = client_of(provider_admin)
    posts = [
        (
            "insights:indicator_set_value",
            item.pk,
            {"period_start": "2023-01-01", "period_end": "2023-12-31", "value": "1"},
        ),
        ("insights:indicator_delete_value", value.pk, {}),
        ("insights:indicator_set_target", item.pk, {}),
        ("insights:indicator_delete_target", IndicatorTarget.objects.get().pk, {}),
        ("insights:indicator_new", None, {"code": "x", "name": "x", "unit": "x", "position": "0"}),
    ]
    for name, pk, data in posts:
        url = reverse(name, args=[pk] if pk else [])
        assert client.post(url, data).status_code == 403
    assert IndicatorValue.objects.count() == 2 and Indicator.objects.count() == 1


def test_a_platform_counted_indicator_offers_nothing_to_enter(client_of, operator):
    item = services.create_indicator(
        act(operator),
        code="orders",
        name="检验检测订单",
        unit="单",
        platform_figure="orders_completed",
    )
    html = (
        client_of(operator)
        .get(reverse("insights:indicator_detail", args=[item.pk]))
        .content.decode()
    )
    assert 'id="value-form"' not in html and 'id="target-form"' in html
    assert svgs(html)
