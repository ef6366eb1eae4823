"""The innovation indicators' services and progress, each number computed by hand here.

The clock is the booking tests' (Monday 2026-03-02), so the plan running "now" is 十五五
(2026–2030); the targets measured here belong to 十四五 (2021–2025), whose values are complete.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from labshare.core.errors import Conflict, DomainError, InvalidInput, NotAllowed
from labshare.core.models import AuditEvent
from labshare.demo.insights_demo import load_indicators
from labshare.insights import indicator_queries as queries
from labshare.insights import indicators as services
from labshare.insights import progress as rules
from labshare.insights.models import Indicator, IndicatorTarget, IndicatorValue
from labshare.insights.progress import Point
from tests.billing.conftest import use
from tests.factories import act, make_member

pytestmark = pytest.mark.django_db
Kind, Direction = IndicatorTarget.Kind, IndicatorTarget.Direction
YEAR_2025 = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
PLAN_14 = {"plan": "十四五", "first_year": 2021, "last_year": 2025}


@pytest.fixture(autouse=True)
def _frozen(now):
    """Every test on the same day, whatever the machine's date."""
    return now


def indicator(operator, code="forest-cover", unit="%", **fields):
    return services.create_indicator(
        act(operator), code=code, name=fields.pop("name", "森林覆盖率"), unit=unit, **fields
    )


def enter(operator, item, value, start=date(2025, 1, 1), end=date(2025, 12, 31), **fields):
    return services.set_value(
        act(operator), item, period_start=start, period_end=end, value=value, **fields
    )


def target(operator, item, kind, value, direction=Direction.AT_LEAST, **fields):
    fields = PLAN_14 | fields
    return services.set_target(
        act(operator), item, kind=kind, value=value, direction=direction, **fields
    )


def progress(item) -> rules.Progress:
    """The newest plan's progress, read as the pages read it."""
    return queries.card(Indicator.objects.get(pk=item.pk)).progresses[0]


def rows() -> dict:
    return {
        "indicators": Indicator.objects.count(),
        "values": list(IndicatorValue.objects.values_list("value", "note")),
        "targets": list(IndicatorTarget.objects.values_list("plan", "value", "kind")),
        "audit": AuditEvent.objects.count(),
    }


# --- who may write ----------------------------------------------------------------------------


@pytest.fixture
def kept(operator):
    """An indicator with a value and a target, each of which the refused calls aim at."""
    item = indicator(operator)
    return {
        "indicator": item,
        "value": enter(operator, item, "38.3"),
        "target": target(operator, item, Kind.LEVEL, "41.05"),
    }


CALLS = {
    "create_indicator": lambda k: ((), {"code": "x", "name": "新指标", "unit": "家"}),
    "update_indicator": lambda k: ((k["indicator"],), {"name": "改名", "unit": "%"}),
    "set_value": lambda k: (
        (k["indicator"],),
        {**YEAR_2025, "value": "40", "replace": True},
    ),
    "delete_value": lambda k: ((k["value"],), {}),
    "set_target": lambda k: ((k["indicator"],), {**PLAN_14, "kind": "level", "value": "50"}),
    "delete_target": lambda k: ((k["target"],), {}),
}


def test_every_service_is_called_here():
    assert set(CALLS) == set(services.__all__)


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("who", ["sme_admin", "provider_admin", "operator_staff"])
def test_only_the_operators_indicator_editors_may_write(name, who, kept, request, operator_org):
    if who == "operator_staff":
        user = make_member(operator_org, "operator_staff", "staff")
    else:
        user = request.getfixturevalue(who)
    args, kwargs = CALLS[name](kept)
    before = rows()
    with pytest.raises(NotAllowed):
        getattr(services, name)(act(user), *args, **kwargs)
    assert rows() == before


@pytest.mark.parametrize("name", sorted(CALLS))
def test_no_service_runs_without_an_actor(name, kept, operator):
    args, kwargs = CALLS[name](kept)
    with pytest.raises(TypeError):
        getattr(services, name)(None, *args, **kwargs)


