"""A provider's proposal and the firm's decision on it; the questions and answers about it."""

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument
from labshare.cooperation import notifications
from labshare.cooperation.attachments import check_attachment
from labshare.cooperation.models import (
    Agreement,
    Need,
    Proposal,
    ProposalMessage,
    provider_reads,
)
from labshare.cooperation.services.common import (
    CONTRACT,
    POST,
    PROPOSE,
    amount,
    ensure_status,
    locked,
    side_of,
    text,
)
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record, record_many
from labshare.core.errors import InvalidInput, InvalidState, NotAllowed
from labshare.core.validation import save_or_conflict

MAX_DURATION_DAYS = 3650
MAX_INSTRUMENTS = 10


@transaction.atomic
def submit_proposal(
    actor: Actor,
    need: Need,
    provider: Organization,
    *,
    approach: str,
    team: str,
    timeline: str,
    duration_days,
    price,
    instruments=(),
) -> Proposal:
    """Answer an open need. A confidential need is answered only by a provider that reads it
    under the undertaking; one live proposal per provider and need."""
    need = locked(Need, need, "customer")
    ensure_can(actor, PROPOSE, provider.pk)
    ensure_person(actor, _("A proposal is made by a person."))
    if not provider.is_provider:
        raise NotAllowed(_("Only providers make proposals."))
    if provider.pk == need.customer_id:
        raise NotAllowed(_("A firm does not answer its own need."))
    if not need.accepts_proposals(clock.today()):
        raise InvalidState(
            _("This need no longer takes proposals."), code="need_closed", field="need"
        )
    if need.proposals.filter(provider=provider, status=Proposal.Status.DECLINED).exists():
        raise InvalidState(
            _("The firm declined your organization's proposal on this need."), code="declined"
        )
    if not provider_reads(need, provider.pk):
        raise NotAllowed(
            _("Accept the confidentiality undertaking before proposing on this need."),
            code="undertaking_missing",
        )
    try:
        days = int(duration_days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_DURATION_DAYS:
        raise InvalidInput(
            _("Enter a duration between 1 and %(max)d days.") % {"max": MAX_DURATION_DAYS},
            field="duration_days",
        )
    wanted = list(dict.fromkeys(getattr(i, "pk", i) for i in instruments))
    own = list(Instrument.objects.filter(pk__in=wanted, organization=provider))
    if len(own) < len(wanted):
        raise InvalidInput(_("Choose instruments of your own organization."), field="instruments")
    if len(own) > MAX_INSTRUMENTS:
        raise InvalidInput(
            _("Name at most %(max)d instruments.") % {"max": MAX_INSTRUMENTS}, field="instruments"
        )
    proposal = Proposal(
        need=need,
        provider=provider,
        created_by=actor.user,
        approach=text(approach, "approach", 4000),
        team=text(team, "team", 1000),
        timeline=text(timeline, "timeline", 1000),
        duration_days=days,
        price=amount(price, "price"),
        created_at=clock.now(),
    )
    save_or_conflict(proposal, _("Your organization has already proposed on this need."))
    proposal.instruments.set(own)
    record(actor, "proposal.submitted", proposal, need=need.pk, price=proposal.price)
    notifications.proposal_submitted(proposal)
    return proposal


def _for_customer(actor: Actor, proposal: Proposal, permission: str = POST) -> Proposal:
    proposal = locked(Proposal, proposal, "need__customer", "provider")
    ensure_can(actor, permission, proposal.need.customer_id)
    return proposal


def _move(actor: Actor, proposal: Proposal, status: str, fields=(), **data) -> Proposal:
    if not proposal.may_become(status):
        ensure_status(proposal)
    proposal.status = status
    proposal.save(update_fields=["status", *fields, "updated_at"])
    record(actor, f"proposal.{status}", proposal, **data)
    return proposal


@transaction.atomic
def shortlist_proposal(actor: Actor, proposal: Proposal, *, on: bool = True) -> Proposal:
    """Put a proposal on the firm's shortlist (or take it off); the provider is told."""
    proposal = _for_customer(actor, proposal)
    ensure_status(proposal.need, Need.Status.OPEN)
    wanted = Proposal.Status.SHORTLISTED if on else Proposal.Status.SUBMITTED
    ensure_status(proposal, Proposal.Status.SUBMITTED if on else Proposal.Status.SHORTLISTED)
    _move(actor, proposal, wanted)
    if on:
        notifications.proposal_shortlisted(proposal)
    return proposal


@transaction.atomic
def decline_proposal(actor: Actor, proposal: Proposal, message: str = "") -> Proposal:
    """Decline one proposal; the provider reads a polite message (the firm's own, if given)."""
    proposal = _for_customer(actor, proposal)
    message = text(message, "message", 500, required=False)
    proposal.decline_message, proposal.decided_at = message, clock.now()
    _move(actor, proposal, Proposal.Status.DECLINED, ("decline_message", "decided_at"))
    notifications.proposals_declined(proposal.need, [proposal])
    return proposal


@transaction.atomic
def accept_proposal(actor: Actor, proposal: Proposal) -> Agreement:
    """Accept one proposal: the need is awarded, the other live proposals are declined politely,
    and a draft agreement with the proposal's price is opened for both sides to settle."""
    need = locked(Need, proposal.need, "customer")
    proposal = _for_customer(actor, proposal, CONTRACT)
    ensure_person(actor, _("A proposal is accepted by a person."))
    ensure_status(need, Need.Status.OPEN)
    now = clock.now()
    proposal.decided_at = now
    _move(actor, proposal, Proposal.Status.ACCEPTED, ("decided_at",))
    need.status, need.closed_at = Need.Status.AWARDED, now
    need.save(update_fields=["status", "closed_at", "updated_at"])
    others = list(
        need.proposals.filter(
            status__in=(Proposal.Status.SUBMITTED, Proposal.Status.SHORTLISTED)
        ).select_related("provider")
    )
    Proposal.objects.filter(pk__in=[p.pk for p in others]).update(
        status=Proposal.Status.DECLINED, decided_at=now, updated_at=clock.wall()
    )
    record_many(actor, "proposal.declined", others, lambda p: {"need": need.pk, "other": True})
    agreement = Agreement.objects.create(
        need=need,
        proposal=proposal,
        customer=need.customer,
        provider=proposal.provider,
        title=need.title,
        contract_type=need.mode,
        value=proposal.price,
        created_at=now,
    )
    record(actor, "agreement.opened", agreement, proposal=proposal.pk)
    notifications.proposal_accepted(proposal, agreement)
    notifications.proposals_declined(need, others)
    return agreement


@transaction.atomic
def withdraw_proposal(actor: Actor, proposal: Proposal) -> Proposal:
    proposal = locked(Proposal, proposal, "need__customer", "provider")
    ensure_can(actor, PROPOSE, proposal.provider_id)
    ensure_status(proposal, Proposal.Status.SUBMITTED, Proposal.Status.SHORTLISTED)
    proposal.decided_at = clock.now()
    _move(actor, proposal, Proposal.Status.WITHDRAWN, ("decided_at",))
    notifications.proposal_withdrawn(proposal)
    return proposal


@transaction.atomic
def post_message(actor: Actor, proposal: Proposal, body: str, attachment=None) -> ProposalMessage:
    """A question of the firm or an answer of the provider, in the proposal's thread."""
    proposal = locked(Proposal, proposal, "need__customer", "provider")
    ensure_person(actor, _("A message is written by a person."))
    side = side_of(
        actor,
        {
            "customer": (proposal.need.customer_id, POST),
            "provider": (proposal.provider_id, PROPOSE),
        },
    )
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise InvalidState(_("The proposal was withdrawn: the thread is closed."))
    if proposal.status == Proposal.Status.DECLINED:
        raise InvalidState(_("The proposal was declined: the thread is closed."))
    body = text(body, "body", 2000)
    message = ProposalMessage(
        proposal=proposal,
        organization_id=proposal.need.customer_id if side == "customer" else proposal.provider_id,
        author=actor.user,
        body=body,
        created_at=clock.now(),
    )
    if attachment is not None:
        check_attachment(attachment)
        message.attachment_name = attachment.name[:100]
        message.attachment_size = attachment.size
        message.attachment = attachment
    message.save()
    record(actor, "proposal.message", proposal, message=message.pk, side=side)
    notifications.message_posted(message, side)
    return message
