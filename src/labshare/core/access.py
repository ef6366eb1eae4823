"""Tenant access and permissions, in one place.

Another tenant's object is a 404 (its existence is not revealed); an actor of the right tenant
without the permission gets a 403. Services use `ensure_can`, which raises a domain error instead.
Each app builds its own small helpers on these functions.

What a user may do is read once per request from their memberships (role, extra grants, and
whether the organisation is the operator) and cached on the user object.
"""

from operator import attrgetter

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from labshare.core.actors import Actor, Kind, require_actor
from labshare.core.errors import NotAllowed
from labshare.core.permissions import permissions_for


def _held(membership) -> frozenset[str]:
    return permissions_for(
        membership.role,
        membership.extra_permissions,
        is_operator=membership.organization.is_operator,
    )


def grants_of(user) -> dict[int, frozenset[str]]:
    """Organization id → the permissions the user holds there, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_labshare_grants", None)
    if cached is None:
        membership = apps.get_model("accounts", "Membership")
        memberships = membership.objects.filter(user=user).select_related("organization")
        cached = {m.organization_id: _held(m) for m in memberships}
        user._labshare_grants = cached
    return cached


def remember_grants(user, memberships) -> None:
    """Cache what the middleware read anyway (memberships with their organisations)."""
    user._labshare_grants = {m.organization_id: _held(m) for m in memberships}


def forget_grants(user) -> None:
    """Drop the cache after a membership of this user changed."""
    if hasattr(user, "_labshare_grants"):
        del user._labshare_grants


def organizations_of(actor: Actor) -> set[int]:
    """The organisations the actor belongs to: a user's memberships, a token's one; none for
    the system and for visitors."""
    require_actor(actor)
    if actor.kind == Kind.TOKEN:
        return {actor.organization_id}
    if actor.kind == Kind.USER:
        return set(grants_of(actor.user))
    return set()


def tenant_ids(actor: Actor) -> set[int] | None:
    """The organisations whose objects the actor may see at all; None: every one (the system)."""
    return None if require_actor(actor).is_system else organizations_of(actor)


def permissions_in(actor: Actor, organization_id: int | None) -> frozenset[str]:
    """What the actor may do in one organisation (a token: its scopes, within its user's rights)."""
    require_actor(actor)
    if actor.kind not in (Kind.USER, Kind.TOKEN) or organization_id is None:
        return frozenset()
    if actor.kind == Kind.TOKEN and organization_id != actor.organization_id:
        return frozenset()
    held = grants_of(actor.user).get(organization_id, frozenset())
    return held & actor.scopes if actor.kind == Kind.TOKEN else held


def can(actor: Actor, permission: str, organization_id: int | None) -> bool:
    require_actor(actor)
    return actor.is_system or permission in permissions_in(actor, organization_id)


def can_on_platform(actor: Actor, permission: str) -> bool:
    """Whether the actor holds a `platform.*` permission (it counts only in the operator's org)."""
    require_actor(actor)
    if actor.is_system:
        return True
    return any(permission in permissions_in(actor, org_id) for org_id in organizations_of(actor))


def ensure_can(actor: Actor, permission: str, organization_id: int | None) -> None:
    """Raise NotAllowed unless the actor holds the permission in the organisation."""
    if not can(actor, permission, organization_id):
        raise NotAllowed(_("Your role in this organization does not allow this action."))


def ensure_platform(actor: Actor, permission: str) -> None:
    if not can_on_platform(actor, permission):
        raise NotAllowed(_("Only the platform operator may do this."))


def ensure_person(actor: Actor, message) -> None:
    """Some acts are a person's (they are stored under their name): the system cannot do them."""
    if require_actor(actor).user is None:
        raise NotAllowed(message)


def get_in_tenant_or_404(
    actor: Actor,
    queryset: QuerySet,
    *,
    permission: str | None,
    org_path: str = "organization_id",
    **lookup,
) -> Model:
    """The object matching lookup, if it belongs to one of the actor's organisations.

    Raises Http404 when it does not exist or belongs to another tenant, PermissionDenied when the
    actor lacks the permission in the owning organisation (None: any member may read it).
    """
    tenants = tenant_ids(actor)
    if tenants is not None:
        filter_path = org_path.removesuffix("_id").replace(".", "__")
        queryset = queryset.filter(**{f"{filter_path}__in": list(tenants)})
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    if permission is not None and not can(actor, permission, attrgetter(org_path)(obj)):
        raise PermissionDenied
    return obj


def active_can(
    actor: Actor, permission: str, *, provider: bool = False, operator: bool = False
) -> bool:
    """Whether the actor holds the permission in the organisation it works for now."""
    organization = actor.organization if isinstance(actor, Actor) else None
    if organization is None or not can(actor, permission, organization.pk):
        return False
    return (not provider or organization.is_provider) and (not operator or organization.is_operator)


def require_active(
    actor: Actor, permission: str, *, provider: bool = False, operator: bool = False
):
    """The organisation the actor works for, which must grant the permission (403 otherwise)."""
    if not active_can(actor, permission, provider=provider, operator=operator):
        raise PermissionDenied
    return actor.organization


def audit_scope(actor: Actor) -> int | None:
    """Whose audit trail the actor reads: everybody's (None) for the operator's staff, else their
    own organisation's, which its administrator reads (403 for anybody else)."""
    if active_can(actor, "platform.view_audit", operator=True):
        return None
    return require_active(actor, "accounts.view_audit").pk


def holding_users(permission: str, organization_id: int) -> list:
    """The users who hold the permission in the organisation (by role or extra grant), with
    their id and address only, in one query."""
    membership = apps.get_model("accounts", "Membership")
    memberships = (
        membership.objects.filter(organization_id=organization_id)
        .select_related("user", "organization")
        .only("role", "extra_permissions", "organization__is_operator", "user__email")
    )
    return [m.user for m in memberships if permission in _held(m)]


def holders_of(permission: str, organization_id: int) -> list[int]:
    """The ids of the users who hold the permission in the organisation."""
    return [user.pk for user in holding_users(permission, organization_id)]
