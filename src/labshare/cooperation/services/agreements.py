"""The agreement an accepted proposal opened: its terms and milestones while it is agreed,
both sides' signatures, delivery and acceptance of each milestone, registration as a
technology contract, and its end (completed, or terminated with a reason)."""

import re
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from labshare.booking.models import Reservation
from labshare.cooperation import notifications
from labshare.cooperation.models import Agreement, AgreementLink, Milestone, Mode
from labshare.cooperation.services.common import (
    CONTRACT,
    POST,
    PROPOSE,
    amount,
    ensure_status,
    is_day,
    locked,
    side_of,
    text,
)
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState
from labshare.core.validation import save_or_conflict
from labshare.orders.models import ServiceOrder

MAX_MILESTONES = 20
MAX_YEARS = 10
# 技术合同登记号: digits and capital letters, as the registration offices issue them.
REGISTRATION = re.compile(r"^[0-9A-Z][0-9A-Z-]{7,29}$")


def _lock(agreement: Agreement) -> Agreement:
    return locked(Agreement, agreement, "customer", "provider", "need")


def _contract_side(actor: Actor, agreement: Agreement) -> str:
    return side_of(
        actor,
        {
            "customer": (agreement.customer_id, CONTRACT),
            "provider": (agreement.provider_id, CONTRACT),
        },
    )


def allocated(agreement: Agreement, excluding: Milestone | None = None):
    rows = agreement.milestones.all()
    if excluding is not None:
        rows = rows.exclude(pk=excluding.pk)
    return rows.aggregate(total=Sum("amount"))["total"] or 0


def _unsign(agreement: Agreement) -> list[str]:
    """A change to the terms needs both signatures again; a side that had signed is told."""
    if agreement.customer_signed_at or agreement.provider_signed_at:
        notifications.signatures_cleared(agreement)
    agreement.customer_signed_at = agreement.customer_signed_by = None
    agreement.provider_signed_at = agreement.provider_signed_by = None
    return ["customer_signed_at", "customer_signed_by", "provider_signed_at", "provider_signed_by"]


@transaction.atomic
def edit_terms(actor: Actor, agreement: Agreement, *, title, contract_type, value) -> Agreement:
    agreement = _lock(agreement)
    _contract_side(actor, agreement)
    ensure_status(agreement, Agreement.Status.DRAFT)
    agreement.title = text(title, "title", 80, one_line=True)
    if contract_type not in Mode.values:
        raise InvalidInput(_("Choose a contract type."), field="contract_type")
    agreement.contract_type = contract_type
    value = amount(value, "value")
    if value < allocated(agreement):
        raise InvalidInput(
            _("The milestones already add up to %(sum)s yuan: the value cannot be lower.")
            % {"sum": allocated(agreement)},
            field="value",
        )
    agreement.value = value
    cleared = _unsign(agreement)
    agreement.save(update_fields=["title", "contract_type", "value", *cleared, "updated_at"])
    record(actor, "agreement.terms_edited", agreement, value=value)
    return agreement


def _check_due(due_on, agreement: Agreement) -> date:
    if not is_day(due_on):
        raise InvalidInput(_("Enter the due date."), field="due_on")
    today = clock.today()
    if due_on < today:
        raise InvalidInput(_("A new milestone is due today or later."), field="due_on")
    if due_on > today + timedelta(days=366 * MAX_YEARS):
        raise InvalidInput(
            _("A milestone is due within %(years)d years.") % {"years": MAX_YEARS},
            field="due_on",
        )
    return due_on


@transaction.atomic
def add_milestone(
    actor: Actor, agreement: Agreement, *, deliverable, due_on, amount_due
) -> Milestone:
    """A milestone of a draft agreement; all of them together stay within the contract value."""
    agreement = _lock(agreement)
    _contract_side(actor, agreement)
    ensure_status(agreement, Agreement.Status.DRAFT)
    if agreement.milestones.count() >= MAX_MILESTONES:
        raise InvalidInput(
            _("An agreement has at most %(max)d milestones.") % {"max": MAX_MILESTONES},
            field="deliverable",
        )
    milestone = Milestone(
        agreement=agreement,
        deliverable=text(deliverable, "deliverable", 200, one_line=True),
        due_on=_check_due(due_on, agreement),
        amount=amount(amount_due, "amount", allow_zero=True),
    )
    total = allocated(agreement) + milestone.amount
    if total > agreement.value:
        raise InvalidInput(
            _(
                "The milestones would add up to %(total)s yuan, more than the contract value "
                "of %(value)s yuan."
            )
            % {"total": total, "value": agreement.value},
            field="amount",
        )
    milestone.save()
    cleared = _unsign(agreement)
    agreement.save(update_fields=[*cleared, "updated_at"])
    record(actor, "agreement.milestone_added", agreement, milestone=milestone.pk)
    return milestone


