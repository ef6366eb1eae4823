"""Working days in mainland China: the State Council's holidays and make-up working days (调休)
from the holidays library, the operator's CalendarDay entries winning over it both ways."""

from datetime import date, timedelta

import pytest

from labshare.core.models import CalendarDay
from labshare.core.workdays import MAX_WORKING_DAYS, add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db

D = date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 3, 2), True),  # a Monday
        (D(2026, 3, 7), False),  # a Saturday
        (D(2026, 3, 8), False),  # a Sunday
        (D(2026, 1, 1), False),  # New Year's Day
        (D(2026, 1, 2), False),  # the Friday off, worked on Sunday the 4th
        (D(2026, 1, 4), True),  # that Sunday
        (D(2026, 2, 16), False),  # Spring Festival eve
        (D(2026, 2, 17), False),  # Spring Festival
        (D(2026, 2, 20), False),
        (D(2026, 2, 23), False),  # the Monday off, worked on Saturday the 28th
        (D(2026, 2, 14), True),  # make-up working Saturday before the festival
        (D(2026, 2, 28), True),  # and the one after
        (D(2026, 2, 24), True),  # back to work
        (D(2026, 5, 1), False),  # Labour Day
        (D(2026, 5, 9), True),  # its make-up Saturday
        (D(2026, 10, 1), False),  # National Day week
        (D(2026, 10, 7), False),
        (D(2026, 9, 20), True),  # make-up Sunday
        (D(2026, 10, 10), True),  # make-up Saturday
    ],
)
def test_the_library_knows_holidays_and_make_up_working_days(day, working):
    assert is_workday(day) is working


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 3, 6), False),  # a Friday the operator closed
        (D(2026, 3, 7), True),  # a Saturday the operator opened
        (D(2026, 2, 17), True),  # a holiday worked after all
        (D(2026, 2, 14), False),  # a make-up Saturday called off
    ],
)
def test_the_operators_calendar_day_wins_both_ways(day, working):
    assert is_workday(day) is not working
    CalendarDay.objects.create(date=day, is_workday=working, note="运营方调整")
    assert is_workday(day) is working


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (D(2026, 3, 2), 0, D(2026, 3, 2)),
        (D(2026, 3, 2), 1, D(2026, 3, 3)),
        (D(2026, 3, 2), 5, D(2026, 3, 9)),  # over a weekend
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # from a Saturday
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # the make-up Saturday counts
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # over the whole festival
        (D(2026, 2, 12), 5, D(2026, 2, 26)),  # 13th, 14th, 24th, 25th, 26th
        (D(2026, 2, 12), 7, D(2026, 2, 28)),  # the second make-up Saturday
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # over National Day
        (D(2026, 12, 30), 3, D(2027, 1, 5)),  # into the next year (1 Jan off)
    ],
)
def test_add_workdays_counts_working_days_after_the_start(start, count, due):
    assert add_workdays(start, count) == due


def test_add_workdays_follows_the_operators_calendar(db):
    CalendarDay.objects.create(date=D(2026, 3, 3), is_workday=False)
    CalendarDay.objects.create(date=D(2026, 3, 7), is_workday=True)
    assert add_workdays(D(2026, 3, 2), 1) == D(2026, 3, 4)
    assert add_workdays(D(2026, 3, 2), 4) == D(2026, 3, 7)


def test_a_long_closure_is_followed_to_its_end():
    """The operator closes six weeks (as the Spring Festival of 2020 was extended): the count
    runs past the span of overrides read at first and still obeys them."""
    CalendarDay.objects.bulk_create(
        CalendarDay(date=D(2026, 3, 3) + timedelta(days=n), is_workday=False) for n in range(42)
    )
    assert add_workdays(D(2026, 3, 2), 1) == D(2026, 4, 14)  # 13 April is the last day closed
    assert workdays_between(D(2026, 3, 2), D(2026, 4, 14)) == 1


@pytest.mark.parametrize("count", [-1, MAX_WORKING_DAYS + 1])
def test_add_workdays_refuses_an_absurd_count(count):
    with pytest.raises(ValueError):
        add_workdays(D(2026, 3, 2), count)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (D(2026, 3, 2), D(2026, 3, 2), 0),
        (D(2026, 3, 9), D(2026, 3, 2), 0),  # backwards
        (D(2026, 3, 2), D(2026, 3, 9), 5),
        (D(2026, 2, 13), D(2026, 2, 28), 6),  # 14th, 24th-27th, 28th
        # 261 weekdays, 19 of them holidays, 6 make-up weekend days
        (D(2026, 1, 1), D(2026, 12, 31), 248),
    ],
)
def test_workdays_between_counts_after_start_up_to_end(start, end, days):
    assert workdays_between(start, end) == days


def test_workdays_between_follows_the_operators_calendar():
    CalendarDay.objects.create(date=D(2026, 3, 8), is_workday=True)  # a Sunday
    CalendarDay.objects.create(date=D(2026, 3, 4), is_workday=False)
    assert workdays_between(D(2026, 3, 2), D(2026, 3, 9)) == 5


def test_add_workdays_and_workdays_between_agree_all_year():
    CalendarDay.objects.create(date=D(2026, 6, 1), is_workday=False)
    CalendarDay.objects.create(date=D(2026, 6, 6), is_workday=True)
    for offset in range(0, 365, 3):
        start = D(2026, 1, 1) + timedelta(days=offset)
        for count in (1, 5, 17):
            due = add_workdays(start, count)
            assert is_workday(due), (start, count)
            assert workdays_between(start, due) == count, (start, count)
            assert workdays_between(start, due - timedelta(days=1)) == count - 1, (start, count)
