"""The checks a reservation request must pass, each refusing with its own reason.

Every refusal is a DomainError with a stable `code`, so pages, the API and tests can tell the
reasons apart: not_bookable, not_member, bad_interval, granularity, too_short, too_long,
lead_time, horizon, closed, qualification, overlap.
"""

from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from labshare.booking.availability import is_open
from labshare.booking.models import BookingRules, Qualification, Reservation
from labshare.catalog.models import Instrument
from labshare.core.access import can, grants_of, organizations_of
from labshare.core.actors import Actor, require_actor
from labshare.core.errors import Conflict, DomainError, InvalidInput, InvalidState, NotAllowed

BOOKABLE_STATUSES = {
    Instrument.RunningStatus.NORMAL,
    Instrument.RunningStatus.STANDBY,
    Instrument.RunningStatus.REMOTE,
    Instrument.RunningStatus.OCCASIONAL_FAULT,
}


def rules_for(instrument: Instrument) -> BookingRules:
    """The instrument's rules; the defaults when its provider has not set any."""
    try:
        return instrument.booking_rules
    except BookingRules.DoesNotExist:
        return BookingRules(instrument=instrument)


def is_provider_staff(actor: Actor, instrument: Instrument) -> bool:
    """Whether the actor decides on the instrument's bookings (booking.approve at its provider)."""
    return can(actor, "booking.approve", instrument.organization_id) and not actor.is_system


def may_operate(user, instrument: Instrument) -> bool:
    """Whether a person (not the actor: the one named as operator) runs the instrument for its
    provider, i.e. holds booking.operate there."""
    return "booking.operate" in grants_of(user).get(instrument.organization_id, ())


def books_as_provider(actor: Actor, instrument: Instrument, organization) -> bool:
    """Provider staff booking for their own organization: free of the customers' rules.

    Staff privileges belong to the organization that books, not to the person: a technician who
    also works for a customer books for that customer like any customer.
    """
    return organization.pk == instrument.organization_id and is_provider_staff(actor, instrument)


def check_bookable(instrument: Instrument, organization) -> None:
    """Whether the organization (None: a visitor looking) may book the instrument at all."""
    own = organization is not None and instrument.organization_id == organization.pk
    if organization is not None and not own and not organization.is_customer:
        # The platform operator runs the platform; it does not rent instruments.
        raise NotAllowed(
            _("Your organization is not registered as a customer."), code="not_customer"
        )
    shared = instrument.sharing_mode == Instrument.SharingMode.EXTERNAL or (
        own and instrument.sharing_mode == Instrument.SharingMode.INTERNAL
    )
    if not instrument.is_public or not shared:
        raise NotAllowed(_("This instrument is not open for booking."), code="not_bookable")
    if instrument.running_status not in BOOKABLE_STATUSES:
        raise InvalidState(
            _("This instrument cannot be booked while it is “%(status)s”.")
            % {"status": instrument.get_running_status_display()},
            code="not_bookable",
        )


def cancels_as(actor: Actor, reservation: Reservation) -> str | None:
    """ "provider" for the instrument's staff, "customer" for the booker or those who may cancel
    any reservation of the booking organization, None for anybody else: who may cancel, and under
    which rule. The platform itself cancels as the provider would (with a reason), as when a
    test order whose time was booked is cancelled."""
    if require_actor(actor).is_system or is_provider_staff(actor, reservation.instrument):
        return "provider"
    if reservation.organization_id not in organizations_of(actor):
        return None
    own = actor.user is not None and reservation.user_id == actor.user.pk
    if own or can(actor, "booking.cancel_any", reservation.organization_id):
        return "customer"
    return None


def customer_too_late_to_cancel(reservation: Reservation, now: datetime) -> bool:
    """Past the cancellation deadline. A request still pending can always be withdrawn."""
    if reservation.status != Reservation.Status.CONFIRMED:
        return False
    deadline = timedelta(hours=rules_for(reservation.instrument).cancellation_deadline_hours)
    return now > reservation.start - deadline


def why_not_bookable(instrument: Instrument, organization) -> str:
    """Why the organization cannot book the instrument, or "" when it can (no query)."""
    try:
        check_bookable(instrument, organization)
    except DomainError as error:
        return str(error.message)
    return ""


def check_interval(start: datetime, end: datetime) -> None:
    """Times with a zone, the start before the end: what every other check takes for granted."""
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidInput(_("Times must carry a time zone."), code="bad_interval")
    if end <= start:
        raise InvalidInput(_("The end must be after the start."), field="end", code="bad_interval")