@transaction.atomic
def remove_milestone(actor: Actor, milestone: Milestone) -> None:
    agreement = _lock(milestone.agreement)
    _contract_side(actor, agreement)
    ensure_status(agreement, Agreement.Status.DRAFT)
    Milestone.objects.filter(pk=milestone.pk, agreement=agreement).delete()
    cleared = _unsign(agreement)
    agreement.save(update_fields=[*cleared, "updated_at"])
    record(actor, "agreement.milestone_removed", agreement, milestone=milestone.pk)


@transaction.atomic
def sign_agreement(actor: Actor, agreement: Agreement, signed_on) -> Agreement:
    """One side signs the draft; with the other side's signature it comes into force on the
    signing date given by the second signer (the date on the paper contract)."""
    agreement = _lock(agreement)
    side = _contract_side(actor, agreement)
    ensure_person(actor, _("An agreement is signed by a person."))
    ensure_status(agreement, Agreement.Status.DRAFT)
    if not agreement.milestones.exists():
        raise InvalidInput(_("Add at least one milestone before signing."), field="milestones")
    today = clock.today()
    if not is_day(signed_on) or signed_on > today:
        raise InvalidInput(_("Enter the signing date: today or earlier."), field="signed_on")
    if signed_on < agreement.created_at.date() - timedelta(days=1):
        raise InvalidInput(
            _("The agreement was opened on %(day)s: it cannot have been signed before.")
            % {"day": agreement.created_at.date()},
            field="signed_on",
        )
    if getattr(agreement, f"{side}_signed_at") is not None:
        raise Conflict(_("Your side has already signed."))
    setattr(agreement, f"{side}_signed_at", clock.now())
    setattr(agreement, f"{side}_signed_by", actor.user)
    fields = [f"{side}_signed_at", f"{side}_signed_by"]
    if agreement.customer_signed_at and agreement.provider_signed_at:
        agreement.status, agreement.signed_on = Agreement.Status.ACTIVE, signed_on
        fields += ["status", "signed_on"]
    agreement.save(update_fields=[*fields, "updated_at"])
    record(actor, "agreement.signed", agreement, side=side, in_force=agreement.status == "active")
    notifications.agreement_signed(agreement, side)
    return agreement


def _lock_milestone(milestone: Milestone) -> Milestone:
    """The agreement first (so its status cannot change under the step), then the milestone."""
    agreement = _lock(milestone.agreement)
    locked_milestone = Milestone.objects.select_for_update().get(
        pk=milestone.pk, agreement=agreement
    )
    locked_milestone.agreement = agreement
    return locked_milestone


@transaction.atomic
def deliver_milestone(actor: Actor, milestone: Milestone) -> Milestone:
    """The provider confirms a milestone delivered; the firm is asked to accept it."""
    milestone = _lock_milestone(milestone)
    ensure_can(actor, PROPOSE, milestone.agreement.provider_id)
    ensure_person(actor, _("A delivery is confirmed by a person."))
    ensure_status(milestone.agreement, Agreement.Status.ACTIVE)
    if milestone.delivered_at is not None:
        raise Conflict(_("This milestone is already marked delivered."))
    milestone.delivered_at, milestone.delivered_by = clock.now(), actor.user
    milestone.save(update_fields=["delivered_at", "delivered_by"])
    record(actor, "agreement.milestone_delivered", milestone, agreement=milestone.agreement_id)
    notifications.milestone_delivered(milestone)
    return milestone


@transaction.atomic
def accept_milestone(actor: Actor, milestone: Milestone) -> Milestone:
    """The firm accepts a delivered milestone."""
    milestone = _lock_milestone(milestone)
    ensure_can(actor, CONTRACT, milestone.agreement.customer_id)
    ensure_person(actor, _("A milestone is accepted by a person."))
    ensure_status(milestone.agreement, Agreement.Status.ACTIVE)
    if milestone.delivered_at is None:
        raise InvalidState(_("The provider has not marked this milestone delivered yet."))
    if milestone.accepted_at is not None:
        raise Conflict(_("This milestone is already accepted."))
    milestone.accepted_at, milestone.accepted_by = clock.now(), actor.user
    milestone.save(update_fields=["accepted_at", "accepted_by"])
    record(actor, "agreement.milestone_accepted", milestone, agreement=milestone.agreement_id)
    notifications.milestone_accepted(milestone)
    return milestone


@transaction.atomic
def return_milestone(actor: Actor, milestone: Milestone, reason: str) -> Milestone:
    """The firm sends a delivered milestone back with what is missing."""
    milestone = _lock_milestone(milestone)
    ensure_can(actor, CONTRACT, milestone.agreement.customer_id)
    ensure_person(actor, _("A milestone is sent back by a person."))
    ensure_status(milestone.agreement, Agreement.Status.ACTIVE)
    if milestone.delivered_at is None or milestone.accepted_at is not None:
        raise InvalidState(_("Only a delivered milestone not yet accepted can be sent back."))
    reason = text(reason, "reason", 300, one_line=True)
    milestone.delivered_at = milestone.delivered_by = None
    milestone.save(update_fields=["delivered_at", "delivered_by"])
    record(actor, "agreement.milestone_returned", milestone, reason=reason)
    notifications.milestone_returned(milestone, reason)
    return milestone


