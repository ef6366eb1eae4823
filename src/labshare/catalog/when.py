"""Time words in a search: "明天有空的扫描电镜", "下周二上午 3小时".

People say when they need an instrument in the same box as what they need. This module finds
the time expressions in a query, takes them out of the text, and turns them into an ask for
free time: the periods to look in (calendar days, not working days: instruments run at the
weekend too) and the shortest free stretch that helps.

Weeks run Monday to Sunday, as on Chinese calendars: on a Sunday 本周 is that day and 下周 the
week after it. A month and day without a year mean the next such date to come, unless it passed
less than a month ago: then it means this year's, and is refused as past.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from labshare.core import clock

# Looked in when a query asks for free time but names no day.
DEFAULT_DAYS = 7
DEFAULT_MINUTES = 60
# Longer asks are refused: nobody books a stretch of more than a day, nor years ahead.
MAX_MINUTES = 24 * 60
MAX_DAYS_AHEAD = 366
MAX_PERIOD_DAYS = 62

# Words that ask for free time; 有空洞 and 有空隙 are defects, not free time.
SWITCH_PATTERN = (
    r"空闲时段|空闲时间|可以预约|能预约|可预约|有空闲|空闲|有空(?![洞隙腔])|能约|可约|空档"
)
PARTS_OF_DAY = {
    "上午": (time(8), time(12)),
    "早上": (time(8), time(12)),
    "中午": (time(11), time(14)),
    "下午": (time(12), time(18)),
    "晚上": (time(18), time(23)),
    "夜间": (time(18), time(23)),
}
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
NUMERALS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
NUMERALS |= {"六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# A number as people write it: 3, 1.5, 三, 十二, 二十; not a run of numerals (周二两小时).
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"


@dataclass(frozen=True)
class TimePart:
    """One time expression found in the query, with what it was taken to mean."""

    kind: str  # "switch", "day", "part", "duration"
    text: str
    meaning: str
    span: tuple[int, int]


@dataclass
class TimeAsk:
    """Free time wanted: at least `minutes` in one of the periods (each [start, end))."""

    periods: list[tuple[datetime, datetime]]
    minutes: int
    parts: list[TimePart] = field(default_factory=list)
    problem: str = ""  # why nothing can be looked for (a past or impossible date)

    @property
    def start(self) -> datetime | None:
        return self.periods[0][0] if self.periods else None

    @property
    def end(self) -> datetime | None:
        return self.periods[-1][1] if self.periods else None


def number(text: str) -> float | None:
    """'3', '1.5', '三', '十二', '两' → the number; None when it is none."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if not text or any(char not in NUMERALS for char in text):
        return None
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return float(NUMERALS.get(tens, 1) * 10 + NUMERALS.get(ones, 0))
    return float(NUMERALS[text]) if len(text) == 1 else None


