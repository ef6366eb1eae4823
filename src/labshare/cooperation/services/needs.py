"""A firm's need: post, edit, withdraw; and who may read a confidential one's details."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.catalog.models import Discipline
from labshare.cooperation import matching, notifications
from labshare.cooperation.models import (
    LIVE,
    UNDERTAKING,
    FieldFollow,
    IndustryField,
    Mode,
    Need,
    NeedAccess,
    Proposal,
)
from labshare.cooperation.services.common import (
    POST,
    PROPOSE,
    amount,
    ensure_status,
    is_day,
    locked,
    text,
)
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record, record_many
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed

MAX_DISCIPLINES = 3
MAX_DEADLINE_DAYS = 366


def _clean(fields: dict, disciplines) -> tuple[dict, list[Discipline]]:
    """The need's fields as the model stores them, every bad one refused on its field."""
    cleaned = {
        "title": text(fields.get("title"), "title", 80, one_line=True),
        "problem": text(fields.get("problem"), "problem", 4000),
        "expected_outcome": text(fields.get("expected_outcome"), "expected_outcome", 1000),
        "public_summary": text(
            fields.get("public_summary"), "public_summary", 300, required=False, one_line=True
        ),
        "is_confidential": bool(fields.get("is_confidential")),
    }
    if cleaned["is_confidential"] and not cleaned["public_summary"]:
        raise InvalidInput(
            _("A confidential need shows a public summary: say in a sentence what it is about."),
            field="public_summary",
        )
    field = fields.get("field")
    code = field.pk if isinstance(field, IndustryField) else field
    cleaned["field"] = IndustryField.objects.filter(pk=code or "", is_active=True).first()
    if cleaned["field"] is None:
        raise InvalidInput(_("Choose the industry field of the need."), field="field")
    if fields.get("mode") not in Mode.values:
        raise InvalidInput(_("Choose a cooperation mode."), field="mode")
    cleaned["mode"] = fields["mode"]
    low = amount(fields.get("budget_min"), "budget_min", allow_zero=True, required=False)
    high = amount(fields.get("budget_max"), "budget_max", required=False)
    if low is not None and high is not None and low > high:
        raise InvalidInput(
            _("The upper end of the budget is below its lower end."), field="budget_max"
        )
    cleaned["budget_min"], cleaned["budget_max"] = low, high
    deadline = fields.get("deadline")
    today = clock.today()
    if not is_day(deadline):
        raise InvalidInput(_("Enter the date until which proposals are taken."), field="deadline")
    if deadline <= today:
        raise InvalidInput(_("The deadline must be after today."), field="deadline")
    if deadline > today + timedelta(days=MAX_DEADLINE_DAYS):
        raise InvalidInput(_("Take proposals for at most a year."), field="deadline")
    cleaned["deadline"] = deadline
    codes = list(dict.fromkeys(getattr(d, "pk", d) for d in disciplines or []))
    found = list(Discipline.objects.filter(pk__in=codes).order_by("code"))
    if not found or len(found) < len(codes):
        raise InvalidInput(_("Choose the discipline of the need."), field="disciplines")
    if len(found) > MAX_DISCIPLINES:
        raise InvalidInput(
            _("Choose at most %(max)d disciplines.") % {"max": MAX_DISCIPLINES},
            field="disciplines",
        )
    return cleaned, found


@transaction.atomic
def post_need(actor: Actor, customer: Organization, *, disciplines, **fields) -> Need:
    """Publish a need on the board; the providers following its field are told, and the best
    placed ones are stored as its matches."""
    ensure_can(actor, POST, customer.pk)
    ensure_person(actor, _("A need is posted by a person."))
    if not customer.is_customer:
        raise NotAllowed(_("Only a customer organization posts needs."))
    cleaned, found = _clean(fields, disciplines)
    need = Need.objects.create(
        customer=customer, created_by=actor.user, created_at=clock.now(), **cleaned
    )
    need.disciplines.set(found)
    matching.refresh_matches(need)
    record(actor, "need.posted", need, confidential=need.is_confidential)
    followers = FieldFollow.objects.filter(field__in=[need.field_id, need.field.sector_code])
    notifications.need_posted(need, {f.provider_id for f in followers} - {customer.pk})
    return need


@transaction.atomic
def edit_need(actor: Actor, need: Need, *, disciplines, **fields) -> Need:
    """Change an open need; the providers who proposed are told, the matches written again."""
    need = locked(Need, need, "customer", "field")
    ensure_can(actor, POST, need.customer_id)
    ensure_status(need, Need.Status.OPEN)
    cleaned, found = _clean(fields, disciplines)
    if need.is_confidential and not cleaned["is_confidential"] and need.accesses.exists():
        raise InvalidInput(
            _(
                "Providers read this need under a confidentiality undertaking: it stays confidential."
            ),
            field="is_confidential",
        )
    for name, value in cleaned.items():
        setattr(need, name, value)
    need.save(update_fields=[*cleaned, "updated_at"])
    need.disciplines.set(found)
    matching.refresh_matches(need)
    record(actor, "need.edited", need)
    notifications.need_changed(need, _live_proposals(need))
    return need


def _live_proposals(need: Need) -> list[Proposal]:
    return list(need.proposals.filter(status__in=LIVE).select_related("provider"))