@transaction.atomic
def register_contract(actor: Actor, agreement: Agreement, number: str, registered_on) -> Agreement:
    """Enter the technology-contract registration number once the contract is registered."""
    agreement = _lock(agreement)
    _contract_side(actor, agreement)
    ensure_status(agreement, Agreement.Status.ACTIVE, Agreement.Status.COMPLETED)
    if agreement.registration_number:
        # The turnover is counted where it was registered: a second entry would move it.
        raise Conflict(
            _("The contract is already registered as %(number)s.")
            % {"number": agreement.registration_number},
            field="registration_number",
        )
    number = (number or "").strip().upper().replace(" ", "")
    if not REGISTRATION.match(number):
        raise InvalidInput(
            _("Enter the registration number as issued: 8 to 30 digits or capital letters."),
            field="registration_number",
        )
    if not is_day(registered_on) or registered_on > clock.today():
        raise InvalidInput(
            _("Enter the registration date: today or earlier."), field="registered_on"
        )
    if agreement.signed_on and registered_on < agreement.signed_on:
        raise InvalidInput(_("A contract is registered after it is signed."), field="registered_on")
    agreement.registration_number, agreement.registered_on = number, registered_on
    save_or_conflict(
        agreement,
        _("Another agreement has this registration number."),
        ["registration_number", "registered_on", "updated_at"],
        field="registration_number",
    )
    record(actor, "agreement.registered", agreement, number=number)
    return agreement


@transaction.atomic
def complete_agreement(actor: Actor, agreement: Agreement) -> Agreement:
    """Close an agreement whose every milestone the firm has accepted."""
    agreement = _lock(agreement)
    _contract_side(actor, agreement)
    ensure_status(agreement, Agreement.Status.ACTIVE)
    if agreement.milestones.filter(accepted_at__isnull=True).exists():
        raise InvalidState(
            _("Every milestone must be accepted before the agreement is completed."),
            code="milestones_open",
        )
    agreement.status, agreement.closed_at = Agreement.Status.COMPLETED, clock.now()
    agreement.save(update_fields=["status", "closed_at", "updated_at"])
    record(actor, "agreement.completed", agreement)
    notifications.agreement_closed(agreement)
    return agreement


@transaction.atomic
def terminate_agreement(actor: Actor, agreement: Agreement, reason: str) -> Agreement:
    agreement = _lock(agreement)
    side = _contract_side(actor, agreement)
    ensure_status(agreement, Agreement.Status.DRAFT, Agreement.Status.ACTIVE)
    agreement.end_reason = text(reason, "reason", 300, one_line=True)
    agreement.status, agreement.closed_at = Agreement.Status.TERMINATED, clock.now()
    agreement.save(update_fields=["status", "end_reason", "closed_at", "updated_at"])
    record(actor, "agreement.terminated", agreement, side=side, reason=agreement.end_reason)
    notifications.agreement_closed(agreement)
    return agreement


def _link(actor: Actor, agreement: Agreement, booker_id: int, problem, **target) -> AgreementLink:
    """Link one thing (reservation= or order=); problem: why it cannot be linked, if it cannot
    (said only to the parties, after the permission check)."""
    agreement = _lock(agreement)
    side = side_of(
        actor,
        {"customer": (agreement.customer_id, POST), "provider": (agreement.provider_id, PROPOSE)},
    )
    ensure_person(actor, _("A link is made by a person."))
    ensure_status(agreement, Agreement.Status.ACTIVE)
    if problem:
        raise InvalidInput(problem, field=next(iter(target)))
    own = agreement.customer_id if side == "customer" else agreement.provider_id
    if booker_id != own:
        raise InvalidInput(
            _("Each side links what it booked or ordered itself."), field=next(iter(target))
        )
    link = AgreementLink(agreement=agreement, linked_by=actor.user, linked_at=clock.now(), **target)
    save_or_conflict(link, _("This is already linked to an agreement."), field=next(iter(target)))
    record(actor, "agreement.linked", agreement, **{k: v.pk for k, v in target.items()})
    return link


def link_reservation(actor: Actor, agreement: Agreement, reservation: Reservation) -> AgreementLink:
    """Instrument time booked for the cooperation (not a rejected or cancelled booking)."""
    closed = reservation.status in (Reservation.Status.REJECTED, Reservation.Status.CANCELLED)
    problem = _("A rejected or cancelled reservation is not linked.") if closed else None
    with transaction.atomic():
        return _link(
            actor, agreement, reservation.organization_id, problem, reservation=reservation
        )


def link_order(actor: Actor, agreement: Agreement, order: ServiceOrder) -> AgreementLink:
    """A test order placed for the cooperation (sent to the lab, not a draft)."""
    draft = order.status == ServiceOrder.Status.DRAFT
    problem = _("Send the order to the lab before linking it.") if draft else None
    with transaction.atomic():
        return _link(actor, agreement, order.customer_id, problem, order=order)