def _week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _date_words(today: date):
    """(pattern, function of the match → (first day, last day) or an error text)."""

    def relative(offset):
        return lambda m: (today + timedelta(days=offset),) * 2

    def this_week(m):
        return today, _week_monday(today) + timedelta(days=6)

    def next_week(m):
        weeks = 2 if m.group(0).startswith("下下") else 1
        monday = _week_monday(today) + timedelta(days=7 * weeks)
        return monday, monday + timedelta(days=6)

    def weekend(m):
        saturday = _week_monday(today) + timedelta(days=5)
        if m.group(1) and m.group(1).startswith("下"):
            saturday += timedelta(days=7 * (2 if m.group(1).startswith("下下") else 1))
        return max(saturday, today), saturday + timedelta(days=1)

    def weekday(m):
        target = WEEKDAYS[m.group(3)]
        monday = _week_monday(today)
        if m.group(1) and m.group(1).startswith("下"):
            monday += timedelta(days=7 * (2 if m.group(1).startswith("下下") else 1))
        elif not m.group(1) and monday + timedelta(days=target) < today:
            monday += timedelta(days=7)  # 周二 said on a Thursday: the coming one
        day = monday + timedelta(days=target)
        return day, day

    def within_days(m):
        days = number(m.group(1) or m.group(2))
        if days is None or days < 1:
            return None
        return today, today + timedelta(days=min(int(days), MAX_DAYS_AHEAD) - 1)

    def this_month(m):
        return today, _month_end(today)

    def next_month(m):
        first = _month_end(today) + timedelta(days=1)
        return first, _month_end(first)

    def calendar_date(m):
        year = int(m.group(1)) if m.group(1) else None
        month, day_of_month = int(m.group(2)), int(m.group(3))
        try:
            day = date(year or today.year, month, day_of_month)
        except ValueError:
            return _("%(month)d月%(day)d日 is not a date.") % {"month": month, "day": day_of_month}
        if year is None and day < today - timedelta(days=31):
            try:
                day = date(today.year + 1, month, day_of_month)
            except ValueError:
                return _("%(month)d月%(day)d日 is not a date.") % {
                    "month": month,
                    "day": day_of_month,
                }
        return day, day

    def iso_date(m):
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return _("%(text)s is not a date.") % {"text": m.group(0)}
        return day, day

    return [
        (r"大后天", relative(3)),
        (r"后天", relative(2)),
        (r"明天|明日", relative(1)),
        (r"今天|今日", relative(0)),
        (r"(本|这个?|下下个?|下个?)?周末", weekend),
        (r"(本|这个?|下下个?|下个?)?(周|星期|礼拜)([一二三四五六日天])", weekday),
        (r"(?:本|这个?)(?:周|星期|礼拜)(?!期)", this_week),
        (r"(?<!以)(?:下下个?(?:周|星期|礼拜)|下个?(?:周|星期|礼拜))(?!期)", next_week),
        (rf"(?:未来|最近|近)({_NUMBER})天(?:内|之内)?|({_NUMBER})天(?:内|之内)", within_days),
        (r"(?:本|这个?)月", this_month),
        (r"下个?月", next_month),
        (r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?", calendar_date),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", iso_date),
    ]


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _duration(text: str) -> int | None:
    """Minutes in '3小时', '三个小时', '1.5h', '半小时', '30分钟', '半天', '一天'."""
    if text in ("半天",):
        return 4 * 60
    if text in ("一天", "全天", "整天", "一整天"):
        return 8 * 60
    if text.startswith("半") and text.endswith(("小时", "钟头")):
        return 30
    match = re.fullmatch(rf"({_NUMBER})个?(?:半)?(小时|钟头|h|分钟)", text)
    if not match:
        return None
    value = number(match.group(1))
    if value is None:
        return None
    if "半" in text[len(match.group(1)) :]:
        value += 0.5
    return int(value) if match.group(2) == "分钟" else int(value * 60)


DURATION_PATTERN = (
    rf"(?:{_NUMBER}个?半?(?:小时|钟头|分钟)|(?<![a-z0-9.])\d+(?:\.\d+)?h(?![a-z])"
    r"|半小时|半个小时|一整天|半天|一天|全天(?!候)|整天)"
)


def _fmt_day(day: date) -> str:
    return _("%(month)d月%(day)d日") % {"month": day.month, "day": day.day}


def _fmt_days(first: date, last: date) -> str:
    if first == last:
        return _fmt_day(first)
    return f"{_fmt_day(first)}–{_fmt_day(last)}"


def parse(query: str, now: datetime | None = None) -> tuple[str, TimeAsk | None]:
    """(the query without its time words, the free time it asks for or None)."""
    now = now or clock.now()
    today = timezone.localtime(now).date()
    found: list[tuple[int, int, str, object]] = []
    taken = [False] * len(query)

    def claim(pattern: str, kind: str, handler) -> None:
        for match in re.finditer(pattern, query):
            start, end = match.span()
            if end > start and not any(taken[start:end]):
                for index in range(start, end):
                    taken[index] = True
                found.append((start, end, kind, handler(match)))

    claim(SWITCH_PATTERN, "switch", lambda m: None)
    # Days before durations: in 周二两小时 the 二 belongs to the day.
    for pattern, handler in _date_words(today):
        claim(pattern, "day", handler)
    claim(DURATION_PATTERN, "duration", lambda m: _duration(m.group(0)))
    claim("|".join(PARTS_OF_DAY), "part", lambda m: PARTS_OF_DAY[m.group(0)])
    if not found:
        return query, None
    found.sort()
    rest = "".join(" " if taken[i] else char for i, char in enumerate(query))
    return " ".join(rest.split()), _ask(query, found, now, today)


