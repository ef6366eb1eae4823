"""Each indicator target's progress: pure functions over an indicator's values.

Progress against a target:
- the latest value of the plan is the one whose period lies within the plan's years and ends
  last (the longer period on a tie: the year's figure beats October's);
- level: value / target when at least the target is wanted; when at most, reaching it (≤) is
  done, and above it the share is target / value;
- change: (latest − base) / |base| in %, against the target % (−13.5 for energy per unit GDP,
  wanted at most; +100 for "doubled", wanted at least);
- yearly growth: the latest value against the same period a year earlier, in %, against the
  target %.
A target on the far side of zero (a decline of at most 5 %, wanted at least −5) is measured the
same way as a ceiling. Progress is a fraction 0..1, 1 when the target is met.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from labshare.core import clock
from labshare.insights.indicators import MAX_COUNTED_YEARS, PLACES, display, percent_display
from labshare.insights.models import Indicator, IndicatorTarget
from labshare.insights.periods import Period

# ---------------------------------------------------------------------------------------------
# Points: an indicator's values over time


@dataclass(frozen=True)
class Point:
    start: date
    end: date
    value: Decimal
    note: str = ""
    counted: bool = False  # by the platform, not entered
    value_id: int | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return period_label(self.start, self.end)

    @property
    def shown(self) -> str:
        return display(self.value)

    @property
    def within_a_year(self) -> bool:
        return self.start.year == self.end.year


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def period_label(start: date, end: date) -> str:
    """2026 · 2021–2025 · 2026年3月 · 2026年1–10月 · 2026年（截至12月7日） · else both dates."""
    whole_months = start.day == 1 and end == _month_end(end)
    if start == date(start.year, 1, 1) and end == date(end.year, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.year == end.year and whole_months:
        if start.month == end.month:
            return _("%(year)d, month %(month)d") % {"year": start.year, "month": start.month}
        return _("%(year)d, months %(first)d–%(last)d") % {
            "year": start.year,
            "first": start.month,
            "last": end.month,
        }
    if start == date(start.year, 1, 1) and start.year == end.year:
        return _("%(year)d, up to %(month)d/%(day)d") % {
            "year": start.year,
            "month": end.month,
            "day": end.day,
        }
    return f"{start.isoformat()} – {end.isoformat()}"


def entered_points(indicator: Indicator) -> list[Point]:
    """The values entered, oldest first (reads the prefetched values when there are some)."""
    found = [
        Point(v.period_start, v.period_end, v.value, v.note, value_id=v.pk)
        for v in indicator.values.all()
    ]
    return sorted(found, key=lambda p: (p.end, p.start))


def counted_years(indicator: Indicator, today: date) -> range:
    """The years a platform-counted indicator is shown for: those of its targets' plans (else of
    the five-year plan running now) up to this year, at most the last ten."""
    targets = list(indicator.targets.all())
    if targets:
        first = min(t.first_year for t in targets)
        last = min(max(t.last_year for t in targets), today.year)
    else:
        first, last = five_year_plan(today.year)[1], today.year
    return range(max(first, last - MAX_COUNTED_YEARS + 1), last + 1)


def counted_points(indicator: Indicator, years) -> list[Point]:
    """One point a year, counted from the platform's records (the current year up to today)."""
    from labshare.insights.definitions import platform_figure

    today = clock.today()
    found = []
    for year in years:
        period = Period(date(year, 1, 1), min(date(year, 12, 31), today))
        value = Decimal(platform_figure(indicator.platform_figure, period))
        found.append(Point(period.start, period.end, value, counted=True))
    return found


def points(indicator: Indicator) -> list[Point]:
    if indicator.platform_figure:
        return counted_points(indicator, counted_years(indicator, clock.today()))
    return entered_points(indicator)


