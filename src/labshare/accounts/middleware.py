import re
import uuid

from labshare.accounts.models import Membership
from labshare.core.access import remember_grants
from labshare.core.actors import user_actor, visitor_actor

SESSION_KEY = "active_organization_id"
# A request id from the proxy in front is kept if it looks like one; otherwise a new one is made.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


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
    remember_grants(request.user, memberships)
    wanted = request.session.get(SESSION_KEY)
    chosen = None
    if wanted is not None:
        chosen = next((m for m in memberships if m.organization_id == wanted), None)
    return chosen or next(iter(memberships), None)


def request_id_of(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


class ActiveOrganizationMiddleware:
    """Sets request.active_membership (None for visitors and users without an organization) and
    request.actor, the Actor that views pass to services."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_of(request)
        membership = active_membership_for(request)
        request.active_membership = membership
        if request.user.is_authenticated:
            organization = membership.organization if membership else None
            request.actor = user_actor(request.user, organization, request_id=request.request_id)
        else:
            request.actor = visitor_actor(request_id=request.request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response