def test_the_operator_creates_enters_replaces_and_deletes(operator):
    item = indicator(operator, source="区自然资源局")
    value = enter(operator, item, "38.3", note="年度监测")
    assert value.value == Decimal("38.3000") and value.entered_by == operator
    replaced = enter(operator, item, "38.6", replace=True)
    assert replaced.pk == value.pk and IndicatorValue.objects.get().value == Decimal("38.6")
    event = AuditEvent.objects.get(verb="indicator.value_replaced")
    assert event.data["old"] == "38.3000" and event.data["value"] == "38.6000"
    first = target(operator, item, Kind.LEVEL, "41")
    again = target(operator, item, Kind.LEVEL, "41.05", description="规划目标")
    assert again.pk == first.pk and IndicatorTarget.objects.get().value == Decimal("41.05")
    services.update_indicator(
        act(operator), item, name="森林覆盖率（%）", unit="%", is_public=False
    )
    assert not Indicator.objects.get().is_public
    services.delete_value(act(operator), value)
    services.delete_target(act(operator), again)
    assert not IndicatorValue.objects.exists() and not IndicatorTarget.objects.exists()
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="indicator.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "indicator.created",
        "indicator.value_set",
        "indicator.value_replaced",
        "indicator.target_set",
        "indicator.target_replaced",
        "indicator.updated",
        "indicator.value_deleted",
        "indicator.target_deleted",
    ]


# --- bad input: a message on its field, nothing written ---------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start": date(2025, 12, 31), "end": date(2025, 1, 1)}, "period_end"),
        ({"start": date(2026, 3, 3), "end": date(2026, 12, 31)}, "period_start"),
        ({"value": "很多"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": "1e3"}, "value"),
        ({"value": "38,3"}, "value"),
        ({"value": "38.3%"}, "value"),  # a percentage where the unit is 家
        ({"value": "99999999999999999"}, "value"),
        ({"value": "99999999999999.99999"}, "value"),  # rounds up past the column's 14 digits
        ({"value": "1" + "0" * 40}, "value"),
        ({"value": ""}, "value"),
        ({"note": "注" * 201}, "note"),
    ],
)
def test_a_bad_value_is_refused_on_its_field(operator, fields, field):
    item = indicator(operator, code="smes", unit="家", name="科技型中小企业")
    before = rows()
    value = fields.pop("value", "284")
    with pytest.raises(InvalidInput) as refusal:
        enter(operator, item, value, **fields)
    assert refusal.value.field == field and str(refusal.value)
    assert rows() == before


def test_a_second_value_for_the_same_period_is_refused_unless_replaced(operator):
    item = indicator(operator)
    enter(operator, item, "38.3")
    before = rows()
    with pytest.raises(Conflict) as refusal:
        enter(operator, item, "39")
    assert refusal.value.field == "period_start" and refusal.value.code == "duplicate"
    assert "38.3" in str(refusal.value)
    assert rows() == before
    # Another period of the same year (to the end of October) is a value of its own.
    enter(operator, item, "38.1", end=date(2025, 10, 31))
    assert IndicatorValue.objects.count() == 2


def test_numbers_are_read_as_people_type_them(operator):
    assert services.parse_number("２，０３２", "value") == Decimal("2032")
    assert services.parse_number(" 1,843.5 ", "value") == Decimal("1843.5")
    assert services.parse_number("−13.5", "value") == Decimal("-13.5")
    assert services.parse_number("38.3％", "value", percent=True) == Decimal("38.3")
    assert services.parse_number("0.123456", "value") == Decimal("0.1235")
    with pytest.raises(TypeError):
        services.parse_number(38.3, "value")
    item = indicator(operator)
    assert enter(operator, item, "38.3%").value == Decimal("38.3")  # the unit is %


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "森林"}, "code"),
        ({"code": "a b"}, "code"),
        ({"code": "x" * 41}, "code"),
        ({"name": "  "}, "name"),
        ({"unit": ""}, "unit"),
        ({"unit": "单" * 21}, "unit"),
        ({"platform_figure": "everything"}, "platform_figure"),
        ({"position": -1}, "position"),
    ],
)
def test_a_bad_indicator_is_refused_on_its_field(operator, fields, field):
    values = {"code": "forest-cover", "name": "森林覆盖率", "unit": "%"} | fields
    before = rows()
    with pytest.raises(InvalidInput) as refusal:
        services.create_indicator(act(operator), **values)
    assert refusal.value.field == field
    assert rows() == before


