"""When an instrument is open, busy and free.

Open time = weekly windows (in the platform's time zone) + extra openings − blackouts.
Free time = open time − active reservations. All intervals are half-open [start, end).
"""

import functools
import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Value
from django.utils import timezone

from labshare.booking.models import Blackout, ExtraOpening, Reservation, WeeklyWindow
from labshare.catalog.models import Instrument
from labshare.core.intervals import Interval, clip, covers, merge, subtract


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0)))


def grid_up(moment: datetime, day_start: datetime, grid: int) -> datetime:
    """The first point of the slot grid (every `grid` minutes from day_start) at or after moment;
    a fraction of a minute counts (09:00:00.5 → 09:30 on a 30-minute grid)."""
    minutes = math.ceil((moment - day_start) / timedelta(minutes=1))
    return day_start + timedelta(minutes=-(-minutes // grid) * grid)


def window_intervals(windows: list[WeeklyWindow], first: date, last: date) -> list[Interval]:
    """The weekly windows laid out on every local day from first to last inclusive."""
    intervals = []
    day = first
    while day <= last:
        for window in windows:
            if window.weekday != day.weekday():
                continue
            if window.valid_from and day < window.valid_from:
                continue
            if window.valid_until and day > window.valid_until:
                continue
            start = timezone.make_aware(datetime.combine(day, window.start_time))
            if window.end_time == time(0):
                end = local_midnight(day + timedelta(days=1))
            else:
                end = timezone.make_aware(datetime.combine(day, window.end_time))
            intervals.append((start, end))
        day += timedelta(days=1)
    return intervals


@dataclass(frozen=True)
class Schedule:
    """An instrument's time between start and end, split the ways the calendar shows it."""

    start: datetime
    end: datetime
    open: list[Interval]
    blackouts: list[Interval]
    busy: list[Interval]
    free: list[Interval]


def _days(start: datetime, end: datetime) -> tuple[date, date]:
    """The local days whose windows may reach into [start, end): a window of the day before may
    run past midnight into it."""
    return timezone.localtime(start).date() - timedelta(days=1), timezone.localtime(end).date()


def weekly_windows(instrument: Instrument) -> tuple[WeeklyWindow, ...]:
    """The instrument's weekly windows, kept in this process's memory while they are unchanged.

    Every booking request reads them; they change seldom. The key is the instrument's
    schedule_version, which the schedule services renew, so whoever reads the instrument
    afresh gets the windows as they are now, in any process.
    """
    return _windows_of_version(instrument.pk, instrument.schedule_version)


@functools.lru_cache(maxsize=4096)
def _windows_of_version(instrument_id: int, version: uuid.UUID) -> tuple[WeeklyWindow, ...]:
    return tuple(WeeklyWindow.objects.filter(instrument_id=instrument_id))


def _open_intervals(instrument, windows, start: datetime, end: datetime) -> tuple[list, list]:
    # Extra openings and blackouts in one round trip, told apart by a constant column.
    spans = (
        ExtraOpening.objects.filter(instrument=instrument, start__lt=end, end__gt=start)
        .annotate(closed=Value(False))
        .values_list("start", "end", "closed")
        .order_by()
        .union(
            Blackout.objects.filter(instrument=instrument, start__lt=end, end__gt=start)
            .annotate(closed=Value(True))
            .values_list("start", "end", "closed")
            .order_by(),
            all=True,
        )
    )
    extra, closed = [], []
    for span_start, span_end, is_blackout in spans:
        (closed if is_blackout else extra).append((span_start, span_end))
    return combine_open_time(windows, extra, closed, start, end)


def combine_open_time(
    windows, extra: list[Interval], blackouts: list[Interval], start: datetime, end: datetime
) -> tuple[list[Interval], list[Interval]]:
    """(open time, blackouts) within [start, end): weekly windows + extra openings − blackouts.

    The rule itself, without reading anything; the calendars call it with rows they loaded.
    """
    closed = merge(blackouts)
    opened = merge(window_intervals(windows, *_days(start, end)) + extra)
    return clip(subtract(opened, closed), start, end), clip(closed, start, end)


def is_open(instrument: Instrument, start: datetime, end: datetime) -> bool:
    """Whether all of [start, end) is open time, reading no more than the answer needs.

    Blackouts always win over openings. So when the weekly windows alone cover the time, extra
    openings cannot change the answer and one query for a blackout settles it.
    """
    windows = weekly_windows(instrument)
    if covers(window_intervals(windows, *_days(start, end)), start, end):
        return not Blackout.objects.filter(
            instrument=instrument, start__lt=end, end__gt=start
        ).exists()
    opened, _blackouts = _open_intervals(instrument, windows, start, end)
    return covers(opened, start, end)


def schedule(instrument: Instrument, start: datetime, end: datetime) -> Schedule:
    return schedules([instrument.pk], start, end)[instrument.pk]


def schedules(instrument_ids: list[int], start: datetime, end: datetime) -> dict[int, Schedule]:
    """Each instrument's schedule within [start, end), with one query per kind of row whatever
    their number (the catalogue's availability filter asks for a batch of them at once)."""
    windows: dict[int, list] = {}
    for window in WeeklyWindow.objects.filter(instrument_id__in=instrument_ids):
        windows.setdefault(window.instrument_id, []).append(window)
    spans: dict[int, tuple[list, list]] = {}
    for model, closed in ((ExtraOpening, False), (Blackout, True)):
        rows = model.objects.filter(instrument_id__in=instrument_ids, start__lt=end, end__gt=start)
        for instrument_id, span_start, span_end in rows.values_list(
            "instrument_id", "start", "end"
        ):
            spans.setdefault(instrument_id, ([], []))[closed].append((span_start, span_end))
    busy: dict[int, list] = {}
    reservations = Reservation.objects.filter(
        instrument_id__in=instrument_ids,
        status__in=Reservation.ACTIVE,
        start__lt=end,
        end__gt=start,
    )
    for instrument_id, busy_start, busy_end in reservations.values_list(
        "instrument_id", "start", "end"
    ):
        busy.setdefault(instrument_id, []).append((busy_start, busy_end))
    found = {}
    for instrument_id in instrument_ids:
        extra, blackouts = spans.get(instrument_id, ([], []))
        opened, closed = combine_open_time(
            windows.get(instrument_id, []), extra, blackouts, start, end
        )
        taken = clip(merge(busy.get(instrument_id, [])), start, end)
        found[instrument_id] = Schedule(start, end, opened, closed, taken, subtract(opened, taken))
    return found


def free_intervals(instrument: Instrument, start: datetime, end: datetime) -> list[Interval]:
    """Open time minus blackouts minus active reservations, within [start, end)."""
    return schedule(instrument, start, end).free


def free_time(instrument_ids: list[int], start: datetime, end: datetime) -> dict[int, list]:
    """free_intervals of many instruments; those without free time are left out."""
    return {pk: s.free for pk, s in schedules(instrument_ids, start, end).items() if s.free}