def _ask(query: str, found, now: datetime, today: date) -> TimeAsk:
    parts: list[TimePart] = []
    problem = ""
    days: tuple[date, date] | None = None
    hours: tuple[time, time] | None = None
    minutes: int | None = None
    for start, end, kind, value in found:
        text = query[start:end]
        if kind == "switch":
            parts.append(TimePart(kind, text, _("only instruments with free time"), (start, end)))
        elif kind == "duration":
            if value is None or value <= 0:
                problem = problem or _("%(text)s is not a length of time.") % {"text": text}
                continue
            if value > MAX_MINUTES:
                problem = problem or _("Ask for at most 24 hours in one stretch.")
                continue
            minutes = max(minutes or 0, value)
            meaning = _("at least %(hours)s h free") % {"hours": _hours_text(value)}
            parts.append(TimePart(kind, text, meaning, (start, end)))
        elif kind == "day":
            if isinstance(value, str) or value is None:
                problem = problem or value or _("%(text)s is not a date.") % {"text": text}
                continue
            days = value if days is None else (max(days[0], value[0]), min(days[1], value[1]))
            parts.append(TimePart(kind, text, _fmt_days(*value), (start, end)))
        else:
            hours = value
            meaning = f"{value[0]:%H:%M}–{value[1]:%H:%M}"
            parts.append(TimePart(kind, text, meaning, (start, end)))
    ask = TimeAsk([], minutes or DEFAULT_MINUTES, parts, problem)
    if problem:
        return ask
    first, last = days or (today, today + timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        ask.problem = _("The dates asked for do not overlap.")
        return ask
    if first > today + timedelta(days=MAX_DAYS_AHEAD):
        ask.problem = _("Instruments are not booked that far ahead.")
        return ask
    return _lay_out(ask, first, last, hours, now)


def _lay_out(ask: TimeAsk, first: date, last: date, hours, now: datetime) -> TimeAsk:
    """Fill in the ask's periods from first to last (at most MAX_PERIOD_DAYS), from now on."""
    last = min(last, first + timedelta(days=MAX_PERIOD_DAYS - 1))
    ask.periods = _periods(first, last, hours, now)
    if not ask.periods:
        ask.problem = _("The time asked for has already passed.")
    return ask


def _hours_text(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:g}"


def _periods(first: date, last: date, hours, now: datetime) -> list[tuple[datetime, datetime]]:
    """Each day's part (all of it without one), from now on."""
    periods = []
    day = first
    while day <= last:
        if hours:
            start = timezone.make_aware(datetime.combine(day, hours[0]))
            end = timezone.make_aware(datetime.combine(day, hours[1]))
        else:
            start = timezone.make_aware(datetime.combine(day, time(0)))
            end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0)))
        start = max(start, now)
        if start < end:
            if periods and periods[-1][1] == start:
                periods[-1] = (periods[-1][0], end)
            else:
                periods.append((start, end))
        day += timedelta(days=1)
    return periods


def from_fields(first: date | None, last: date | None, hours, now: datetime | None = None):
    """The same ask from the catalogue form's fields (from, to, minimum free hours)."""
    now = now or clock.now()
    today = timezone.localtime(now).date()
    first = max(first or today, today)  # the past has no free time to offer
    last = last or first + timedelta(days=DEFAULT_DAYS - 1)
    minutes = int(hours * 60) if hours else DEFAULT_MINUTES
    ask = TimeAsk([], minutes)
    if last < first:
        ask.problem = _("The end date is before the start date.")
        return ask
    return _lay_out(ask, first, last, None, now)
