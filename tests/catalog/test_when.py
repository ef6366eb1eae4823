"""Time words in a search, read against a frozen clock (Asia/Shanghai, weeks Monday to Sunday)."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone, translation

from labshare.catalog import when

THURSDAY = timezone.make_aware(datetime(2026, 12, 3, 10, 30))  # Thu 3 Dec 2026, 10:30
SUNDAY = timezone.make_aware(datetime(2026, 12, 6, 9, 0))
MONTH_END = timezone.make_aware(datetime(2026, 12, 31, 9, 0))


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def days(ask: when.TimeAsk) -> tuple[date, date]:
    """First and last local day the periods touch (an end at midnight belongs to the day before)."""
    last_end = local(ask.periods[-1][1])
    last = (last_end - timedelta(microseconds=1)).date()
    return local(ask.periods[0][0]).date(), last


def parse(query: str, now=THURSDAY):
    return when.parse(query, now)


def test_query_without_time_words_is_left_alone():
    assert parse("扫描电镜") == ("扫描电镜", None)


def test_tomorrow_is_the_whole_next_calendar_day():
    text, ask = parse("明天有空的扫描电镜")
    assert text == "的扫描电镜"
    assert [(local(s), local(e)) for s, e in ask.periods] == [
        (datetime(2026, 12, 4), datetime(2026, 12, 5))
    ]
    assert ask.minutes == when.DEFAULT_MINUTES
    assert {p.kind for p in ask.parts} == {"day", "switch"}


def test_today_starts_now_not_at_midnight():
    _text, ask = parse("今天")
    assert ask.periods == [(THURSDAY, timezone.make_aware(datetime(2026, 12, 4)))]


def test_day_after_tomorrow_and_weekend_are_calendar_days():
    assert days(parse("后天")[1]) == (date(2026, 12, 5), date(2026, 12, 5))  # a Saturday
    assert days(parse("周末")[1]) == (date(2026, 12, 5), date(2026, 12, 6))
    assert days(parse("下周末")[1]) == (date(2026, 12, 12), date(2026, 12, 13))


def test_this_week_runs_to_sunday_and_next_week_is_monday_to_sunday():
    assert days(parse("本周")[1]) == (date(2026, 12, 3), date(2026, 12, 6))
    assert days(parse("下周")[1]) == (date(2026, 12, 7), date(2026, 12, 13))


def test_next_week_said_on_a_sunday_is_the_week_after_it():
    assert days(parse("下周", SUNDAY)[1]) == (date(2026, 12, 7), date(2026, 12, 13))
    assert days(parse("本周", SUNDAY)[1]) == (date(2026, 12, 6), date(2026, 12, 6))


def test_a_weekday_is_the_coming_one_and_next_weekday_is_in_next_week():
    assert days(parse("周二")[1]) == (date(2026, 12, 8), date(2026, 12, 8))  # Tuesday passed
    assert days(parse("周五")[1]) == (date(2026, 12, 4), date(2026, 12, 4))
    assert days(parse("下周二")[1]) == (date(2026, 12, 8), date(2026, 12, 8))
    assert days(parse("下周五")[1]) == (date(2026, 12, 11), date(2026, 12, 11))


def test_this_weeks_past_weekday_is_refused_as_past():
    _text, ask = parse("本周二")
    assert ask.periods == [] and ask.problem


def test_next_tuesday_morning_is_one_morning():
    _text, ask = parse("下周二上午液相")
    assert [(local(s), local(e)) for s, e in ask.periods] == [
        (datetime(2026, 12, 8, 8), datetime(2026, 12, 8, 12))
    ]


def test_month_and_day_cross_the_year_end():
    assert days(parse("12月3日")[1])[0] == date(2026, 12, 3)
    assert days(parse("1月5日", MONTH_END)[1]) == (date(2027, 1, 5), date(2027, 1, 5))
    assert days(parse("2027年1月5号")[1]) == (date(2027, 1, 5), date(2027, 1, 5))


def test_next_month_at_the_end_of_december_is_january():
    assert days(parse("下个月", MONTH_END)[1]) == (date(2027, 1, 1), date(2027, 1, 31))
    assert days(parse("本月", MONTH_END)[1]) == (date(2026, 12, 31), date(2026, 12, 31))


def test_a_date_that_passed_this_month_is_refused():
    with translation.override("zh-hans"):
        _text, ask = parse("12月1日")
    assert ask.periods == []
    assert ask.problem == "所问的时间已经过去。"


@pytest.mark.parametrize("query", ["2月30日", "13月1日", "2026-02-30"])
def test_impossible_dates_are_refused_with_a_message(query):
    _text, ask = parse(query)
    assert ask.periods == []
    assert ask.problem


@pytest.mark.parametrize(
    ("query", "minutes"),
    [
        ("3小时", 180),
        ("三个小时", 180),
        ("两个半小时", 150),
        ("1.5h", 90),
        ("半小时", 30),
        ("90分钟", 90),
        ("半天", 240),
        ("一天", 480),
    ],
)
def test_durations(query, minutes):
    assert parse(f"扫描电镜 {query}")[1].minutes == minutes


def test_a_duration_alone_asks_for_the_coming_week():
    _text, ask = parse("3小时")
    assert days(ask) == (date(2026, 12, 3), date(2026, 12, 9))
    assert ask.minutes == 180


def test_more_than_a_day_in_one_stretch_is_refused():
    assert parse("30小时")[1].problem


def test_switch_words_alone_turn_the_filter_on():
    text, ask = parse("可预约的核磁")
    assert text == "的核磁"
    assert days(ask) == (date(2026, 12, 3), date(2026, 12, 9))


def test_fields_give_the_same_ask():
    ask = when.from_fields(date(2026, 12, 7), date(2026, 12, 8), 3, THURSDAY)
    assert days(ask) == (date(2026, 12, 7), date(2026, 12, 8))
    assert ask.minutes == 180
    assert when.from_fields(date(2026, 12, 8), date(2026, 12, 7), None, THURSDAY).problem


def test_numerals():
    assert when.number("十二") == 12
    assert when.number("两") == 2
    assert when.number("3.5") == 3.5
    assert when.number("百") is None


@pytest.mark.parametrize("query", ["3天内", "三天之内", "未来3天", "近3天"])
def test_within_days(query):
    assert days(parse(query)[1]) == (date(2026, 12, 3), date(2026, 12, 5))


def test_a_huge_number_of_days_is_capped_not_a_crash():
    _text, ask = parse("未来9999999天")
    assert days(ask)[0] == date(2026, 12, 3)
    assert len(ask.periods) == 1  # one stretch of at most MAX_PERIOD_DAYS days


def test_a_weekday_then_a_duration_in_numerals():
    _text, ask = parse("周二两小时")
    assert days(ask) == (date(2026, 12, 8), date(2026, 12, 8))
    assert ask.minutes == 120
    assert parse("下周三三小时")[1].minutes == 180


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("焊缝有空洞", "焊缝有空洞"),
        ("有空隙的涂层", "有空隙的涂层"),
        ("全天候监测", "全天候监测"),
        ("以下周期信号", "以下周期信号"),
        ("a100h", "a100h"),
    ],
)
def test_words_that_only_look_like_time_stay_words(query, text):
    assert parse(query) == (text, None)


def test_weekdays_said_on_a_sunday():
    assert days(parse("周一", SUNDAY)[1]) == (date(2026, 12, 7), date(2026, 12, 7))
    assert days(parse("周日", SUNDAY)[1]) == (date(2026, 12, 6), date(2026, 12, 6))


def test_far_future_dates_are_refused():
    assert parse("2029年1月5日")[1].problem


def test_fields_starting_in_the_past_start_today():
    ask = when.from_fields(date(2026, 1, 1), date(2026, 12, 5), None, THURSDAY)
    assert days(ask) == (date(2026, 12, 3), date(2026, 12, 5))


@pytest.mark.parametrize(
    "query",
    ["", "下下下周", "十十小时", "周周二", "0小时", "1月0日", "99月99日", "9999-99-99", "上午下午"],
)
def test_odd_input_never_raises(query):
    parse(query)
