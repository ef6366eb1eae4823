"""The reservation state machine: one service per transition, each checking role and state.

pending → confirmed → in_use → completed; pending → rejected; pending|confirmed → cancelled;
confirmed → no_show. See Reservation.TRANSITIONS.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.booking import notifications, rules
from labshare.booking.models import (
    MAX_EFFECTIVE_MINUTES,
    Reservation,
    UsageRecord,
    elapsed_minutes,
)
from labshare.booking.services.common import ensure_recorder, ensure_staff, ensure_transition
from labshare.booking.services.usage import write_usage
from labshare.catalog import user_profile
from labshare.catalog.models import Instrument
from labshare.core import charging, clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed

# What a booking request reads of the instrument: fresh state, not the whole national record.
BOOKING_FIELDS = (
    "organization_id",
    "name",
    "is_published",
    "retired_at",
    "sharing_mode",
    "running_status",
    "booking_mode",
    "schedule_version",
)


def request_reservation(
    actor: Actor,
    instrument: Instrument,
    organization: Organization,
    start: datetime,
    end: datetime,
    purpose: str = "",
    funding_source: str = "",
    subject_areas=(),
) -> Reservation:
    """Ask for [start, end) of an instrument for the actor's organization (with what the
    national service record asks of the user: a funding source and up to four subject areas).

    Nobody books time that an active reservation holds. That is the commonest refusal and the
    cheapest, so it is answered first, with one query. The rest runs in one transaction under
    the instrument's row lock (on SQLite: the database's write lock): the instrument is read
    afresh under it, so a withdrawn or retired instrument (those services update its row) is
    not booked, and no other request for it can slip between the overlap check and the insert.
    """
    ensure_can(actor, "booking.request", organization.pk)
    ensure_person(actor, _("A reservation is made by a person."))
    rules.check_interval(start, end)
    funding_source = user_profile.clean_funding(funding_source)
    subject_areas = user_profile.clean_subject_areas(subject_areas)
    rules.check_free(instrument.pk, start, end)
    try:
        with transaction.atomic():
            instrument = (
                # Only the instrument's row: PostgreSQL cannot lock the nullable side of the
                # outer join to its booking rules.
                Instrument.objects.select_for_update(of=("self",))
                .select_related("booking_rules")
                .only(*BOOKING_FIELDS, "booking_rules")
                .get(pk=instrument.pk)
            )
            # Again under the lock: a request that waited for it has often lost the race.
            rules.check_free(instrument.pk, start, end)
            reservation = _allowed_reservation(actor, instrument, organization, start, end)
            reservation.purpose = purpose.strip()[:200]
            reservation.funding_source, reservation.subject_areas = funding_source, subject_areas
            reservation.save()
            record(actor, "reservation.requested", reservation, status=reservation.status)
            notifications.requested(reservation)
    except IntegrityError as exc:
        # The database's no-overlap rule is the backstop behind the check above.
        if "reservation_no_overlap" in str(exc):
            raise rules.overlap_error() from exc
        raise
    return reservation


def _allowed_reservation(
    actor: Actor, instrument: Instrument, organization: Organization, start: datetime, end: datetime
) -> Reservation:
    """The reservation the rules allow, unsaved: confirmed at once or waiting for approval.

    Customers must respect the booking rules and the open time; the provider's own staff book
    any free time and are confirmed at once.
    """
    staff = rules.books_as_provider(actor, instrument, organization)
    rules.check_bookable(instrument, organization)
    booking_rules = rules.rules_for(instrument)
    rules.check_shape(booking_rules, start, end)
    rules.check_not_past(end, clock.now())
    if not staff:
        rules.check_timing(booking_rules, start, clock.now())
        rules.check_open(instrument, start, end)
        rules.check_qualified(instrument, actor.user, timezone.localdate(start))
    confirmed = staff or not booking_rules.approval_required
    return Reservation(
        instrument=instrument,
        organization=organization,
        user=actor.user,
        start=start,
        end=end,
        status=Reservation.Status.CONFIRMED if confirmed else Reservation.Status.PENDING,
    )


def _locked(reservation: Reservation) -> Reservation:
    return (
        Reservation.objects.select_for_update()
        .select_related("instrument", "organization", "user")
        .get(pk=reservation.pk)
    )


def _move(
    actor: Actor, reservation: Reservation, status: str, fields: list[str], verb: str, **data
) -> Reservation:
    reservation.status = status
    reservation.save(update_fields=["status", *fields, "updated_at"])
    record(actor, verb, reservation, **data)
    return reservation


@transaction.atomic
def approve_reservation(actor: Actor, reservation: Reservation) -> Reservation:
    reservation = _locked(reservation)
    ensure_staff(actor, reservation.instrument, "booking.approve")
    ensure_transition(reservation, Reservation.Status.CONFIRMED)
    if reservation.end <= clock.now():
        raise InvalidState(
            _("This request is for time that is over; reject it instead."), code="past"
        )
    reservation.decided_by = actor.user
    _move(actor, reservation, Reservation.Status.CONFIRMED, ["decided_by"], "reservation.approved")
    notifications.approved(reservation)
    return reservation


@transaction.atomic
def reject_reservation(actor: Actor, reservation: Reservation, reason: str) -> Reservation:
    reservation = _locked(reservation)
    ensure_staff(actor, reservation.instrument, "booking.approve")
    ensure_transition(reservation, Reservation.Status.REJECTED)
    if not reason.strip():
        raise InvalidInput(
            _("Please tell the customer why the request is rejected."), field="reason"
        )
    reservation.decided_by = actor.user
    reservation.decision_note = reason.strip()[:200]
    _move(
        actor,
        reservation,
        Reservation.Status.REJECTED,
        ["decided_by", "decision_note"],
        "reservation.rejected",
        reason=reservation.decision_note,
    )
    notifications.rejected(reservation)
    return reservation


@transaction.atomic
def cancel_reservation(
    actor: Actor, reservation: Reservation, reason: str = "", *, late_fee: bool = False
) -> Reservation:
    """Customers cancel before the instrument's deadline; provider staff any time, with a reason.

    Past the deadline a customer asks the provider, whose staff cancel with late_fee when the
    customer is to pay the instrument's late-cancellation fee (billing charges it)."""
    reservation = _locked(reservation)
    side = rules.cancels_as(actor, reservation)
    if side is None:
        raise NotAllowed(
            _("Only the booker, their organization's administrator or the provider may cancel.")
        )
    ensure_transition(reservation, Reservation.Status.CANCELLED)
    by_provider = side == "provider"
    if by_provider and not reason.strip():
        raise InvalidInput(
            _("Please tell the customer why the reservation is cancelled."), field="reason"
        )
    if not by_provider and rules.customer_too_late_to_cancel(reservation, clock.now()):
        raise InvalidState(
            _("It is too late to cancel online; please call the provider."), code="too_late"
        )
    if late_fee and not (
        by_provider and rules.customer_too_late_to_cancel(reservation, clock.now())
    ):
        raise InvalidInput(
            _("A late-cancellation fee applies only to a confirmed reservation past its deadline."),
            field="late_fee",
        )
    reservation.decision_note = reason.strip()[:200]
    _move(
        actor,
        reservation,
        Reservation.Status.CANCELLED,
        ["decision_note"],
        "reservation.cancelled",
        reason=reservation.decision_note,
        by_provider=by_provider,
        late_fee=late_fee,
    )
    if late_fee:
        charging.delivered(actor, charging.LATE_CANCELLATION, reservation=reservation)
    notifications.cancelled(reservation, by_provider, actor)
    return reservation


