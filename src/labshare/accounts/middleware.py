from labshare.accounts.models import Membership
from labshare.core.access import remember_roles

SESSION_KEY = "active_organization_id"


def active_membership_for(request) -> Membership | None:
    """The membership the user works under now: the one chosen in the session, else the first."""
    if not request.user.is_authenticated:
        return None
    # Without a choice in the session, the oldest membership: the user's own organization, never
    # one that somebody added them to later.
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("organization")
        .order_by("created_at", "pk")
    )
    remember_roles(request.user, {m.organization_id: m.role for m in memberships})
    wanted = request.session.get(SESSION_KEY)
    chosen = None
    if wanted is not None:
        chosen = next((m for m in memberships if m.organization_id == wanted), None)
    return chosen or next(iter(memberships), None)


class ActiveOrganizationMiddleware:
    """Sets request.active_membership (None for visitors and users without an organization)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active_membership = active_membership_for(request)
        return self.get_response(request)
