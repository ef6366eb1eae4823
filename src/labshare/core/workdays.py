"""Working days in mainland China: the one calendar every deadline is counted in.

The `holidays` package knows the State Council's public holidays and the weekend days that are
worked instead (调休). Each year's schedule is published late, so the operator's CalendarDay
table wins over it for the dates it names. A turnaround of N working days from a date is the
N-th working day after that date.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

from labshare.core.models import CalendarDay

# A longest deadline: nothing waits more than a year of working days.
MAX_WORKING_DAYS = 260


@lru_cache(maxsize=32)
def library_year(year: int, language: str = "zh_CN") -> tuple[dict[date, str], frozenset[date]]:
    """The library's days off of the year with their names, and its worked weekend days."""
    calendar = holidays.China(years=year, language=language)
    worked = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return dict(calendar.items()), worked


class WorkdayCalendar:
    """The calendar for a span of dates, with the operator's overrides read once."""

    def __init__(self, first: date, last: date):
        self.first, self.last = first, last
        self.overrides = self._read(first, last)

    @staticmethod
    def _read(first: date, last: date) -> dict[date, bool]:
        return dict(
            CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "is_workday")
        )

    def _cover(self, day: date) -> None:
        """Read the overrides past the span asked for when a count runs beyond it (a long closure
        the operator declared, such as an extended Spring Festival)."""
        if day > self.last:
            last = max(day, self.last + timedelta(days=60))
            self.overrides |= self._read(self.last + timedelta(days=1), last)
            self.last = last
        elif day < self.first:
            self.overrides |= self._read(day, self.first - timedelta(days=1))
            self.first = day

    def is_workday(self, day: date) -> bool:
        self._cover(day)
        if day in self.overrides:
            return self.overrides[day]
        days_off, worked_weekends = library_year(day.year)
        if day in worked_weekends:
            return True
        return day.weekday() < 5 and day not in days_off


def is_workday(day: date) -> bool:
    return WorkdayCalendar(day, day).is_workday(day)


def add_workdays(start: date, count: int) -> date:
    """The count-th working day after start (start itself not counted; 0 → start)."""
    if not 0 <= count <= MAX_WORKING_DAYS:
        raise ValueError("count out of range")
    calendar = WorkdayCalendar(start, start + timedelta(days=2 * count + 30))
    day, left = start, count
    while left:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            left -= 1
    return day


def workdays_between(start: date, end: date) -> int:
    """The working days after start up to and including end (0 when end <= start)."""
    if end <= start:
        return 0
    calendar = WorkdayCalendar(start, end)
    return sum(
        calendar.is_workday(start + timedelta(days=offset))
        for offset in range(1, (end - start).days + 1)
    )