@transaction.atomic
def check_in(actor: Actor, reservation: Reservation) -> Reservation:
    """Staff hand the instrument over: the reservation is in use from now."""
    reservation = _locked(reservation)
    ensure_staff(actor, reservation.instrument, "booking.operate")
    ensure_transition(reservation, Reservation.Status.IN_USE)
    now = clock.now()
    if not rules.check_in_open(reservation, now):
        raise InvalidState(
            _("Check-in opens 30 minutes before the start and closes at the end."),
            code="check_in_window",
        )
    reservation.checked_in_at = now
    return _move(
        actor, reservation, Reservation.Status.IN_USE, ["checked_in_at"], "reservation.checked_in"
    )


@transaction.atomic
def check_out(
    actor: Actor,
    reservation: Reservation,
    effective_minutes: int | None = None,
    reason: str = "",
) -> UsageRecord:
    """Staff take the instrument back; the time used becomes a usage record (有效机时).

    The effective time is the elapsed time unless staff correct it (preparation before the
    check-in counts, idle time does not); a correction needs a reason, kept with the record
    and in the audit trail."""
    reason = reason.strip()
    if effective_minutes is not None and not 0 <= effective_minutes <= MAX_EFFECTIVE_MINUTES:
        raise InvalidInput(
            _("The effective time must lie between 0 and %(max)d minutes.")
            % {"max": MAX_EFFECTIVE_MINUTES},
            field="effective_minutes",
        )
    reservation = _locked(reservation)
    ensure_staff(actor, reservation.instrument, "booking.operate")
    ensure_recorder(actor)
    ensure_transition(reservation, Reservation.Status.COMPLETED)
    if UsageRecord.objects.filter(reservation=reservation).exists():
        raise Conflict(
            _(
                "Usage of this reservation was already entered by hand; it cannot be checked out again."
            ),
            code="usage_exists",
        )
    now = clock.now()
    reservation.checked_out_at = max(now, reservation.checked_in_at + timedelta(minutes=1))
    elapsed = elapsed_minutes(reservation.checked_in_at, reservation.checked_out_at)
    if effective_minutes == elapsed:
        effective_minutes = None
    if effective_minutes is not None and not reason:
        raise InvalidInput(
            _("Say why the effective time differs from the %(elapsed)d minutes elapsed.")
            % {"elapsed": elapsed},
            field="reason",
        )
    _move(
        actor,
        reservation,
        Reservation.Status.COMPLETED,
        ["checked_out_at"],
        "reservation.checked_out",
    )
    usage = write_usage(
        actor,
        reservation.instrument,
        reservation=reservation,
        user_organization=reservation.organization,
        operator=actor.user,
        start=reservation.checked_in_at,
        end=reservation.checked_out_at,
        source=UsageRecord.Source.CHECKOUT,
        effective_minutes=effective_minutes,
        adjustment_reason=reason if effective_minutes is not None else "",
    )
    charging.delivered(actor, charging.COMPLETED, reservation=reservation)
    return usage


@transaction.atomic
def mark_no_show(actor: Actor, reservation: Reservation) -> Reservation:
    reservation = _locked(reservation)
    ensure_staff(actor, reservation.instrument, "booking.operate")
    ensure_transition(reservation, Reservation.Status.NO_SHOW)
    if clock.now() < reservation.start:
        raise InvalidState(_("A no-show can only be recorded after the start."), code="not_started")
    _move(actor, reservation, Reservation.Status.NO_SHOW, [], "reservation.no_show")
    charging.delivered(actor, charging.NO_SHOW, reservation=reservation)
    return reservation
