"""Reminders 24 hours before a reservation, sent by `labshare tick` from cron."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.booking import notifications
from labshare.booking.models import Reservation
from labshare.core import clock
from labshare.core.actors import Actor, require_actor
from labshare.core.audit import record
from labshare.core.errors import NotAllowed

logger = logging.getLogger(__name__)

REMINDER_AHEAD = timedelta(hours=24)


def send_due_reminders(actor: Actor) -> int:
    """Remind the booker of every confirmed reservation starting within 24 hours, once each.

    Only the system sends reminders (`labshare tick`).

    Claiming a reservation is a conditional UPDATE, so two ticks running at the same time, or one
    run twice, never remind anybody twice.
    """
    if not require_actor(actor).is_system:
        raise NotAllowed(_("Only the system sends reminders."))
    now = clock.now()
    due = Reservation.objects.filter(
        status=Reservation.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + REMINDER_AHEAD,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        try:
            sent += _remind(actor, pk, now)
        except Exception:
            # One reservation that cannot be reminded (its claim rolls back, so the next tick
            # tries again) must not keep the others from theirs.
            logger.exception("Could not send the reminder for reservation %s", pk)
    return sent


@transaction.atomic
def _remind(actor: Actor, pk: int, now) -> int:
    claimed = Reservation.objects.filter(
        pk=pk, status=Reservation.Status.CONFIRMED, reminder_sent_at__isnull=True
    ).update(reminder_sent_at=now)
    if not claimed:
        return 0
    reservation = Reservation.objects.select_related("instrument", "organization", "user").get(
        pk=pk
    )
    record(actor, "reservation.reminded", reservation)
    notifications.reminder(reservation)
    return 1
