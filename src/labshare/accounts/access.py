"""Who may manage which membership and organization: the accounts app's use of core.access."""

from django.shortcuts import get_object_or_404

from labshare.accounts.models import Membership, Organization
from labshare.core.access import get_in_tenant_or_404, require_active_role, require_operator


def admin_membership(request) -> Membership:
    """The active membership, which must be an administrator's (403 otherwise)."""
    return require_active_role(request, "admin")


def membership_for_admin(request, pk: int) -> Membership:
    queryset = Membership.objects.select_related("user", "organization")
    return get_in_tenant_or_404(request.user, queryset, min_role="admin", pk=pk)


def organization_for_operator(request, pk: int) -> Organization:
    require_operator(request)
    return get_object_or_404(Organization, pk=pk)
