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
    instrument = reservation.instrument
    return {
        "instrument": instrument.name,
        "when": _when(reservation),
        "organization": reservation.organization.name,
        "provider": instrument.organization.name,
        "room": instrument.room or "—",
        "status": reservation.get_status_display(),
    }


def _body(reservation: Reservation, lead: str, next_step: str) -> str:
    """Every message says what happened, the facts of the reservation, and what to do next."""
    facts = _facts(reservation)
    lines = [
        lead,
        "",
        _("Instrument: %(instrument)s (%(provider)s, room %(room)s)") % facts,
        _("Time: %(when)s") % facts,
        _("Booked by: %(organization)s") % facts,
        _("Status: %(status)s") % facts,
    ]
    if reservation.purpose:
        lines.append(_("Purpose: %(purpose)s") % {"purpose": reservation.purpose})
    lines += ["", _("Next: %(step)s") % {"step": next_step}]
    return "\n".join(lines)


def _link(reservation: Reservation) -> str:
    return reverse("booking:reservation_detail", args=[reservation.pk])


@in_platform_language
def requested(reservation: Reservation) -> None:
    facts = _facts(reservation)
    link = _link(reservation)
    if reservation.status == Reservation.Status.PENDING:
        notify_all(
            "reservation.requested",
            [
                Message(
                    _provider_staff(reservation),
                    _("New booking request: %(instrument)s, %(when)s") % facts,
                    _body(
                        reservation,
                        _("%(organization)s asks for %(instrument)s at %(when)s.") % facts,
                        _("Approve or reject it in the approval queue; the customer is waiting."),
                    ),
                    link,
                ),
                Message(
                    [reservation.user],
                    _("Booking request sent: %(instrument)s, %(when)s") % facts,
                    _body(
                        reservation,
                        _("Your request was sent to %(provider)s.") % facts,
                        _("Wait for the provider's decision; you will get a message either way."),
                    ),
                    link,
                ),
            ],
        )
        return
    messages = [
        Message(
            [reservation.user],
            _("Booking confirmed: %(instrument)s, %(when)s") % facts,
            _body(
                reservation,
                _("Your reservation is confirmed.") % facts,
                _("Come on time with your samples; cancel in time if your plans change."),
            ),
            link,
        )
    ]
    if reservation.organization_id != reservation.instrument.organization_id:
        messages.append(
            Message(
                _provider_staff(reservation),
                _("New booking: %(instrument)s, %(when)s") % facts,
                _body(
                    reservation,
                    _("%(organization)s booked %(instrument)s at %(when)s.") % facts,
                    _("Prepare the instrument; check the user in when they arrive."),
                ),
                link,
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
        _body(
            reservation,
            _("%(provider)s approved your request.") % facts,
            _("Come on time with your samples; cancel in time if your plans change."),
        ),
        _link(reservation),
    )


@in_platform_language
def rejected(reservation: Reservation) -> None:
    facts = {**_facts(reservation), "reason": reservation.decision_note}
    notify(
        [reservation.user],
        "reservation.rejected",
        _("Booking rejected: %(instrument)s, %(when)s") % facts,
        _body(
            reservation,
            _("%(provider)s rejected your request. Reason: %(reason)s") % facts,
            _("Choose another time on the instrument's calendar, or contact the provider."),
        ),
        _link(reservation),
    )


@in_platform_language
def cancelled(reservation: Reservation, by_provider: bool, actor) -> None:
    facts = {**_facts(reservation), "reason": reservation.decision_note or "—", "actor": actor.user}
    title = _("Booking cancelled: %(instrument)s, %(when)s") % facts
    link = _link(reservation)
    rebook = _("Book another time on the instrument's calendar if you still need it.")
    if by_provider:
        messages = [
            Message(
                [reservation.user],
                title,
                _body(
                    reservation,
                    _("The provider cancelled the reservation. Reason: %(reason)s") % facts,
                    rebook,
                ),
                link,
            )
        ]
    else:
        messages = [
            Message(
                _provider_staff(reservation),
                title,
                _body(
                    reservation,
                    _("%(organization)s cancelled the reservation. Reason: %(reason)s") % facts,
                    _("The time is free again for other bookings; nothing else to do."),
                ),
                link,
            )
        ]
        if actor.user is None or actor.user.pk != reservation.user_id:
            messages.append(
                Message(
                    [reservation.user],
                    title,
                    _body(
                        reservation,
                        _("%(actor)s of your organization cancelled it.") % facts,
                        rebook,
                    ),
                    link,
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
        _body(
            reservation,
            _("Your reservation starts within 24 hours.") % facts,
            _("Come on time with your samples, or cancel now if you cannot."),
        ),
        _link(reservation),
    )