def test_a_code_is_taken_once(operator):
    indicator(operator)
    with pytest.raises(DomainError) as refusal:
        indicator(operator, code="Forest-Cover")
    assert refusal.value.field == "code" and Indicator.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"plan": " "}, "plan"),
        ({"first_year": 2025, "last_year": 2021}, "last_year"),
        ({"first_year": 1800}, "first_year"),
        ({"first_year": "2021"}, "first_year"),
        ({"kind": "forever"}, "kind"),
        ({"direction": "sideways"}, "direction"),
        ({"value": "翻一番"}, "value"),
        ({"kind": "change", "value": "100"}, "base_value"),
        ({"kind": "change", "value": "100", "base_value": "0"}, "base_value"),
        ({"kind": "change", "value": "100", "base_value": "二百"}, "base_value"),
        ({"description": "说" * 201}, "description"),
    ],
)
def test_a_bad_target_is_refused_on_its_field(operator, fields, field):
    item = indicator(operator, code="high-tech", unit="家", name="高新技术企业")
    values = PLAN_14 | {"kind": "level", "value": "500"} | fields
    before = rows()
    with pytest.raises(InvalidInput) as refusal:
        services.set_target(act(operator), item, **values)
    assert refusal.value.field == field
    assert rows() == before


def test_a_platform_counted_indicator_takes_no_entered_values(operator):
    counted = indicator(
        operator, code="orders", unit="单", name="检验检测订单", platform_figure="orders_completed"
    )
    with pytest.raises(InvalidInput) as refusal:
        enter(operator, counted, "12")
    assert refusal.value.field == "value"
    entered = indicator(operator, code="smes", unit="家", name="科技型中小企业")
    enter(operator, entered, "284")
    with pytest.raises(InvalidInput) as refusal:
        services.update_indicator(
            act(operator), entered, name="科技型中小企业", unit="家", platform_figure="smes_served"
        )
    assert refusal.value.field == "platform_figure"
    assert Indicator.objects.get(pk=entered.pk).platform_figure == ""


# --- progress, by hand ------------------------------------------------------------------------


def test_a_level_to_reach(operator):
    """Forest cover 38.3 % against 41.05 %: 38.3 / 41.05 = 0.93301 → 93 %."""
    item = indicator(operator)
    target(operator, item, Kind.LEVEL, "41.05")
    enter(operator, item, "36.0", start=date(2020, 1, 1), end=date(2020, 12, 31))
    assert progress(item).latest is None  # 2020 is before the plan
    enter(operator, item, "38.3")
    found = progress(item)
    assert found.fraction == Decimal("0.9330") and found.percent == 93 and not found.done
    assert found.latest.value == Decimal("38.3")
    enter(operator, item, "41.1", replace=True)
    assert progress(item).done and progress(item).percent == 100


def test_a_ceiling_is_done_once_reached(operator):
    """At most 0.5: 0.625 is above it, 0.5 / 0.625 = 0.8 of the way; 0.45 is done."""
    item = indicator(operator, code="intensity", unit="吨标准煤/万元", name="单位GDP能耗")
    target(operator, item, Kind.LEVEL, "0.5", Direction.AT_MOST)
    enter(operator, item, "0.625")
    assert progress(item).fraction == Decimal("0.8")
    enter(operator, item, "0.45", replace=True)
    assert progress(item).fraction == 1 and progress(item).done


