from django.conf import settings

from labshare.core.access import active_role_at_least


def platform(request):
    """What every page needs: the platform's name, the active membership, and which menus to show
    (decided here with the access rules, not by comparing roles in templates)."""
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "active_membership": getattr(request, "active_membership", None),
        "show_provider_menu": active_role_at_least(request, "staff", provider=True),
        "show_operator_menu": active_role_at_least(request, "staff", operator=True),
    }
