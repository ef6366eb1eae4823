"""The booking calendars: one week of one or many instruments, laid out for the pages.

Loads a week of many instruments with a fixed number of queries (windows, extra openings,
blackouts, reservations: one query each) and lays the time out in Python with the same interval
rules as `availability`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from labshare.booking import rules as booking_rules
from labshare.booking.availability import combine_open_time, grid_up, local_midnight
from labshare.booking.models import (
    Blackout,
    BookingRules,
    ExtraOpening,
    Reservation,
    WeeklyWindow,
)
from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.core.access import organizations_of
from labshare.core.intervals import Interval, clip, merge, subtract

DAY = timedelta(days=1)
# The calendar grid draws time in rows of this many minutes.
ROW_MINUTES = 5
# Free time is offered in slots of at least this length, so a 5-minute grid stays readable.
MIN_SLOT_MINUTES = 15
# Reservations that show on the provider's calendar (refused and cancelled ones do not hold time).
SHOWN_ON_PROVIDER_CALENDAR = (
    *Reservation.ACTIVE,
    Reservation.Status.COMPLETED,
    Reservation.Status.NO_SHOW,
)


@dataclass(frozen=True)
class Week:
    """Monday to Sunday in the platform's time zone."""

    monday: date

    @classmethod
    def containing(cls, day: date | None) -> "Week":
        day = day or clock.today()
        return cls(day - timedelta(days=day.weekday()))

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=n) for n in range(7)]

    @property
    def start(self) -> datetime:
        return local_midnight(self.monday)

    @property
    def end(self) -> datetime:
        return local_midnight(self.monday + timedelta(days=7))

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def is_current(self) -> bool:
        return self.monday <= clock.today() <= self.sunday


def _during(rows: list, start: datetime, end: datetime) -> list:
    """The reservations or blackouts that overlap [start, end)."""
    return [row for row in rows if row.start < end and row.end > start]


def _clock_text(moment: datetime, day: date) -> str:
    """HH:MM in local time; the midnight that ends the day reads 24:00."""
    local = timezone.localtime(moment)
    if local.date() > day and local.hour == 0 and local.minute == 0:
        return "24:00"
    return f"{local:%H:%M}"


@dataclass
class WeekData:
    """One week of several instruments, loaded with one query per kind of row."""

    week: Week
    windows: dict[int, list[WeeklyWindow]] = field(default_factory=lambda: defaultdict(list))
    openings: dict[int, list[Interval]] = field(default_factory=lambda: defaultdict(list))
    blackouts: dict[int, list[Blackout]] = field(default_factory=lambda: defaultdict(list))
    reservations: dict[int, list[Reservation]] = field(default_factory=lambda: defaultdict(list))

    def open_time(self, instrument_id: int) -> list[Interval]:
        opened, _blackouts = combine_open_time(
            self.windows[instrument_id],
            self.openings[instrument_id],
            [(b.start, b.end) for b in self.blackouts[instrument_id]],
            self.week.start,
            self.week.end,
        )
        return opened


def load_week(instrument_ids: list[int], week: Week, statuses=Reservation.ACTIVE) -> WeekData:
    """Four queries whatever the number of instruments."""
    data = WeekData(week)
    if not instrument_ids:
        return data
    start, end = week.start, week.end
    for window in WeeklyWindow.objects.filter(instrument_id__in=instrument_ids):
        data.windows[window.instrument_id].append(window)
    spans = ExtraOpening.objects.filter(
        instrument_id__in=instrument_ids, start__lt=end, end__gt=start
    )
    for instrument_id, span_start, span_end in spans.values_list("instrument_id", "start", "end"):
        data.openings[instrument_id].append((span_start, span_end))
    blackouts = Blackout.objects.filter(
        instrument_id__in=instrument_ids, start__lt=end, end__gt=start
    )
    for blackout in blackouts.order_by("start"):
        data.blackouts[blackout.instrument_id].append(blackout)
    reservations = (
        Reservation.objects.filter(
            instrument_id__in=instrument_ids, status__in=statuses, start__lt=end, end__gt=start
        )
        .select_related("organization", "user")
        .order_by("start", "id")
    )
    for reservation in reservations:
        data.reservations[reservation.instrument_id].append(reservation)
    return data


# The instrument's calendar