@transaction.atomic
def withdraw_need(actor: Actor, need: Need, reason: str) -> Need:
    """Close an open need without a proposal; every live proposal is declined with the reason."""
    need = locked(Need, need, "customer")
    ensure_can(actor, POST, need.customer_id)
    ensure_status(need, Need.Status.OPEN)
    reason = text(reason, "reason", 200, one_line=True)
    now = clock.now()
    need.status, need.close_reason, need.closed_at = Need.Status.WITHDRAWN, reason, now
    need.save(update_fields=["status", "close_reason", "closed_at", "updated_at"])
    proposals = _live_proposals(need)
    Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(
        status=Proposal.Status.DECLINED,
        decided_at=now,
        decline_message=reason,
        updated_at=clock.wall(),
    )
    record_many(actor, "proposal.declined", proposals, lambda p: {"need": need.pk})
    record(actor, "need.withdrawn", need, reason=reason, declined=[p.pk for p in proposals])
    notifications.need_withdrawn(need, proposals)
    return need


def _check_confidential_open(need: Need) -> None:
    if not need.is_confidential:
        raise InvalidState(_("Everybody reads this need: it has no confidential details."))
    ensure_status(need, Need.Status.OPEN)


def _check_provider(need: Need, provider: Organization) -> None:
    if not provider.is_provider:
        raise InvalidInput(_("Invite a provider of the platform."), field="provider")
    if provider.pk == need.customer_id:
        raise InvalidInput(_("The firm reads its own need."), field="provider")


@transaction.atomic
def invite_provider(actor: Actor, need: Need, provider: Organization) -> NeedAccess:
    """The firm lets a provider read its confidential need (after the provider's undertaking)."""
    need = locked(Need, need, "customer")
    ensure_can(actor, POST, need.customer_id)
    ensure_person(actor, _("An invitation is sent by a person."))
    _check_confidential_open(need)
    _check_provider(need, provider)
    access, created = NeedAccess.objects.select_for_update().get_or_create(
        need=need, provider=provider, defaults={"status": NeedAccess.Status.GRANTED}
    )
    if access.status == NeedAccess.Status.GRANTED and not created and access.granted_at:
        raise Conflict(_("This provider is already invited."), field="provider")
    _grant(access, actor)
    record(actor, "need.provider_invited", need, provider=provider.pk)
    notifications.access_granted(access, invited=True)
    return access


def _grant(access: NeedAccess, actor: Actor) -> None:
    access.status, access.granted_at, access.granted_by = (
        NeedAccess.Status.GRANTED,
        clock.now(),
        actor.user,
    )
    access.save(update_fields=["status", "granted_at", "granted_by"])


@transaction.atomic
def request_access(actor: Actor, need: Need, provider: Organization) -> NeedAccess:
    """A provider asks the firm to read a confidential need's details."""
    need = locked(Need, need, "customer")
    ensure_can(actor, PROPOSE, provider.pk)
    ensure_person(actor, _("Access is requested by a person."))
    _check_confidential_open(need)
    _check_provider(need, provider)
    access, created = NeedAccess.objects.get_or_create(
        need=need,
        provider=provider,
        defaults={
            "status": NeedAccess.Status.REQUESTED,
            "requested_at": clock.now(),
            "requested_by": actor.user,
        },
    )
    if not created:
        raise Conflict(_("Your organization has already asked for this need."))
    record(actor, "need.access_requested", access, need=need.pk)
    notifications.access_requested(access)
    return access


@transaction.atomic
def answer_access(actor: Actor, access: NeedAccess, *, grant: bool) -> NeedAccess:
    """The firm grants or refuses a provider's request to read the details."""
    access = locked(NeedAccess, access, "need__customer", "provider")
    ensure_can(actor, POST, access.need.customer_id)
    ensure_person(actor, _("Access is granted by a person."))
    ensure_status(access.need, Need.Status.OPEN)
    ensure_status(access, NeedAccess.Status.REQUESTED)
    if grant:
        _grant(access, actor)
    else:
        access.status = NeedAccess.Status.REFUSED
        access.save(update_fields=["status"])
    record(actor, "need.access_granted" if grant else "need.access_refused", access)
    if grant:
        notifications.access_granted(access, invited=False)
    else:
        notifications.access_refused(access)
    return access


@transaction.atomic
def accept_undertaking(actor: Actor, access: NeedAccess) -> NeedAccess:
    """A person of the provider accepts the confidentiality undertaking: from now on the
    provider reads the need's details. The text accepted is kept with the time and the person."""
    access = locked(NeedAccess, access, "need__customer", "provider")
    ensure_can(actor, PROPOSE, access.provider_id)
    ensure_person(actor, _("An undertaking is given by a person."))
    if access.status != NeedAccess.Status.GRANTED:
        raise InvalidState(_("The firm has not let your organization read this need."))
    ensure_status(access.need, Need.Status.OPEN)
    if access.undertaking_at is not None:
        raise Conflict(_("The undertaking was already accepted."))
    access.undertaking_at, access.undertaking_by = clock.now(), actor.user
    access.undertaking_text = str(UNDERTAKING) % {
        "provider": access.provider.name,
        "customer": access.need.customer.name,
    }
    access.save(update_fields=["undertaking_at", "undertaking_by", "undertaking_text"])
    record(actor, "need.undertaking_accepted", access, need=access.need_id)
    notifications.undertaking_accepted(access)
    return access


@transaction.atomic
def follow_field(actor: Actor, provider: Organization, field: IndustryField) -> FieldFollow:
    ensure_can(actor, PROPOSE, provider.pk)
    if not provider.is_provider:
        raise NotAllowed(_("Only providers follow fields."))
    follow, created = FieldFollow.objects.get_or_create(
        provider=provider, field=field, defaults={"created_at": clock.now()}
    )
    if created:
        record(actor, "need.field_followed", provider, field=field.pk)
    return follow


@transaction.atomic
def unfollow_field(actor: Actor, provider: Organization, field: IndustryField) -> None:
    ensure_can(actor, PROPOSE, provider.pk)
    deleted, _rows = FieldFollow.objects.filter(provider=provider, field=field).delete()
    if deleted:
        record(actor, "need.field_unfollowed", provider, field=field.pk)
