"""Reads of the booking pages: the lists, the buttons each side sees, rules and cost summaries.

Writes never happen here; the calendars are in `calendar`.
"""

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from labshare.booking import rules as booking_rules
from labshare.booking.availability import local_midnight
from labshare.booking.calendar import DAY, SHOWN_ON_PROVIDER_CALENDAR
from labshare.booking.models import (
    BookingRules,
    Qualification,
    Reservation,
    Satisfaction,
    TrainingRequest,
    UsageRecord,
)
from labshare.catalog.models import Instrument
from labshare.core import clock


def provider_instruments(organization) -> QuerySet:
    return Instrument.objects.filter(organization=organization, retired_at__isnull=True).order_by(
        "name_sort", "id"
    )


def provider_reservation(organization, pk: int) -> Reservation | None:
    """Reservation number pk, if it is for one of the provider's instruments."""
    return Reservation.objects.filter(pk=pk, instrument__organization=organization).first()


# Lists


RESERVATION_LIST = Reservation.objects.select_related(
    "instrument__organization", "instrument__booking_rules", "organization", "user"
)
SHOWS = ("upcoming", "past", "cancelled", "all")


def customer_reservations(organization, show: str) -> QuerySet:
    """Upcoming: active and not yet over; past: over or done; cancelled: cancelled or rejected
    (never among the upcoming ones); all."""
    now = clock.now()
    reservations = RESERVATION_LIST.filter(organization=organization)
    called_off = (Reservation.Status.CANCELLED, Reservation.Status.REJECTED)
    if show == "upcoming":
        upcoming = reservations.filter(end__gt=now, status__in=Reservation.ACTIVE)
        return upcoming.order_by("start", "id")
    if show == "past":
        past = reservations.exclude(status__in=called_off).exclude(
            end__gt=now, status__in=Reservation.ACTIVE
        )
        return past.order_by("-start", "-id")
    if show == "cancelled":
        return reservations.filter(status__in=called_off).order_by("-start", "-id")
    return reservations.order_by("-start", "-id")


def pending_for_provider(organization) -> QuerySet:
    """Requests waiting for the provider's decision, oldest first."""
    return RESERVATION_LIST.filter(
        instrument__organization=organization, status=Reservation.Status.PENDING
    ).order_by("created_at", "id")


def today_for_provider(organization) -> QuerySet:
    today = clock.today()
    start, end = local_midnight(today), local_midnight(today + DAY)
    return RESERVATION_LIST.filter(
        instrument__organization=organization,
        status__in=SHOWN_ON_PROVIDER_CALENDAR,
        start__lt=end,
        end__gt=start,
    ).order_by("start", "id")


def qualifications_of(instrument) -> QuerySet:
    """Current qualifications first, then revoked ones, newest first within each."""
    return (
        Qualification.objects.filter(instrument=instrument)
        .select_related("user", "granted_by")
        .order_by(F("revoked_at").desc(nulls_first=True), "-granted_at", "-id")
    )


def upcoming_spans(model, instrument) -> QuerySet:
    """Extra openings or blackouts that have not ended yet."""
    return model.objects.filter(instrument=instrument, end__gt=clock.now()).order_by("start")[:100]


def satisfaction_of(reservation: Reservation) -> Satisfaction | None:
    return Satisfaction.objects.filter(reservation=reservation).first()


def may_rate(reservation: Reservation) -> bool:
    """Whether the reservation is one its booking organization may rate (the service decides)."""
    return (
        reservation.status == Reservation.Status.COMPLETED
        and reservation.organization_id != reservation.instrument.organization_id
    )


def usage_of(reservation: Reservation) -> UsageRecord | None:
    """The usage record a completed reservation left, if any."""
    if reservation.status != Reservation.Status.COMPLETED:
        return None
    return UsageRecord.objects.filter(reservation=reservation).first()


def usage_prefill(organization, number: str) -> dict:
    """Initial usage-form values from one of the provider's reservations (?reservation=<number>)."""
    if not (number.isascii() and number.isdigit() and len(number) <= 18):
        return {}
    reservation = provider_reservation(organization, int(number))
    if reservation is None:
        return {}
    return {
        "instrument": reservation.instrument_id,
        "user_organization": reservation.organization_id,
        "reservation": reservation.pk,
        "start": reservation.checked_in_at or reservation.start,
        "end": reservation.checked_out_at or reservation.end,
    }