@dataclass
class Segment:
    """A stretch of one day as the calendar draws it."""

    kind: str  # free | unavailable | busy | blackout | closed
    start: datetime
    end: datetime
    start_text: str = ""
    end_text: str = ""
    row_start: int = 1
    row_end: int = 2
    book_end: datetime | None = None  # free slots: the end the booking form proposes
    reservation: Reservation | None = None
    blackout: Blackout | None = None
    show_details: bool = False  # the viewer may see who booked it, or why it is closed


@dataclass
class DayColumn:
    day: date
    segments: list[Segment]
    is_today: bool = False

    @property
    def has_open_time(self) -> bool:
        return any(s.kind in ("free", "unavailable", "busy") for s in self.segments)


@dataclass
class InstrumentWeek:
    instrument: Instrument
    week: Week
    days: list[DayColumn]
    first_hour: int
    last_hour: int
    booking_refusal: str  # why the viewer cannot book, "" if they can

    @property
    def rows(self) -> int:
        return (self.last_hour - self.first_hour) * 60 // ROW_MINUTES

    @property
    def hours(self) -> list[dict]:
        rows_per_hour = 60 // ROW_MINUTES
        hours = []
        for hour in range(self.first_hour, self.last_hour):
            row = (hour - self.first_hour) * rows_per_hour + 1
            hours.append({"text": f"{hour:02d}:00", "row": row, "row_end": row + rows_per_hour})
        return hours


@dataclass
class Viewer:
    """What the person looking at a calendar may see and do."""

    organization_ids: frozenset[int]
    active_organization: object  # the Organization the viewer books for, or None
    is_provider_staff: bool

    @classmethod
    def of(cls, request, instrument: Instrument) -> "Viewer":
        actor = request.actor
        return cls(
            organization_ids=frozenset(organizations_of(actor)),
            active_organization=actor.organization,
            is_provider_staff=booking_rules.is_provider_staff(actor, instrument),
        )

    def may_see_booker(self, reservation: Reservation) -> bool:
        return self.is_provider_staff or reservation.organization_id in self.organization_ids


