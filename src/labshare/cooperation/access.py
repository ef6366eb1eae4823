"""Who may see which need, proposal and agreement: the cooperation app's use of core.access.

A need on the board is read by everybody, its confidential details only by the firm and by the
providers that read it under the undertaking. A proposal has two tenants (the firm and the
provider), an agreement too: anybody else gets a 404, a member of a side without that side's
permission a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from labshare.accounts.models import Organization
from labshare.booking.models import Reservation
from labshare.cooperation.models import (
    Agreement,
    IndustryField,
    Milestone,
    Need,
    NeedAccess,
    Proposal,
    provider_reads,
)
from labshare.core.access import can, get_in_tenant_or_404, organizations_of
from labshare.core.actors import Actor
from labshare.orders.models import ServiceOrder

# The app's three permissions: the firm's people, the provider's staff, each side's signatories.
POST, PROPOSE, CONTRACT = "cooperation.post_need", "cooperation.propose", "cooperation.contract"
_NEEDS = Need.objects.select_related("customer", "field", "field__parent", "created_by")
_PROPOSALS = Proposal.objects.select_related("need__customer", "need__field", "provider")
_AGREEMENTS = Agreement.objects.select_related("customer", "provider", "need", "proposal")


def _mine(actor: Actor) -> set[int]:
    return set() if actor.is_system else organizations_of(actor)


def need_for_reader(actor: Actor, pk: int) -> Need:
    """An open or awarded need for anybody; a withdrawn one only for the firm and the providers
    that proposed on it."""
    need = _NEEDS.filter(pk=pk).first()
    if need is None:
        raise Http404
    if need.status == Need.Status.WITHDRAWN and not actor.is_system:
        mine = _mine(actor)
        proposed = need.proposals.filter(provider_id__in=mine).exists()
        if need.customer_id not in mine and not proposed:
            raise Http404
    return need


def need_for_firm(actor: Actor, pk: int, permission: str = POST) -> Need:
    return get_in_tenant_or_404(actor, _NEEDS, permission=permission, org_path="customer_id", pk=pk)


def reads_details(actor: Actor, need: Need) -> bool:
    """Whether the actor reads a confidential need whole, acting for the organisation it works
    for now: the firm's own people, or a provider under a granted access whose undertaking was
    accepted (another provider the same person works for gave no undertaking)."""
    if not need.is_confidential or actor.is_system:
        return True
    acting = actor.organization_id
    if acting is None or acting not in _mine(actor):
        return False
    return acting == need.customer_id or provider_reads(need, acting)


def access_for_firm(actor: Actor, pk: int) -> NeedAccess:
    return get_in_tenant_or_404(
        actor,
        NeedAccess.objects.select_related("need", "provider"),
        permission=POST,
        org_path="need.customer_id",
        pk=pk,
    )


def access_for_provider(actor: Actor, pk: int) -> NeedAccess:
    return get_in_tenant_or_404(
        actor,
        NeedAccess.objects.select_related("need__customer", "provider"),
        permission=PROPOSE,
        org_path="provider_id",
        pk=pk,
    )


def _two_sided(actor: Actor, queryset, pk: int, customer_path: str, sides: dict):
    """An object of two tenants: 404 for anybody of neither, 403 without the side's permission."""
    if actor.is_system:
        found = queryset.filter(pk=pk).first()
        if found is None:
            raise Http404
        return found
    mine = list(_mine(actor))
    found = queryset.filter(Q(**{f"{customer_path}__in": mine}) | Q(provider_id__in=mine), pk=pk)
    obj = found.first()
    if obj is None:
        raise Http404
    for org_id, permission in sides(obj):
        if org_id in mine and can(actor, permission, org_id):
            return obj
    raise PermissionDenied


def proposal_for_party(actor: Actor, pk: int) -> Proposal:
    return _two_sided(
        actor,
        _PROPOSALS,
        pk,
        "need__customer_id",
        lambda p: [(p.need.customer_id, POST), (p.provider_id, PROPOSE)],
    )


def agreement_for_party(actor: Actor, pk: int) -> Agreement:
    return _two_sided(
        actor,
        _AGREEMENTS,
        pk,
        "customer_id",
        lambda a: [
            (a.customer_id, POST),
            (a.customer_id, CONTRACT),
            (a.provider_id, PROPOSE),
            (a.provider_id, CONTRACT),
        ],
    )


def milestone_of(agreement: Agreement, pk: int) -> Milestone:
    milestone = agreement.milestones.filter(pk=pk).first()
    if milestone is None:
        raise Http404
    milestone.agreement = agreement
    return milestone


def provider_or_404(pk) -> Organization:
    """A provider named by id in a form (the service then checks what it may be)."""
    found = Organization.objects.filter(pk=pk, is_provider=True).first() if pk else None
    if found is None:
        raise Http404
    return found


def field_or_404(code: str) -> IndustryField:
    found = IndustryField.objects.filter(pk=code, is_active=True).first()
    if found is None:
        raise Http404
    return found


def reservation_of_party(organization_ids, pk) -> Reservation:
    """A reservation booked by one of the actor's organisations (anything else: 404)."""
    found = Reservation.objects.filter(pk=pk, organization_id__in=list(organization_ids)).first()
    if found is None:
        raise Http404
    return found


def order_of_party(organization_ids, pk) -> ServiceOrder:
    found = ServiceOrder.objects.filter(pk=pk, customer_id__in=list(organization_ids)).first()
    if found is None:
        raise Http404
    return found
