"""The dashboards' SVG charts: valid XML, exact bars, lines and points, nice ticks, escaping,
and nothing that reaches the network. No database."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labshare.core.svg import bar_chart, format_number, line_chart, nice_ticks

NS = "{http://www.w3.org/2000/svg}"
NASTY = 'a<b & "c" 大型仪器'
MONTHS = [f"2024-{month:02d}" for month in range(1, 13)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted XML)


def elements(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    """Elements of a tag whose class list holds cls, in document order."""
    return [el for el in root.iter(NS + tag) if cls in el.get("class", "").split()]


def texts(root: ET.Element, cls: str) -> list[str]:
    return [el.text or "" for el in elements(root, "text", cls)]


def tips(root: ET.Element, tag: str, cls: str) -> list[str]:
    return [el.find(NS + "title").text for el in elements(root, tag, cls)]


def line_y(root: ET.Element, cls: str) -> list[float]:
    return [float(el.get("y1")) for el in elements(root, "line", cls)]


def test_bar_chart_draws_one_bar_per_value_and_keeps_the_label_of_none():
    root = parse(
        bar_chart(["一月", "二月", "三月", "四月"], [3, None, 7, 0], title="机时", unit="小时")
    )
    assert len(elements(root, "rect", "bar")) == 3
    assert texts(root, "x-label") == ["一月", "二月", "三月", "四月"]
    assert tips(root, "rect", "bar") == ["一月: 3 小时", "三月: 7 小时", "四月: 0 小时"]
    assert [el.get("height") for el in elements(root, "rect", "bar")][2] == "0"


def test_bar_chart_root_is_an_accessible_scalable_svg_with_its_title_first():
    root = parse(bar_chart(["a"], [1], title="有效机时", width=500, height=200))
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "有效机时"
    assert root.get("viewBox") == "0 0 500 200"
    assert root.get("width") == "100%"
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    assert root[0].tag == NS + "title" and root[0].text == "有效机时"


def test_highlighted_indices_get_the_highlight_class_and_a_none_index_draws_nothing():
    root = parse(bar_chart(["a", "b", "c", "d"], [1, None, 3, 4], title="t", highlight={1, 2}))
    classes = [el.get("class") for el in elements(root, "rect", "bar")]
    assert classes == ["bar", "bar bar-highlight", "bar"]
    assert tips(root, "rect", "bar-highlight") == ["c: 3"]


def test_bar_reaches_from_the_zero_line_to_its_value():
    root = parse(bar_chart(["a", "b"], [40, 10], title="t"))
    (zero,) = line_y(root, "axis")
    grid = dict(zip(texts(root, "tick"), line_y(root, "grid"), strict=True))
    assert list(grid) == ["0", "10", "20", "30", "40"]
    tall, short = elements(root, "rect", "bar")
    assert float(tall.get("y")) == grid["40"]
    assert float(tall.get("y")) + float(tall.get("height")) == pytest.approx(zero, abs=0.1)
    assert float(short.get("y")) == grid["10"]


def test_negative_values_hang_below_the_zero_line():
    root = parse(bar_chart(["a", "b"], [-5, 10], title="变化"))
    assert texts(root, "tick") == ["-5", "0", "5", "10"]
    (zero,) = line_y(root, "axis")
    below, above = elements(root, "rect", "bar")
    assert float(below.get("y")) == zero
    assert float(below.get("y")) + float(below.get("height")) == max(line_y(root, "grid"))
    assert float(above.get("y")) + float(above.get("height")) == pytest.approx(zero, abs=0.1)


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (37, ["0", "10", "20", "30", "40"]),
        (40, ["0", "10", "20", "30", "40"]),
        (41, ["0", "20", "40", "60"]),
        (10, ["0", "5", "10"]),
        (Decimal("0.87"), ["0.0", "0.5", "1.0"]),
        (1599, ["0", "500", "1,000", "1,500", "2,000"]),
        (0, ["0.0", "0.5", "1.0"]),  # all zero: 0 to 1
        (0.1, ["0.00", "0.05", "0.10"]),  # the float's shortest repr, not 0.1000000000000000055…
        (Decimal("0.00000001"), ["0.0000", "0.0001"]),  # no step finer than shown places
    ],
)
def test_y_axis_has_nice_round_ticks_from_zero(largest, ticks):
    root = parse(bar_chart(["a", "b"], [largest, 0], title="t"))
    assert texts(root, "tick") == ticks


def test_huge_tick_labels_leave_the_plot_at_least_two_thirds_of_the_width():
    root = parse(bar_chart(["a", "b"], [10**30, 1], title="t"))
    (axis,) = elements(root, "line", "axis")
    left, right = float(axis.get("x1")), float(axis.get("x2"))
    assert left == pytest.approx(8 + 640 / 3, abs=0.1)
    for bar in elements(root, "rect", "bar"):
        assert left < float(bar.get("x")) < float(bar.get("x")) + float(bar.get("width")) < right


def test_all_none_values_still_get_an_axis_from_0_to_1_and_no_bars():
    root = parse(bar_chart(["a", "b"], [None, None], title="t"))
    assert texts(root, "tick") == ["0.0", "0.5", "1.0"]
    assert elements(root, "rect", "bar") == []
    assert texts(root, "x-label") == ["a", "b"]


def test_nice_ticks_span_zero_for_negative_and_mixed_ranges():
    assert nice_ticks(-3, 37)[0] == [Decimal(-20), 0, 20, 40]
    assert nice_ticks(Decimal("-0.6"), Decimal("0.6"))[1] == ["-1.0", "-0.5", "0.0", "0.5", "1.0"]
    assert nice_ticks(-37, 0)[1] == ["-40", "-30", "-20", "-10", "0"]


@pytest.mark.parametrize(
    ("labels", "every"),
    [
        ([str(month) for month in range(1, 61)], 5),  # short: at most twelve labels
        ([str(month) for month in range(1, 14)], 2),
        ([f"{year}-{month:02d}" for year in range(2020, 2025) for month in range(1, 13)], 6),
    ],
)
def test_many_labels_are_thinned_but_every_bar_keeps_its_label(labels, every):
    root = parse(bar_chart(labels, list(range(len(labels))), title="t"))
    assert texts(root, "x-label") == labels[::every]
    assert [tip.split(":")[0] for tip in tips(root, "rect", "bar")] == labels


def test_long_chinese_labels_are_thinned_so_they_do_not_overlap():
    labels = [f"2024年{month:02d}月" for month in range(1, 13)] * 2  # 24 labels, ~67 units each
    root = parse(bar_chart(labels, [1] * 24, title="t"))
    shown = elements(root, "text", "x-label")
    assert [el.text for el in shown] == labels[::3]
    gaps = [float(b.get("x")) - float(a.get("x")) for a, b in zip(shown, shown[1:], strict=False)]
    assert min(gaps) > 67


def test_labels_and_titles_with_markup_characters_and_chinese_are_escaped():
    title = '共享率 <2024> & "目标"'
    bars = bar_chart([NASTY], [1], title=title, unit="<单位>")
    lines = line_chart([NASTY], {NASTY: [1], "目标": [2]}, title=title)
    for svg in (bars, lines):
        root = parse(svg)
        assert root.get("aria-label") == title
        assert root[0].text == title
        assert texts(root, "x-label") == [NASTY]
    assert tips(parse(bars), "rect", "bar") == [f"{NASTY}: 1 <单位>"]
    assert texts(parse(lines), "legend") == [NASTY, "目标"]
    assert tips(parse(lines), "circle", "point")[0] == f"{NASTY} · {NASTY}: 1"


def test_control_characters_that_xml_cannot_carry_are_dropped():
    root = parse(bar_chart(["a\x00b\x0b"], [1], title="t\x1f"))
    assert texts(root, "x-label") == ["ab"]
    assert root.get("aria-label") == "t"


def test_decimal_and_float_values_show_without_noise():
    values = [Decimal("1234.50"), Decimal(1) / Decimal(3), 0.1 + 0.2, 0.1, 1000000]
    root = parse(bar_chart(list("abcde"), values, title="t", unit="元"))
    assert tips(root, "rect", "bar") == [
        "a: 1,234.50 元",
        "b: 0.3333 元",
        "c: 0.3 元",
        "d: 0.1 元",
        "e: 1,000,000 元",
    ]


def test_format_number_keeps_given_places_and_rounds_long_quotients_half_up():
    assert format_number(Decimal("12.00")) == "12.00"
    assert format_number(Decimal("0.666666")) == "0.6667"
    assert format_number(Decimal("-0.00001")) == "0"
    assert format_number(Decimal("-1234567")) == "-1,234,567"
    assert format_number(Decimal(10**30) + Decimal("0.000001")) == f"{10**30:,}"


def test_line_chart_draws_one_line_and_one_point_per_value_for_each_series():
    series = {"本期": [37, 40, 45, 50], "目标": [60, 60, 60, 60]}
    root = parse(line_chart(["Q1", "Q2", "Q3", "Q4"], series, title="共享率", unit="%"))
    lines = root.findall(NS + "polyline")
    assert [el.get("class") for el in lines] == ["line series-1", "line series-2"]
    assert [len(el.get("points").split()) for el in lines] == [4, 4]
    assert len(elements(root, "circle", "point")) == 8
    assert tips(root, "circle", "series-1")[0] == "本期 · Q1: 37 %"
    assert texts(root, "legend") == ["本期", "目标"]
    assert len(elements(root, "rect", "swatch")) == 2


def test_a_single_series_has_no_legend_and_plain_tooltips():
    root = parse(line_chart(["2022", "2023"], {"R&D 投入": [1, 2]}, title="t"))
    assert texts(root, "legend") == []
    assert elements(root, "rect", "swatch") == []
    assert tips(root, "circle", "point") == ["2022: 1", "2023: 2"]


@pytest.mark.parametrize(
    ("values", "runs", "points"),
    [
        ([1, 2, None, 4, 5], [2, 2], 4),
        ([1, None, 3, 4], [2], 3),  # the lone first point is only a circle
        ([None, 2, 3, None], [2], 2),
        ([None, None, None, None, None], [], 0),
        ([1, None, 3, None, 5], [], 3),
    ],
)
def test_none_splits_the_line_and_draws_no_point(values, runs, points):
    root = parse(line_chart(list("abcde")[: len(values)], {"s": values}, title="t"))
    lines = root.findall(NS + "polyline")
    assert [len(el.get("points").split()) for el in lines] == runs
    assert len(elements(root, "circle", "point")) == points


def test_line_points_sit_on_the_value_scale():
    root = parse(line_chart(["a", "b"], {"s": [0, 40]}, title="t"))
    grid = dict(zip(texts(root, "tick"), line_y(root, "grid"), strict=True))
    assert [float(el.get("cy")) for el in elements(root, "circle", "point")] == [
        grid["0"],
        grid["40"],
    ]


@pytest.mark.parametrize("chart", ["bar", "line"])
def test_no_labels_gives_the_empty_state_text(chart):
    if chart == "bar":
        svg = bar_chart([], [], title="收入", empty="暂无数据")
    else:
        svg = line_chart([], {"本期": []}, title="收入", empty="暂无数据")
    root = parse(svg)
    assert texts(root, "empty") == ["暂无数据"]
    assert root.get("aria-label") == "收入"
    assert [el.tag for el in root] == [NS + "title", NS + "text"]


def test_the_empty_text_defaults_to_english_and_is_escaped():
    assert texts(parse(bar_chart([], [], title="t")), "empty") == ["No data"]
    assert texts(parse(line_chart([], {}, title="t", empty="<无>")), "empty") == ["<无>"]


def test_nothing_in_the_output_reaches_the_network():
    outputs = [
        bar_chart(MONTHS, list(range(12)), title="t", highlight={3}),
        line_chart(MONTHS, {"a": list(range(12)), "b": [None] * 12}, title="t"),
        bar_chart([], [], title="t"),
    ]
    for svg in outputs:
        assert svg.count("http") == 1  # the namespace name only
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
        for reference in ("<script", "href", "url(", "@import", "<style", "<image", "<foreign"):
            assert reference not in svg


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: bar_chart(["a"], [1, 2], title="t"), ValueError),
        (lambda: line_chart(["a"], {"s": []}, title="t"), ValueError),
        (lambda: bar_chart(["a"], [float("nan")], title="t"), ValueError),
        (lambda: bar_chart(["a"], [Decimal("Infinity")], title="t"), ValueError),
        (lambda: bar_chart(["a"], [True], title="t"), TypeError),
        (lambda: bar_chart(["a"], ["3"], title="t"), TypeError),
        (lambda: bar_chart(["a"], [1], title="t", height=50), ValueError),
    ],
)
def test_bad_input_is_refused(call, error):
    with pytest.raises(error):
        call()


value = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10**40),  # beyond the 28 digits of Decimal's default
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.floats(min_value=0, max_value=1e6),
)


@settings(deadline=None)
@given(st.lists(value, max_size=60))
def test_any_non_negative_values_parse_and_every_bar_stays_in_the_plot_area(values):
    labels = [f"第{index}月" for index in range(len(values))]
    root = parse(bar_chart(labels, values, title="t"))
    bars = elements(root, "rect", "bar")
    assert len(bars) == sum(v is not None for v in values)
    if not values:
        assert texts(root, "empty") == ["No data"]
        return
    grid = line_y(root, "grid")
    top, bottom = min(grid), max(grid)
    for bar in bars:
        y, height = float(bar.get("y")), float(bar.get("height"))
        assert height >= 0
        assert top <= y
        assert y + height <= bottom + 0.1  # each coordinate is rounded to 0.1


xml_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"), max_size=20
)


@settings(deadline=None)
@given(st.lists(xml_text, min_size=1, max_size=12), xml_text)
def test_any_label_and_title_text_reads_back_unchanged(labels, title):
    root = parse(line_chart(labels, {title: [1] * len(labels)}, title=title))
    assert root.get("aria-label") == title
    assert (root[0].text or "") == title
    assert tips(root, "circle", "point") == [f"{label}: 1" for label in labels]
