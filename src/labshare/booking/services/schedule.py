"""Provider staff set when and how their instruments can be booked."""

import uuid
from datetime import date, datetime, time

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.booking.models import Blackout, BookingRules, ExtraOpening, WeeklyWindow
from labshare.booking.rules import check_interval
from labshare.booking.services.common import ensure_staff
from labshare.catalog.models import Instrument
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput
from labshare.core.validation import validate_fields

RULE_FIELDS = (
    "granularity_minutes",
    "min_duration_minutes",
    "max_duration_minutes",
    "lead_time_minutes",
    "horizon_days",
    "approval_required",
    "cancellation_deadline_hours",
)


@transaction.atomic
def update_booking_rules(actor: Actor, instrument: Instrument, **fields) -> BookingRules:
    ensure_staff(actor, instrument, "booking.edit_schedule")
    rules, _created = BookingRules.objects.select_for_update().get_or_create(instrument=instrument)
    changed = [
        name for name in RULE_FIELDS if name in fields and getattr(rules, name) != fields[name]
    ]
    for name in changed:
        setattr(rules, name, fields[name])
    validate_fields(rules, exclude=["instrument"])
    if rules.min_duration_minutes > rules.max_duration_minutes:
        raise InvalidInput(
            _("The shortest reservation cannot be longer than the longest."),
            field="min_duration_minutes",
        )
    for name in ("min_duration_minutes", "max_duration_minutes"):
        if getattr(rules, name) % rules.granularity_minutes:
            raise InvalidInput(_("Durations must be multiples of the slot length."), field=name)
    if changed:
        rules.save(update_fields=[*changed, "updated_at"])
        record(actor, "booking.rules_updated", instrument, fields=changed)
    return rules


@transaction.atomic
def add_weekly_window(
    actor: Actor,
    instrument: Instrument,
    weekday: int,
    start_time: time,
    end_time: time,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> WeeklyWindow:
    ensure_staff(actor, instrument, "booking.edit_schedule")
    if not (end_time > start_time or end_time == time(0)):
        raise InvalidInput(
            _("The window must end after it starts (00:00 means midnight)."), field="end_time"
        )
    if valid_from and valid_until and valid_until < valid_from:
        raise InvalidInput(_("“Valid until” is before “valid from”."), field="valid_until")
    window = WeeklyWindow(
        instrument=instrument,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    validate_fields(window, exclude=["instrument"])
    window.save()
    _windows_changed(instrument)
    record(actor, "booking.window_added", instrument, window=str(window))
    return window


@transaction.atomic
def remove_weekly_window(actor: Actor, window: WeeklyWindow) -> None:
    ensure_staff(actor, window.instrument, "booking.edit_schedule")
    record(actor, "booking.window_removed", window.instrument, window=str(window))
    window.delete()
    _windows_changed(window.instrument)


def _windows_changed(instrument: Instrument) -> None:
    """A new schedule version: every process reads the windows afresh (see weekly_windows)."""
    instrument.schedule_version = uuid.uuid4()
    Instrument.objects.filter(pk=instrument.pk).update(schedule_version=instrument.schedule_version)


@transaction.atomic
def add_extra_opening(
    actor: Actor, instrument: Instrument, start: datetime, end: datetime, note: str = ""
) -> ExtraOpening:
    ensure_staff(actor, instrument, "booking.edit_schedule")
    check_interval(start, end)
    opening = ExtraOpening(instrument=instrument, start=start, end=end, note=note.strip())
    validate_fields(opening, exclude=["instrument"])
    opening.save()
    record(actor, "booking.opening_added", instrument, start=start, end=end)
    return opening


@transaction.atomic
def remove_extra_opening(actor: Actor, opening: ExtraOpening) -> None:
    ensure_staff(actor, opening.instrument, "booking.edit_schedule")
    record(
        actor, "booking.opening_removed", opening.instrument, start=opening.start, end=opening.end
    )
    opening.delete()


@transaction.atomic
def add_blackout(
    actor: Actor, instrument: Instrument, start: datetime, end: datetime, reason: str
) -> Blackout:
    """Close time to new bookings. Existing reservations stay; staff cancel them with a reason."""
    ensure_staff(actor, instrument, "booking.edit_schedule")
    check_interval(start, end)
    if not reason.strip():
        raise InvalidInput(_("Please give a reason (maintenance, internal use …)."), field="reason")
    blackout = Blackout(instrument=instrument, start=start, end=end, reason=reason.strip())
    validate_fields(blackout, exclude=["instrument"])
    blackout.save()
    record(
        actor, "booking.blackout_added", instrument, start=start, end=end, reason=blackout.reason
    )
    return blackout


@transaction.atomic
def remove_blackout(actor: Actor, blackout: Blackout) -> None:
    ensure_staff(actor, blackout.instrument, "booking.edit_schedule")
    record(
        actor,
        "booking.blackout_removed",
        blackout.instrument,
        start=blackout.start,
        end=blackout.end,
    )
    blackout.delete()