def yearly(found: list[Point]) -> list[Point]:
    """One point per calendar year for the trend: the longest period inside the year (the
    year's figure rather than October's). Values over several years are not on the trend."""
    best: dict[int, Point] = {}
    for point in found:
        if not point.within_a_year:
            continue
        held = best.get(point.start.year)
        if held is None or (point.days, point.end) > (held.days, held.end):
            best[point.start.year] = point
    return [best[year] for year in sorted(best)]


def a_year_earlier(day: date) -> date:
    """The same day a year earlier; a month's last day stays its month's last day (29 Feb)."""
    if day == _month_end(day):
        return _month_end(date(day.year - 1, day.month, 1))
    return date(day.year - 1, day.month, day.day)


def value_a_year_earlier(indicator: Indicator, point: Point, found: list[Point]) -> Decimal | None:
    start, end = a_year_earlier(point.start), a_year_earlier(point.end)
    if indicator.platform_figure:
        from labshare.insights.definitions import platform_figure

        return Decimal(platform_figure(indicator.platform_figure, Period(start, end)))
    for other in found:
        if (other.start, other.end) == (start, end):
            return other.value
    return None


# ---------------------------------------------------------------------------------------------
# Progress


def five_year_plan(year: int) -> tuple[str, int, int]:
    """The national five-year plan a year falls in: (十五五, 2026, 2030). Plans run in blocks of
    five from 1966 (三五), so the number is (first − 1966) / 5 + 3."""
    first = 1966 + (year - 1966) // 5 * 5
    number = (first - 1966) // 5 + 3
    return f"{_chinese_number(number)}五", first, first + 4