def check_shape(rules: BookingRules, start: datetime, end: datetime) -> None:
    """A proper interval, on the slot grid, and within the allowed duration."""
    check_interval(start, end)
    grid = rules.granularity_minutes
    for moment, field in ((start, "start"), (end, "end")):
        local = timezone.localtime(moment)
        if local.second or local.microsecond or (local.hour * 60 + local.minute) % grid:
            raise InvalidInput(
                _("Times must fall on the %(minutes)d-minute grid (e.g. 09:00, 09:%(minutes)02d).")
                % {"minutes": grid},
                field=field,
                code="granularity",
            )
    minutes = (end - start).total_seconds() / 60
    if minutes < rules.min_duration_minutes:
        raise InvalidInput(
            _("A reservation lasts at least %(minutes)d minutes.")
            % {"minutes": rules.min_duration_minutes},
            field="end",
            code="too_short",
        )
    if minutes > rules.max_duration_minutes:
        raise InvalidInput(
            _("A reservation lasts at most %(hours)s hours.")
            % {"hours": f"{rules.max_duration_minutes / 60:g}"},
            field="end",
            code="too_long",
        )


def check_not_past(end: datetime, now: datetime) -> None:
    """Nobody books time that is over; staff may still enter a session that is running."""
    if end <= now:
        raise InvalidInput(_("This time is already over."), field="end", code="past")


def check_timing(rules: BookingRules, start: datetime, now: datetime) -> None:
    if start < now + timedelta(minutes=rules.lead_time_minutes):
        raise InvalidInput(
            _("Book at least %(minutes)d minutes ahead.") % {"minutes": rules.lead_time_minutes},
            field="start",
            code="lead_time",
        )
    if start > now + timedelta(days=rules.horizon_days):
        raise InvalidInput(
            _("Bookings open at most %(days)d days ahead.") % {"days": rules.horizon_days},
            field="start",
            code="horizon",
        )


def check_open(instrument: Instrument, start: datetime, end: datetime) -> None:
    if not is_open(instrument, start, end):
        raise InvalidInput(
            _(
                "The instrument is not open for the whole of this time; choose a free slot in the calendar."
            ),
            field="start",
            code="closed",
        )


def current_qualification(instrument: Instrument, user) -> Qualification | None:
    return Qualification.objects.filter(
        instrument=instrument, user=user, revoked_at__isnull=True
    ).first()


def is_qualified(instrument: Instrument, user, day) -> bool:
    current = current_qualification(instrument, user)
    return current is not None and current.is_valid_on(day)


def check_qualified(instrument: Instrument, user, day) -> None:
    if instrument.booking_mode != Instrument.BookingMode.SELF:
        return
    if not is_qualified(instrument, user, day):
        raise NotAllowed(
            _(
                "This instrument is operated by qualified users only; ask the provider for training."
            ),
            code="qualification",
        )


# The overlap test runs on every request, and twice on one that succeeds (before the other checks
# and again under the lock). Written once here as plain SQL it costs a third of the same ORM
# query, which `labshare bench booking` shows in the service's throughput. It asks exactly what
# the database's no-overlap rule asks: an active reservation of the instrument within [start, end).
# Times are adapted as the ORM stores them (UTC text on SQLite), so they must carry a zone.
ACTIVE_VALUES = [status.value for status in Reservation.ACTIVE]
HELD_SQL = (
    f"SELECT 1 FROM {Reservation._meta.db_table}"  # noqa: S608 - constants only, no input
    f' WHERE "instrument_id" = %s AND "status" IN ({", ".join(["%s"] * len(ACTIVE_VALUES))})'
    ' AND "start" < %s AND "end" > %s LIMIT 1'
)


def time_is_held(instrument_id: int, start: datetime, end: datetime) -> bool:
    """Whether an active reservation of the instrument holds any of [start, end)."""
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(HELD_SQL, [instrument_id, *ACTIVE_VALUES, adapt(end), adapt(start)])
        return cursor.fetchone() is not None


CHECK_IN_EARLY = timedelta(minutes=30)


def check_in_open(reservation: Reservation, now: datetime) -> bool:
    """Check-in opens 30 minutes before the start and closes at the end."""
    return reservation.start - CHECK_IN_EARLY <= now < reservation.end


def check_free(instrument_id: int, start: datetime, end: datetime) -> None:
    """Refuse [start, end) when an active reservation of the instrument holds any of it."""
    if time_is_held(instrument_id, start, end):
        raise overlap_error()


def overlap_error() -> Conflict:
    return Conflict(
        _("This time slot is already booked; please choose another."), field="start", code="overlap"
    )
