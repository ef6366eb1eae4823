"""The demo district's innovation indicators (创新指标), from Ganjingzi's published figures.

The figures read as a plan document's review of the five-year plan just ended and its targets
for the next: 253 new high-tech enterprises over the plan period (49.6 % average growth), 412 tech
SMEs, 7 gazelles and 55 雏鹰 firms are stored as values over the *previous* plan's years; the
targets (R&D spending +3 % a year, technology-contract turnover 3.5 % of GDP, high-tech
enterprises doubled, energy per unit GDP −13.5 %, forest cover 41.05 %) belong to the plan
running on the demo's today — on the machine's date in 2026, 十五五 (2026–2030), with the review
figures over 十四五 (2021–2025). "This year" is clock.today()'s year: its figures run from
1 January to today; those "by the end of October" (patents, industrial output) to the last
31 October that has passed.

Two targets need a base the figures do not give, so they are stated in a form that needs none:
"doubled" is read against the 253 new high-tech enterprises of the previous plan (the values are
the new ones since the plan began), and energy per unit GDP is an index with the year before the
plan = 100. Nothing is invented: an indicator without a published value shows its target only.
The platform's own figures (instruments shared, SMEs served, test orders) are counted from the
demo's history by the platform itself.
"""

from datetime import date

from labshare.core import clock
from labshare.core.actors import command_actor
from labshare.insights import indicators as services
from labshare.insights import progress as rules
from labshare.insights.models import Indicator, IndicatorTarget

SOURCE = "甘井子区人民政府公开数据"
PLATFORM = "共享设备云平台"
Kind, Direction = IndicatorTarget.Kind, IndicatorTarget.Direction

# code, name, unit, source, platform figure
INDICATORS = [
    ("tech-smes", "科技型中小企业评价入库", "家", "区科技局", ""),
    ("high-tech-recommended", "推荐申报高新技术企业", "家", "区科技局", ""),
    ("gazelle-recommended", "推荐申报辽宁省瞪羚企业", "家", "区科技局", ""),
    ("high-tech-new", "新增高新技术企业", "家", "区科技局", ""),
    ("gazelles", "瞪羚企业", "家", "区科技局", ""),
    ("eaglets", "雏鹰企业", "家", "区科技局", ""),
    ("patents-granted", "专利授权量", "件", "区市场监督管理局", ""),
    ("industrial-output", "工业总产值", "亿元", "区统计局", ""),
    ("rd-spending", "全社会研发经费投入", "亿元", "区统计局", ""),
    ("tech-contract-share", "技术合同成交额占地区生产总值比重", "%", "区科技局", ""),
    ("energy-intensity", "单位地区生产总值能耗指数", "基期=100", "区发展和改革局", ""),
    ("forest-cover", "森林覆盖率", "%", "区自然资源局", ""),
    ("instruments-shared", "对外服务的仪器设备", "台", PLATFORM, "instruments_shared"),
    ("smes-served", "平台服务的科技型中小企业", "家", PLATFORM, "smes_served"),
    ("orders-completed", "平台完成的检验检测订单", "单", PLATFORM, "orders_completed"),
    ("contract-turnover", "平台登记技术合同成交额", "万元", PLATFORM, "contract_turnover"),
]


def load_indicators(operator_user) -> dict[str, Indicator]:
    """Create the indicators, their published values and the plan's targets through the
    services, acting as the operator's user. Returns the indicators by code."""
    actor = command_actor(operator_user)
    today = clock.today()
    plan, first, last = rules.five_year_plan(today.year)
    previous_plan, previous_first, previous_last = rules.five_year_plan(first - 1)
    this_year = (date(today.year, 1, 1), today)
    october = today.year if today >= date(today.year, 10, 31) else today.year - 1
    ten_months = (date(october, 1, 1), date(october, 10, 31))
    previous = (date(previous_first, 1, 1), date(previous_last, 12, 31))
    made = {}
    for position, (code, name, unit, source, figure) in enumerate(INDICATORS, start=1):
        made[code] = services.create_indicator(
            actor,
            code=code,
            name=name,
            unit=unit,
            source=source,
            platform_figure=figure,
            position=position * 10,
        )
    values = [
        ("tech-smes", this_year, "284", ""),
        ("tech-smes", previous, "412", f"{previous_plan}期间"),
        ("high-tech-recommended", this_year, "194", ""),
        ("gazelle-recommended", this_year, "12", ""),
        ("high-tech-new", previous, "253", f"{previous_plan}期间新增，年均增长49.6%"),
        ("gazelles", previous, "7", f"{previous_plan}期间"),
        ("eaglets", previous, "55", f"{previous_plan}期间"),
        (
            "patents-granted",
            ten_months,
            "2032",
            "其中发明专利159件、实用新型专利1,843件、外观设计专利30件",
        ),
        ("industrial-output", ten_months, "1052.2", "同比增长35.3%"),
        ("forest-cover", this_year, "38.3", ""),
    ]
    for code, (start, end), value, note in values:
        services.set_value(
            actor, made[code], period_start=start, period_end=end, value=value, note=note
        )
    targets = [
        ("rd-spending", Kind.YEARLY_GROWTH, Direction.AT_LEAST, "3", None, "年均增长3%以上"),
        ("tech-contract-share", Kind.LEVEL, Direction.AT_LEAST, "3.5", None, ""),
        (
            "high-tech-new",
            Kind.CHANGE,
            Direction.AT_LEAST,
            "100",
            "253",
            f"新增数量较{previous_plan}翻一番",
        ),
        ("energy-intensity", Kind.CHANGE, Direction.AT_MOST, "-13.5", "100", "累计下降13.5%"),
        ("forest-cover", Kind.LEVEL, Direction.AT_LEAST, "41.05", None, ""),
    ]
    for code, kind, direction, value, base, description in targets:
        services.set_target(
            actor,
            made[code],
            plan=plan,
            first_year=first,
            last_year=last,
            kind=kind,
            direction=direction,
            value=value,
            base_value=base,
            description=description,
        )
    return made
