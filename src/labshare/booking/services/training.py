"""Training requests: a user asks to be trained on a self-operated instrument; the provider's
staff set a date, then qualify the user (or decline with a reason). Each side is told."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.booking import rules
from labshare.booking.models import TrainingRequest
from labshare.booking.services.common import ensure_staff
from labshare.booking.services.qualifications import grant_qualification
from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person, holding_users
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState
from labshare.core.notify import notify


def _console() -> str:
    return reverse("booking:training_requests")


def _locked(training: TrainingRequest) -> TrainingRequest:
    return (
        TrainingRequest.objects.select_for_update(of=("self",))
        .select_related("instrument", "user")
        .get(pk=training.pk)
    )


def _ensure_open(training: TrainingRequest) -> None:
    if training.status not in TrainingRequest.OPEN:
        raise InvalidState(_("This training request is closed already."))


@transaction.atomic
def request_training(
    actor: Actor, instrument: Instrument, organization: Organization, note: str = ""
) -> TrainingRequest:
    """A member asks, for the organisation they book for, to be trained on an instrument they
    must be qualified for; the provider's staff who qualify users are told."""
    ensure_person(actor, _("Training is requested by the person to be trained."))
    ensure_can(actor, "booking.request", organization.pk)
    if instrument.booking_mode != Instrument.BookingMode.SELF or not instrument.is_public:
        raise InvalidState(_("This instrument needs no qualification to be booked."))
    if rules.is_qualified(instrument, actor.user, clock.today()):
        raise InvalidState(_("You are qualified for this instrument already."))
    training = TrainingRequest(
        instrument=instrument, user=actor.user, organization=organization, note=note.strip()
    )
    try:
        with transaction.atomic():
            training.save()
    except IntegrityError as exc:
        raise Conflict(_("You have asked for training on this instrument already.")) from exc
    record(actor, "booking.training_requested", training, instrument=instrument.pk)
    notify(
        holding_users("booking.qualify", instrument.organization_id),
        "booking.training_requested",
        _("Training request: %(instrument)s") % {"instrument": instrument.name},
        _("%(user)s of %(organization)s asks to be trained on %(instrument)s. %(note)s")
        % {
            "user": actor.user,
            "organization": organization.name,
            "instrument": instrument.name,
            "note": training.note,
        },
        _console(),
    )
    return training


@transaction.atomic
def schedule_training(
    actor: Actor, training: TrainingRequest, when: datetime, note: str = ""
) -> TrainingRequest:
    """Staff set (or move) the training date; the user is told when and where."""
    training = _locked(training)
    ensure_staff(actor, training.instrument, "booking.qualify")
    _ensure_open(training)
    if when.tzinfo is None:
        raise InvalidInput(_("Times must carry a time zone."), field="when")
    if when <= clock.now():
        raise InvalidInput(_("Choose a training date in the future."), field="when")
    training.status = TrainingRequest.Status.SCHEDULED
    training.scheduled_for = when
    training.staff_note = note.strip()
    training.decided_by = actor.user
    training.save(
        update_fields=["status", "scheduled_for", "staff_note", "decided_by", "updated_at"]
    )
    record(actor, "booking.training_scheduled", training, when=when.isoformat())
    instrument = training.instrument
    notify(
        [training.user],
        "booking.training_scheduled",
        _("Training date for %(instrument)s") % {"instrument": instrument.name},
        _("%(provider)s will train you on %(instrument)s at %(when)s (room %(room)s). %(note)s")
        % {
            "provider": instrument.organization.name,
            "instrument": instrument.name,
            "when": f"{timezone.localtime(when):%Y-%m-%d %H:%M}",
            "room": instrument.room or "—",
            "note": training.staff_note,
        },
        reverse("catalog:instrument_detail", args=[instrument.pk]),
    )
    return training


@transaction.atomic
def complete_training(
    actor: Actor, training: TrainingRequest, expires_on: date | None = None
) -> TrainingRequest:
    """The user was trained: the request becomes their qualification."""
    training = _locked(training)
    ensure_staff(actor, training.instrument, "booking.qualify")
    _ensure_open(training)
    grant_qualification(actor, training.instrument, training.user, expires_on)
    training.status = TrainingRequest.Status.COMPLETED
    training.decided_by = actor.user
    training.save(update_fields=["status", "decided_by", "updated_at"])
    record(actor, "booking.training_completed", training)
    notify(
        [training.user],
        "booking.training_completed",
        _("You are qualified for %(instrument)s") % {"instrument": training.instrument.name},
        _("You may now book and operate %(instrument)s yourself.")
        % {"instrument": training.instrument.name},
        reverse("booking:instrument_calendar", args=[training.instrument_id]),
    )
    return training


@transaction.atomic
def decline_training(actor: Actor, training: TrainingRequest, reason: str) -> TrainingRequest:
    training = _locked(training)
    ensure_staff(actor, training.instrument, "booking.qualify")
    _ensure_open(training)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Please give a reason; the user will read it."), field="reason")
    training.status = TrainingRequest.Status.DECLINED
    training.staff_note = reason[:200]
    training.decided_by = actor.user
    training.save(update_fields=["status", "staff_note", "decided_by", "updated_at"])
    record(actor, "booking.training_declined", training, reason=reason)
    notify(
        [training.user],
        "booking.training_declined",
        _("Training on %(instrument)s declined") % {"instrument": training.instrument.name},
        _("Reason: %(reason)s") % {"reason": reason},
        reverse("catalog:instrument_detail", args=[training.instrument_id]),
    )
    return training
