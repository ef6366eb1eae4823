"""Who may manage which membership and organization: the accounts app's use of core.access."""

from django.shortcuts import get_object_or_404

from labshare.accounts.models import Membership, Organization
from labshare.core.access import get_in_tenant_or_404, require_active
from labshare.core.actors import Actor


def organization_for(actor: Actor, permission: str) -> Organization:
    """The organisation the actor works for, which must grant the permission (403 otherwise)."""
    return require_active(actor, permission)


def membership_for_admin(actor: Actor, pk: int) -> Membership:
    queryset = Membership.objects.select_related("user", "organization")
    return get_in_tenant_or_404(actor, queryset, permission="accounts.manage_members", pk=pk)


def require_reviewer(actor: Actor) -> Organization:
    """The operator's staff, working for the operator (403 otherwise)."""
    return require_active(actor, "platform.review_providers", operator=True)


def organization_for_operator(actor: Actor, pk: int) -> Organization:
    require_reviewer(actor)
    return get_object_or_404(Organization, pk=pk)
