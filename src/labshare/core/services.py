"""Writes of the core app that are not an audit record themselves."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.core import clock
from labshare.core.access import ensure_person, ensure_platform
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput
from labshare.core.models import CalendarDay, Notification

CALENDAR = "platform.edit_calendar"


@transaction.atomic
def mark_notifications_read(actor: Actor) -> int:
    """Mark every unread notification of the acting person read; returns how many changed."""
    ensure_person(actor, _("Only a person has notifications."))
    return Notification.objects.filter(user=actor.user, read_at__isnull=True).update(
        read_at=clock.now()
    )


def _calendar_date(day) -> date:
    if not isinstance(day, date):
        raise InvalidInput(_("Give a date."), field="date")
    if not 2000 <= day.year <= 2100:
        raise InvalidInput(_("Give a date between 2000 and 2100."), field="date")
    return day


@transaction.atomic
def set_calendar_day(actor: Actor, day: date, is_workday: bool, note: str = "") -> CalendarDay:
    """The operator declares a date a day off or a working day (调休), as announced; it wins over
    the holiday library for that date. Declaring a date again replaces the earlier word."""
    ensure_platform(actor, CALENDAR)
    day = _calendar_date(day)
    note = (note or "").strip()
    if len(note) > 60:
        raise InvalidInput(_("Keep the note within 60 characters."), field="note")
    entry, _created = CalendarDay.objects.update_or_create(
        date=day, defaults={"is_workday": bool(is_workday), "note": note}
    )
    record(actor, "calendar_day.set", entry, is_workday=entry.is_workday, note=note)
    return entry


@transaction.atomic
def clear_calendar_day(actor: Actor, entry: CalendarDay) -> None:
    """Withdraw the operator's word on a date: the holiday library decides it again."""
    ensure_platform(actor, CALENDAR)
    entry = CalendarDay.objects.select_for_update().filter(pk=entry.pk).first()
    if entry is None:
        return
    record(actor, "calendar_day.cleared", entry, is_workday=entry.is_workday)
    entry.delete()