def test_energy_per_unit_gdp_down_by_13_5_percent(operator):
    """Base 100; 92 is −8 %, 8 / 13.5 = 0.59259 → 59 %; 86 is −14 %: done; 103 is +3 %: 0."""
    item = indicator(operator, code="energy", unit="基期=100", name="单位地区生产总值能耗指数")
    target(operator, item, Kind.CHANGE, "-13.5", Direction.AT_MOST, base_value="100")
    enter(operator, item, "92")
    found = progress(item)
    assert found.achieved == Decimal(-8) and found.fraction == Decimal("0.5926")
    assert found.percent == 59 and found.compared_with == Decimal(100)
    enter(operator, item, "86", replace=True)
    assert progress(item).done
    enter(operator, item, "103", replace=True)
    assert progress(item).fraction == 0 and progress(item).percent == 0


def test_high_tech_enterprises_doubled(operator):
    """Base 253, target +100 %: 380 is (380 − 253) / 253 = 50.198 % → 0.5020; 506 is done."""
    item = indicator(operator, code="high-tech", unit="家", name="高新技术企业")
    target(operator, item, Kind.CHANGE, "100", base_value="253")
    enter(operator, item, "380")
    found = progress(item)
    assert found.fraction == Decimal("0.5020") and found.percent == 50
    with translation.override("en"):
        assert services.percent_display(found.achieved) == "+50.2"
    enter(operator, item, "506", replace=True)
    assert progress(item).done


def test_a_yearly_growth(operator):
    """R&D spending 100 in 2024, 102 in 2025: +2 % against +3 % a year = 0.6667; 103.5 is done.
    Without 2024 there is no growth to measure."""
    item = indicator(operator, code="rd", unit="亿元", name="研发经费投入")
    target(operator, item, Kind.YEARLY_GROWTH, "3")
    enter(operator, item, "102")
    missing = progress(item)
    assert missing.fraction is None and missing.latest.value == Decimal(102)
    assert "2024" in missing.status
    enter(operator, item, "100", start=date(2024, 1, 1), end=date(2024, 12, 31))
    found = progress(item)
    assert found.achieved == Decimal(2) and found.fraction == Decimal("0.6667")
    assert found.compared_with == Decimal(100)
    enter(operator, item, "103.5", replace=True)
    assert progress(item).done


def test_the_latest_value_of_a_plan(operator):
    """The period ending last wins; on the same last day the longer period (the year's)."""
    item = indicator(operator, code="patents", unit="件", name="专利授权量")
    target(operator, item, Kind.LEVEL, "3000")
    enter(operator, item, "2032", end=date(2025, 10, 31))
    assert progress(item).latest.value == 2032
    enter(operator, item, "1200", start=date(2025, 7, 1))
    enter(operator, item, "2400")
    assert progress(item).latest.value == 2400 and progress(item).fraction == Decimal("0.8")


@pytest.mark.parametrize(
    ("achieved", "goal", "direction", "fraction"),
    [
        ("1.5", "3", "at_least", "0.5"),
        ("-1", "3", "at_least", "0"),
        ("3", "3", "at_least", "1"),
        ("-10", "-5", "at_least", "0.5"),  # a fall of at most 5 %: 10 % is twice too much
        ("-4", "-5", "at_least", "1"),
        ("12.5", "10", "at_most", "0.8"),
        ("-6.75", "-13.5", "at_most", "0.5"),
        ("5", "0", "at_most", "0"),
        ("0", "0", "at_most", "1"),
    ],
)
def test_fraction_towards_a_target(achieved, goal, direction, fraction):
    assert rules.fraction_towards(Decimal(achieved), Decimal(goal), direction) == Decimal(fraction)


