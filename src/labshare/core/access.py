"""Tenant access, in one place.

Another tenant's object is a 404 (its existence is not revealed); a member of the right tenant
whose role is too low gets a 403. Services use `ensure_role`, which raises a domain error instead.
Each app builds its own small helpers on these functions.
"""

from operator import attrgetter

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from labshare.core.errors import NotAllowed

ROLE_RANK = {"member": 1, "staff": 2, "admin": 3}


def role_at_least(role: str | None, minimum: str) -> bool:
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[minimum]


def roles_of(user) -> dict[int, str]:
    """Organization id → role for every membership of the user, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_labshare_roles", None)
    if cached is None:
        membership = apps.get_model("accounts", "Membership")
        cached = dict(membership.objects.filter(user=user).values_list("organization_id", "role"))
        user._labshare_roles = cached
    return cached


def remember_roles(user, roles: dict[int, str]) -> None:
    """Cache roles already read elsewhere (the middleware reads every membership anyway)."""
    user._labshare_roles = roles


def forget_roles(user) -> None:
    """Drop the cached roles after a membership of this user changed."""
    if hasattr(user, "_labshare_roles"):
        del user._labshare_roles


def get_in_tenant_or_404(
    user, queryset: QuerySet, *, min_role: str, org_path: str = "organization_id", **lookup
) -> Model:
    """The object matching lookup, if it belongs to one of the user's organizations.

    Raises Http404 when it does not exist or belongs to another tenant, PermissionDenied when
    the user's role in the owning organization is below min_role.
    """
    roles = roles_of(user)
    filter_path = org_path.removesuffix("_id").replace(".", "__")
    obj = queryset.filter(**{f"{filter_path}__in": list(roles)}, **lookup).first()
    if obj is None:
        raise Http404
    if not role_at_least(roles[attrgetter(org_path)(obj)], min_role):
        raise PermissionDenied
    return obj


def active_role_at_least(
    request, min_role: str, *, provider: bool = False, operator: bool = False
) -> bool:
    """Whether the request's active membership has min_role (in a provider or the operator)."""
    membership = getattr(request, "active_membership", None)
    if membership is None or not role_at_least(membership.role, min_role):
        return False
    organization = membership.organization
    return (not provider or organization.is_provider) and (not operator or organization.is_operator)


def require_active_role(request, min_role: str, *, provider: bool = False):
    """The active membership of the request, checked for role (and provider status)."""
    if not active_role_at_least(request, min_role, provider=provider):
        raise PermissionDenied
    return request.active_membership


def require_operator(request):
    """The operator's staff (members of the operator organization only read)."""
    if not active_role_at_least(request, "staff", operator=True):
        raise PermissionDenied
    return request.active_membership


def has_role(user, organization_id: int, min_role: str) -> bool:
    """Whether the user holds at least min_role in the organization."""
    return role_at_least(roles_of(user).get(organization_id), min_role)


def ensure_role(actor, organization_id: int, min_role: str) -> None:
    """Raise NotAllowed unless actor holds at least min_role in the organization."""
    if not has_role(actor, organization_id, min_role):
        raise NotAllowed(_("Your role in this organization does not allow this action."))


def ensure_operator(actor) -> None:
    organization = apps.get_model("accounts", "Organization")
    operator_ids = set(organization.objects.filter(is_operator=True).values_list("pk", flat=True))
    if not operator_ids & set(roles_of(actor)):
        raise NotAllowed(_("Only the platform operator may do this."))