def slot_minutes(rules: BookingRules) -> int:
    grid = rules.granularity_minutes
    return grid * -(-MIN_SLOT_MINUTES // grid)


def _grid_down(moment: datetime, day_start: datetime, grid: int) -> datetime:
    minutes = int((moment - day_start).total_seconds()) // 60
    return day_start + timedelta(minutes=minutes // grid * grid)


def _free_segments(free: list[Interval], day_start, rules, bookable_from, bookable_until, can_book):
    """Free time cut into bookable slots; what cannot be booked now reads "unavailable"."""
    grid, step = rules.granularity_minutes, slot_minutes(rules)
    proposed = timedelta(minutes=max(step, rules.min_duration_minutes))
    pieces: list[Segment] = []
    for start, end in free:
        cursor = grid_up(start, day_start, grid)
        last = _grid_down(end, day_start, grid)
        if cursor > start:
            pieces.append(Segment("unavailable", start, min(cursor, end)))
        while cursor < last:
            slot_end = min(cursor + timedelta(minutes=step), last)
            ok = can_book and bookable_from <= cursor <= bookable_until
            pieces.append(
                Segment(
                    "free" if ok else "unavailable", cursor, slot_end, book_end=cursor + proposed
                )
            )
            cursor = slot_end
        if max(cursor, start) < end:
            pieces.append(Segment("unavailable", max(cursor, start), end))
    # Neighbouring unavailable pieces read as one.
    joined: list[Segment] = []
    for piece in pieces:
        previous = joined[-1] if joined else None
        if (
            previous
            and piece.kind == previous.kind == "unavailable"
            and previous.end == piece.start
        ):
            previous.end = piece.end
        else:
            joined.append(piece)
    return joined


def _day_segments(day: date, data: WeekData, instrument, opened, rules, viewer, can_book, now):
    day_start, day_end = local_midnight(day), local_midnight(day + DAY)
    reservations = _during(data.reservations[instrument.pk], day_start, day_end)
    busy = [(max(r.start, day_start), min(r.end, day_end)) for r in reservations]
    day_open = clip(opened, day_start, day_end)
    bookable_from = now + timedelta(minutes=rules.lead_time_minutes)
    bookable_until = now + timedelta(days=rules.horizon_days)
    segments = _free_segments(
        subtract(day_open, busy), day_start, rules, bookable_from, bookable_until, can_book
    )
    for reservation, (start, end) in zip(reservations, busy, strict=True):
        shown = viewer.may_see_booker(reservation)
        segments.append(Segment("busy", start, end, reservation=reservation, show_details=shown))
    for blackout in _during(data.blackouts[instrument.pk], day_start, day_end):
        # A reservation made before the blackout stays, and is drawn on top of it.
        for start, end in subtract(
            clip([(blackout.start, blackout.end)], day_start, day_end), busy
        ):
            shown = viewer.is_provider_staff
            segments.append(Segment("blackout", start, end, blackout=blackout, show_details=shown))
    taken = merge([(s.start, s.end) for s in segments])
    segments += [Segment("closed", s, e) for s, e in subtract([(day_start, day_end)], taken)]
    segments.sort(key=lambda s: s.start)
    for segment in segments:
        segment.start_text = _clock_text(segment.start, day)
        segment.end_text = _clock_text(segment.end, day)
    return segments


def _visible_hours(days: list[DayColumn]) -> tuple[int, int]:
    """The hours the grid shows: those with anything but closed time, 08–18 at least."""
    first, last = 8, 18
    for column in days:
        day_start = local_midnight(column.day)
        for segment in column.segments:
            if segment.kind == "closed":
                continue
            first = min(first, int((segment.start - day_start).total_seconds()) // 3600)
            last = max(last, -(-int((segment.end - day_start).total_seconds()) // 3600))
    return first, min(last, 24)


def _place(days: list[DayColumn], first_hour: int, last_hour: int) -> None:
    """Give each segment its grid rows; closed time outside the shown hours is dropped."""
    top, bottom = first_hour * 60, last_hour * 60
    for column in days:
        day_start = local_midnight(column.day)
        placed = []
        for segment in column.segments:
            start = max(int((segment.start - day_start).total_seconds()) // 60, top)
            end = min(-(-int((segment.end - day_start).total_seconds()) // 60), bottom)
            if end <= start:
                continue
            segment.row_start = (start - top) // ROW_MINUTES + 1
            segment.row_end = max(-(-(end - top) // ROW_MINUTES) + 1, segment.row_start + 1)
            placed.append(segment)
        column.segments = placed


def instrument_week(request, instrument: Instrument, week: Week) -> InstrumentWeek:
    """The instrument's week as its calendar shows it to this viewer."""
    viewer = Viewer.of(request, instrument)
    data = load_week([instrument.pk], week)
    rules = booking_rules.rules_for(instrument)
    refusal = booking_rules.why_not_bookable(instrument, viewer.active_organization)
    opened = data.open_time(instrument.pk)
    now, today = clock.now(), clock.today()
    days = [
        DayColumn(
            day,
            _day_segments(day, data, instrument, opened, rules, viewer, not refusal, now),
            is_today=day == today,
        )
        for day in week.days
    ]
    first, last = _visible_hours(days)
    _place(days, first, last)
    return InstrumentWeek(instrument, week, days, first, last, refusal)


# The provider's calendar


@dataclass
class ProviderCell:
    day: date
    open_texts: list[str]
    reservations: list[Reservation]
    blackouts: list[Blackout]


@dataclass
class ProviderRow:
    instrument: Instrument
    cells: list[ProviderCell]


def provider_week(instruments: list[Instrument], week: Week) -> list[ProviderRow]:
    """Rows of instruments × days with their open hours, bookings and blackouts (4 queries)."""
    data = load_week([i.pk for i in instruments], week, statuses=SHOWN_ON_PROVIDER_CALENDAR)
    rows = []
    for instrument in instruments:
        opened = data.open_time(instrument.pk)
        cells = []
        for day in week.days:
            day_start, day_end = local_midnight(day), local_midnight(day + DAY)
            texts = [
                f"{_clock_text(s, day)}–{_clock_text(e, day)}"
                for s, e in clip(opened, day_start, day_end)
            ]
            reservations = _during(data.reservations[instrument.pk], day_start, day_end)
            blackouts = _during(data.blackouts[instrument.pk], day_start, day_end)
            cells.append(ProviderCell(day, texts, reservations, blackouts))
        rows.append(ProviderRow(instrument, cells))
    return rows