def _chinese_number(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def latest_in_plan(found: list[Point], first_year: int, last_year: int) -> Point | None:
    inside = [p for p in found if p.start.year >= first_year and p.end.year <= last_year]
    return max(inside, key=lambda p: (p.end, p.days), default=None)


def change_percent(new: Decimal, old: Decimal | None) -> Decimal | None:
    """(new − old) / |old| in %, unrounded; None when there is nothing to compare with."""
    if old is None or old == 0:
        return None
    return (Decimal(new) - Decimal(old)) / abs(Decimal(old)) * 100


def is_met(achieved: Decimal, target: Decimal, direction: str) -> bool:
    if direction == IndicatorTarget.Direction.AT_MOST:
        return achieved <= target
    return achieved >= target


def fraction_towards(achieved: Decimal, target: Decimal, direction: str) -> Decimal:
    """How far achieved has come towards target, 0..1 (1: met).

    A target on the wanted side of zero (at least +3 %, at most −13.5 %) is approached from
    zero: achieved / target. One on the other side (at most 10, at least −5 %) is a limit
    overshot: target / achieved."""
    if is_met(achieved, target, direction):
        return Decimal(1)
    at_most = direction == IndicatorTarget.Direction.AT_MOST
    if target != 0 and (target < 0) == at_most:
        share = achieved / target
    elif target != 0 and achieved != 0:
        share = target / achieved
    else:
        share = Decimal(0)
    return min(max(share, Decimal(0)), Decimal(1)).quantize(PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Progress:
    target: IndicatorTarget
    latest: Point | None
    achieved: Decimal | None  # the level, or the change or growth in %
    fraction: Decimal | None  # 0..1; None when there is nothing to measure yet
    status: str
    compared_with: Decimal | None = None  # the base, or the value a year earlier
    goal: str = ""  # the target in words

    @property
    def done(self) -> bool:
        return self.fraction == 1

    @property
    def percent(self) -> int:
        """For the progress bar: rounded down, so 99.6 % is not shown as done."""
        if self.fraction is None:
            return 0
        return int((self.fraction * 100).to_integral_value(ROUND_DOWN))


def progress(
    target: IndicatorTarget, latest: Point | None, *, unit: str, year_before: Decimal | None = None
) -> Progress:
    """The target's progress from the latest value of its plan (and, for a yearly growth, the
    value of the same period a year earlier)."""
    kind, goal = target.kind, goal_text(target, unit)
    if latest is None:
        return Progress(target, None, None, None, _("No value for this plan yet."), goal=goal)
    if kind == IndicatorTarget.Kind.LEVEL:
        achieved, compared_with = latest.value, None
    elif kind == IndicatorTarget.Kind.CHANGE:
        achieved, compared_with = change_percent(latest.value, target.base_value), target.base_value
        if achieved is None:
            status = _("The base value is zero; a change cannot be measured.")
            return Progress(target, latest, None, None, status, goal=goal)
    else:
        achieved, compared_with = change_percent(latest.value, year_before), year_before
        if achieved is None:
            status = _("Growth needs the value of the same period a year earlier (%(period)s).") % {
                "period": period_label(a_year_earlier(latest.start), a_year_earlier(latest.end))
            }
            return Progress(target, latest, None, None, status, goal=goal)
    fraction = fraction_towards(achieved, target.value, target.direction)
    status = status_text(target, achieved, fraction, unit=unit)
    return Progress(target, latest, achieved, fraction, status, compared_with, goal)


def goal_text(target: IndicatorTarget, unit: str) -> str:
    """The target in words: "at least 41.05 %", "at most −13.5 % against the base value 100"."""
    at_most = target.direction == IndicatorTarget.Direction.AT_MOST
    numbers = {
        "value": display(target.value),
        "signed": percent_display(target.value),
        "base": display(target.base_value),
        "unit": unit,
    }
    if target.kind == IndicatorTarget.Kind.LEVEL:
        if at_most:
            return _("At most %(value)s %(unit)s") % numbers
        return _("At least %(value)s %(unit)s") % numbers
    if target.kind == IndicatorTarget.Kind.CHANGE:
        if at_most:
            return _("At most %(signed)s %% against the base value %(base)s") % numbers
        return _("At least %(signed)s %% against the base value %(base)s") % numbers
    if at_most:
        return _("Growth of at most %(signed)s %% a year") % numbers
    return _("Growth of at least %(signed)s %% a year") % numbers


def status_text(target: IndicatorTarget, achieved: Decimal, fraction: Decimal, *, unit: str) -> str:
    done = fraction == 1
    if target.kind == IndicatorTarget.Kind.LEVEL:
        numbers = {
            "value": display(achieved),
            "target": display(target.value),
            "unit": unit,
            "percent": display((fraction * 100).quantize(Decimal("0.1"), ROUND_DOWN)),
        }
        if done:
            return _("Target reached: %(value)s %(unit)s against %(target)s %(unit)s.") % numbers
        if target.direction == IndicatorTarget.Direction.AT_MOST:
            return _("%(value)s %(unit)s, above the ceiling of %(target)s %(unit)s.") % numbers
        return (
            _("%(value)s %(unit)s of %(target)s %(unit)s: %(percent)s %% of the target.") % numbers
        )
    numbers = {"achieved": percent_display(achieved), "target": percent_display(target.value)}
    if target.kind == IndicatorTarget.Kind.CHANGE:
        if done:
            return (
                _("Target reached: %(achieved)s %% against the base value (target %(target)s %%).")
                % numbers
            )
        return _("%(achieved)s %% against the base value; the target is %(target)s %%.") % numbers
    if done:
        return (
            _("Target reached: %(achieved)s %% on a year earlier (target %(target)s %% a year).")
            % numbers
        )
    return _("%(achieved)s %% on a year earlier; the target is %(target)s %% a year.") % numbers


def progress_of(indicator: Indicator, target: IndicatorTarget, found: list[Point]) -> Progress:
    """The target's progress, reading the value a year earlier when the target needs it."""
    latest = latest_in_plan(found, target.first_year, target.last_year)
    year_before = None
    if latest is not None and target.kind == IndicatorTarget.Kind.YEARLY_GROWTH:
        year_before = value_a_year_earlier(indicator, latest, found)
    return progress(target, latest, unit=indicator.unit, year_before=year_before)
