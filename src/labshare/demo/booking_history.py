"""The demo district's booking side: opening hours, rules, qualifications, and a few weeks of
past and coming reservations with their usage records.

History is replayed through the real services with the clock set back (core.clock.frozen), so
every reservation went through request → approval → check-in → check-out like a real one.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from labshare.accounts.models import Organization, User
from labshare.booking import services
from labshare.booking.models import Reservation
from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.core.actors import command_actor
from labshare.core.errors import DomainError

MORNING = (time(8, 30), time(12, 0))
AFTERNOON = (time(13, 30), time(17, 30))
SLOTS = [(time(9, 0), time(11, 0)), (time(14, 0), time(16, 0)), (time(14, 0), time(17, 0))]
RATINGS = [
    (5, "技术员操作规范，数据清楚"),
    (4, "按时上机，样品制备稍慢"),
    (5, ""),
    (3, "预约等待较久"),
]
HISTORY_DAYS = 21
FUTURE_DAYS = 14


def _local(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _open_hours(staff: User, instrument: Instrument, saturday: bool) -> None:
    for weekday in range(5):
        for start, end in (MORNING, AFTERNOON):
            services.add_weekly_window(command_actor(staff), instrument, weekday, start, end)
    if saturday:
        services.add_weekly_window(command_actor(staff), instrument, 5, time(9, 0), time(12, 0))
    self_operated = instrument.booking_mode == Instrument.BookingMode.SELF
    services.update_booking_rules(
        command_actor(staff),
        instrument,
        approval_required=not self_operated,
        lead_time_minutes=120,
        horizon_days=60,
        max_duration_minutes=4 * 60,
    )


def _replay(staff, booker, org, instrument, day: date, slot, outcome: str) -> None:
    """Book a past slot three days ahead, then live it through to its outcome."""
    start, end = _local(day, slot[0]), _local(day, slot[1])
    try:
        with clock.frozen(_local(day - timedelta(days=3), time(10, 0))):
            reservation = services.request_reservation(
                command_actor(booker), instrument, org, start, end, "样品测试"
            )
            if reservation.status == Reservation.Status.PENDING:
                reservation = services.approve_reservation(command_actor(staff), reservation)
            if outcome == "cancelled":
                services.cancel_reservation(command_actor(booker), reservation, "项目时间调整")
                return
        if outcome == "no_show":
            with clock.frozen(end):
                services.mark_no_show(command_actor(staff), reservation)
            return
        with clock.frozen(start - timedelta(minutes=5)):
            services.check_in(command_actor(staff), reservation)
        with clock.frozen(end - timedelta(minutes=10)):
            services.check_out(command_actor(staff), reservation)
        if reservation.pk % 3:  # two users in three rate the session afterwards
            rating, comment = RATINGS[reservation.pk % len(RATINGS)]
            with clock.frozen(end + timedelta(hours=2)):
                services.rate_reservation(command_actor(booker), reservation, rating, comment)
    except DomainError:
        pass  # the slot was taken by an earlier booking of the replay: skip it, as a user would


def _book(booker, org, instrument, day: date, slot, purpose: str) -> Reservation | None:
    """Request a slot of a day as the booker would; None when it is taken or closed."""
    try:
        return services.request_reservation(
            command_actor(booker),
            instrument,
            org,
            _local(day, slot[0]),
            _local(day, slot[1]),
            purpose,
        )
    except DomainError:
        return None


def book_today(provider, staff, bookers) -> None:
    """今日上机 shows work whenever the demo is opened: a morning and an afternoon booking on
    three of the first provider's instruments, booked yesterday (an extra opening on a weekend),
    and the morning one checked in once it has begun."""
    today, now = clock.today(), clock.now()
    instruments = Instrument.objects.filter(organization=provider).order_by("code")[:3]
    for number, instrument in enumerate(instruments):
        booker, org = bookers[number % len(bookers)]
        with clock.frozen(_local(today - timedelta(days=1), time(10, 0))):
            if today.weekday() >= 5:
                services.add_extra_opening(
                    command_actor(staff),
                    instrument,
                    _local(today, MORNING[0]),
                    _local(today, AFTERNOON[1]),
                    "周末加开（演示）",
                )
            booked = []
            for slot in SLOTS[:2]:
                reservation = _book(booker, org, instrument, today, slot, "今日样品测试")
                if reservation is not None and reservation.status == Reservation.Status.PENDING:
                    reservation = services.approve_reservation(command_actor(staff), reservation)
                if reservation is not None:
                    booked.append(reservation)
        if booked and booked[0].start - timedelta(minutes=5) < now < booked[0].end:
            with clock.frozen(booked[0].start - timedelta(minutes=5)):
                services.check_in(command_actor(staff), booked[0])


def load_booking(
    providers, staff_by_provider: dict, bookers: list[tuple[User, Organization]]
) -> None:
    rng = random.Random(20261126)
    today = clock.today()
    instruments = list(
        Instrument.objects.filter(organization__in=providers).order_by("organization_id", "code")
    )
    for number, instrument in enumerate(instruments):
        staff = staff_by_provider[instrument.organization_id]
        _open_hours(staff, instrument, saturday=number % 3 == 0)
        if instrument.booking_mode == Instrument.BookingMode.SELF:
            for user, _org in bookers[:2]:
                services.grant_qualification(
                    command_actor(staff), instrument, user, today + timedelta(days=365)
                )
    busy = [i for i in instruments if i.organization_id == providers[0].pk] + instruments[7::4]
    for instrument in busy:
        staff = staff_by_provider[instrument.organization_id]
        for offset in range(HISTORY_DAYS, 0, -1):
            day = today - timedelta(days=offset)
            if day.weekday() >= 5 or rng.random() < 0.4:
                continue
            booker, org = rng.choice(bookers)
            outcome = rng.choices(["completed", "cancelled", "no_show"], [8, 1, 1])[0]
            _replay(staff, booker, org, instrument, day, rng.choice(SLOTS), outcome)
        for offset in range(1, FUTURE_DAYS + 1):
            day = today + timedelta(days=offset)
            if day.weekday() >= 5 or rng.random() < 0.5:
                continue
            booker, org = rng.choice(bookers)
            reservation = _book(booker, org, instrument, day, rng.choice(SLOTS), "委托测试")
            if reservation is None:
                continue
            if reservation.status == Reservation.Status.PENDING and rng.random() < 0.6:
                services.approve_reservation(command_actor(staff), reservation)