def test_the_trend_has_one_point_a_year_and_plain_labels():
    points = [
        Point(date(2021, 1, 1), date(2025, 12, 31), Decimal(253)),
        Point(date(2025, 1, 1), date(2025, 10, 31), Decimal(2032)),
        Point(date(2025, 1, 1), date(2025, 12, 31), Decimal(2400)),
        Point(date(2026, 1, 1), date(2026, 3, 2), Decimal(310)),
    ]
    assert [p.value for p in rules.yearly(points)] == [2400, 310]
    with translation.override("en"):
        labels = [p.label for p in points]
        assert labels == ["2021–2025", "2025, months 1–10", "2025", "2026, up to 3/2"]
        assert rules.period_label(date(2026, 2, 1), date(2026, 2, 28)) == "2026, month 2"
        assert services.display(Decimal("2032.0000")) == "2,032"
        assert services.display(Decimal("-13.5000")) == "−13.5"
    assert rules.a_year_earlier(date(2025, 2, 28)) == date(2024, 2, 29)
    assert rules.five_year_plan(2026) == ("十五五", 2026, 2030)
    assert rules.five_year_plan(2025) == ("十四五", 2021, 2025)


# --- counted by the platform ------------------------------------------------------------------


def test_platform_figures_are_counted_from_real_records(
    operator, instrument, verified_sme, sme_member, technician, now
):
    """One outside use of the SEM by the verified SME on 3 March 2026: one instrument shared,
    one SME served, in the plan's first year (2026, up to today)."""
    shared = indicator(
        operator,
        code="shared",
        unit="台",
        name="对外服务的仪器设备",
        platform_figure="instruments_shared",
    )
    served = indicator(
        operator,
        code="served",
        unit="家",
        name="服务的科技型中小企业",
        platform_figure="smes_served",
    )
    target(operator, shared, Kind.LEVEL, "4", plan="十五五", first_year=2026, last_year=2030)
    assert progress(shared).latest.value == 0
    use(instrument, sme_member, verified_sme, technician, now, day=3)
    found = progress(shared)
    assert found.latest.value == 1 and found.latest.counted
    assert (found.latest.start, found.latest.end) == (date(2026, 1, 1), date(2026, 3, 3))
    assert found.fraction == Decimal("0.25")
    card = queries.card(Indicator.objects.get(pk=served.pk))
    assert [(p.start.year, p.value) for p in card.points] == [(2026, 1)]
    assert not IndicatorValue.objects.exists()  # counted, never stored


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_loads_the_districts_figures(operator):
    made = load_indicators(operator)
    assert len(made) == Indicator.objects.count() == 16
    values = dict(
        IndicatorValue.objects.filter(period_start=date(2026, 1, 1)).values_list(
            "indicator__code", "value"
        )
    )
    assert values == {
        "tech-smes": 284,
        "high-tech-recommended": 194,
        "gazelle-recommended": 12,
        "forest-cover": Decimal("38.3"),
    }
    over_plan = IndicatorValue.objects.filter(
        period_start=date(2021, 1, 1), period_end=date(2025, 12, 31)
    )
    assert dict(over_plan.values_list("indicator__code", "value")) == {
        "tech-smes": 412,
        "high-tech-new": 253,
        "gazelles": 7,
        "eaglets": 55,
    }
    patents = IndicatorValue.objects.get(indicator__code="patents-granted")
    assert patents.value == 2032 and "159" in patents.note and patents.period_end.month == 10
    energy = IndicatorTarget.objects.get(indicator__code="energy-intensity")
    assert (energy.kind, energy.direction, energy.value, energy.base_value) == (
        "change",
        "at_most",
        Decimal("-13.5"),
        Decimal(100),
    )
    assert set(IndicatorTarget.objects.values_list("plan", "first_year", "last_year")) == {
        ("十五五", 2026, 2030)
    }
    forest = progress(made["forest-cover"])
    assert forest.fraction == Decimal("0.9330")  # 38.3 / 41.05
    assert progress(made["rd-spending"]).latest is None  # no published value: the target only
    counted = Indicator.objects.exclude(platform_figure="").values_list("code", flat=True)
    assert set(counted) == {
        "instruments-shared",
        "smes-served",
        "orders-completed",
        "contract-turnover",
    }
    assert AuditEvent.objects.filter(verb="indicator.value_set").count() == 10
