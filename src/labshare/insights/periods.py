"""Periods the dashboards speak of: a month, a quarter, a year, or any run of days.

A period is a run of whole local days, [start, end] inclusive; its moments are
[start 00:00, the day after end 00:00) in the platform's time zone, so a usage record's hours
fall into the local month they were worked in.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def since(self) -> datetime:
        return _midnight(self.start)

    @property
    def until(self) -> datetime:
        return _midnight(self.end + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same shape just before: the month, quarter or year before, else the
        same number of days."""
        if self == month(self.start):
            return month(_months_back(self.start, 1))
        if self == quarter(self.start):
            return quarter(_months_back(self.start, 3))
        if self == year(self.start.year):
            return year(self.start.year - 1)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each cut to the period."""
        parts, first = [], self.start.replace(day=1)
        while first <= self.end:
            following = _months_back(first, -1)
            parts.append(
                Period(max(first, self.start), min(following - timedelta(days=1), self.end))
            )
            first = following
        return parts

    def share_of_year(self) -> float:
        """The part of a year the period is (for the quota hours of a shorter period)."""
        return self.days / (366 if _is_leap(self.start.year) else 365)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _months_back(first: date, count: int) -> date:
    index = first.year * 12 + first.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def month(day: date) -> Period:
    first = day.replace(day=1)
    return Period(first, _months_back(first, -1) - timedelta(days=1))


def quarter(day: date) -> Period:
    first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return Period(first, _months_back(first, -3) - timedelta(days=1))


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31))