# What a viewer may do with a reservation (the services decide; these only choose buttons)


def customer_may_cancel(reservation: Reservation, actor) -> bool:
    """Whether to offer the customer's cancel button: the service's own rules, asked beforehand."""
    return (
        reservation.can_move_to(Reservation.Status.CANCELLED)
        and booking_rules.cancels_as(actor, reservation) == "customer"
        and not booking_rules.customer_too_late_to_cancel(reservation, clock.now())
    )


def staff_actions(reservation: Reservation) -> set[str]:
    """The provider staff's buttons for the reservation in its state and at this time."""
    now = clock.now()
    status = reservation.status
    actions = set()
    if status == Reservation.Status.PENDING:
        actions |= {"approve", "reject", "cancel"}
    elif status == Reservation.Status.CONFIRMED:
        actions.add("cancel")
        if booking_rules.check_in_open(reservation, now):
            actions.add("check_in")
        if now >= reservation.start:
            actions.add("no_show")
    elif status == Reservation.Status.IN_USE:
        actions.add("check_out")
    return actions


# Rules and money, in words


def duration_text(minutes: int) -> str:
    if minutes and minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}
    if minutes > 60:
        return _("%(hours)d h %(minutes)d min") % {"hours": minutes // 60, "minutes": minutes % 60}
    return ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {"minutes": minutes}


def rules_summary(
    instrument: Instrument, rules: BookingRules | None = None
) -> list[tuple[str, str]]:
    """(label, text) lines that tell a customer how the instrument is booked."""
    rules = rules or booking_rules.rules_for(instrument)
    horizon = duration_text(rules.horizon_days * 24 * 60)
    return [
        (_("Slot length"), duration_text(rules.granularity_minutes)),
        (
            _("Duration"),
            _("%(shortest)s to %(longest)s")
            % {
                "shortest": duration_text(rules.min_duration_minutes),
                "longest": duration_text(rules.max_duration_minutes),
            },
        ),
        (
            _("When to book"),
            _("At least %(lead)s ahead, at most %(days)s ahead")
            % {"lead": duration_text(rules.lead_time_minutes), "days": horizon}
            if rules.lead_time_minutes
            else _("Up to the start, at most %(days)s ahead") % {"days": horizon},
        ),
        (
            _("Approval"),
            _("Requests wait for the provider's approval")
            if rules.approval_required
            else _("Requests are confirmed at once"),
        ),
        (
            _("Cancellation"),
            _("Cancel online up to %(time)s before the start")
            % {"time": duration_text(rules.cancellation_deadline_hours * 60)}
            if rules.cancellation_deadline_hours
            else _("Cancel online up to the start"),
        ),
        (
            _("Operation"),
            _("Self-operated: only users the provider has qualified may book")
            if instrument.booking_mode == Instrument.BookingMode.SELF
            else _("Operated by the provider's staff"),
        ),
    ]


def qualification_state(instrument, user) -> dict | None:
    """What the user must know about qualification before picking a slot; None when the
    instrument needs none (staff operate it)."""
    if instrument.booking_mode != Instrument.BookingMode.SELF:
        return None
    if user is None or not user.is_authenticated:
        return {"state": "needed"}
    current = booking_rules.current_qualification(instrument, user)
    if current is not None and current.is_valid_on(clock.today()):
        return {"state": "qualified", "expires_on": current.expires_on}
    training = (
        TrainingRequest.objects.filter(
            instrument=instrument, user=user, status__in=TrainingRequest.OPEN
        )
        .order_by("-created_at")
        .first()
    )
    if training is not None:
        return {"state": training.status, "training": training}
    return {"state": "expired" if current is not None else "needed"}


def open_training_requests(organization) -> QuerySet:
    return (
        TrainingRequest.objects.filter(
            instrument__organization=organization, status__in=TrainingRequest.OPEN
        )
        .select_related("instrument", "user", "organization")
        .order_by("created_at", "id")
    )
