"""Who hears about a reservation, and what they read.

Called by the services inside their transaction; see `labshare.core.notify` for when things leave.
"""

import functools

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from labshare.booking.models import Reservation
from labshare.core.access import holding_users
from labshare.core.notify import Message, notify, notify_all


def in_platform_language(send):
    """Messages are stored and mailed in the platform's language, not in the actor's."""

    @functools.wraps(send)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return send(*args, **kwargs)

    return wrapper


def _when(reservation: Reservation) -> str:
    start = timezone.localtime(reservation.start)
    end = timezone.localtime(reservation.end)
    end_format = "%H:%M" if start.date() == end.date() else "%Y-%m-%d %H:%M"
    return f"{start:%Y-%m-%d %H:%M}–{end.strftime(end_format)}"


def _provider_staff(reservation: Reservation):
    """Those who decide on the provider's bookings: what `notify` needs of them, id and address."""
    return holding_users("booking.approve", reservation.instrument.organization_id)


def _facts(reservation: Reservation) -> dict:
    return {
        "instrument": reservation.instrument.name,
        "when": _when(reservation),
        "organization": reservation.organization.name,
    }


@in_platform_language
def requested(reservation: Reservation) -> None:
    facts = _facts(reservation)
    if reservation.status == Reservation.Status.PENDING:
        notify_all(
            "reservation.requested",
            [
                Message(
                    _provider_staff(reservation),
                    _("New booking request: %(instrument)s, %(when)s") % facts,
                    _(
                        "%(organization)s asks for %(instrument)s at %(when)s."
                        " Please approve or reject it."
                    )
                    % facts,
                    reverse("booking:approval_queue"),
                ),
                Message(
                    [reservation.user],
                    _("Booking request sent: %(instrument)s, %(when)s") % facts,
                    _("The provider will confirm or reject your request."),
                    reverse("booking:my_reservations"),
                ),
            ],
        )
        return
    messages = [
        Message(
            [reservation.user],
            _("Booking confirmed: %(instrument)s, %(when)s") % facts,
            "",
            reverse("booking:my_reservations"),
        )
    ]
    if reservation.organization_id != reservation.instrument.organization_id:
        messages.append(
            Message(
                _provider_staff(reservation),
                _("New booking: %(instrument)s, %(when)s") % facts,
                _("%(organization)s booked %(instrument)s at %(when)s.") % facts,
                reverse("booking:provider_calendar"),
            )
        )
    notify_all("reservation.confirmed", messages)


@in_platform_language
def approved(reservation: Reservation) -> None:
    facts = _facts(reservation)
    notify(
        [reservation.user],
        "reservation.approved",
        _("Booking confirmed: %(instrument)s, %(when)s") % facts,
        _("Your request was approved. Please arrive on time."),
        reverse("booking:my_reservations"),
    )


@in_platform_language
def rejected(reservation: Reservation) -> None:
    facts = {**_facts(reservation), "reason": reservation.decision_note}
    notify(
        [reservation.user],
        "reservation.rejected",
        _("Booking rejected: %(instrument)s, %(when)s") % facts,
        _("Reason: %(reason)s") % facts,
        reverse("booking:my_reservations"),
    )


@in_platform_language
def cancelled(reservation: Reservation, by_provider: bool, actor) -> None:
    facts = {**_facts(reservation), "reason": reservation.decision_note or "—", "actor": actor.user}
    title = _("Booking cancelled: %(instrument)s, %(when)s") % facts
    mine = reverse("booking:my_reservations")
    if by_provider:
        messages = [
            Message(
                [reservation.user],
                title,
                _("The provider cancelled the reservation. Reason: %(reason)s") % facts,
                mine,
            )
        ]
    else:
        messages = [
            Message(
                _provider_staff(reservation),
                title,
                _("%(organization)s cancelled the reservation.") % facts,
                reverse("booking:provider_calendar"),
            )
        ]
        if actor.user is None or actor.user.pk != reservation.user_id:
            messages.append(
                Message(
                    [reservation.user],
                    title,
                    _("%(actor)s of your organization cancelled it.") % facts,
                    mine,
                )
            )
    notify_all("reservation.cancelled", messages)


@in_platform_language
def reminder(reservation: Reservation) -> None:
    facts = _facts(reservation)
    notify(
        [reservation.user],
        "reservation.reminder",
        _("Reminder: %(instrument)s, %(when)s") % facts,
        _("Your reservation starts within 24 hours."),
        reverse("booking:my_reservations"),
    )
