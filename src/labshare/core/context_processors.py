from django.conf import settings

from labshare.core.access import role_at_least


def platform(request):
    """What every page needs: the platform's name, the active membership, and which menus to show
    (decided here with the access rules, not by comparing roles in templates)."""
    membership = getattr(request, "active_membership", None)
    staff = membership is not None and role_at_least(membership.role, "staff")
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "active_membership": membership,
        "show_provider_menu": staff and membership.organization.is_provider,
        "show_operator_menu": staff and membership.organization.is_operator,
    }
