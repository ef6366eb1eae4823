from django.conf import settings

from labshare.core.access import active_can


def platform(request):
    """What every page needs: the platform's name, the active membership, and which menus to show
    (decided here with the access rules, not by comparing roles in templates)."""
    actor = getattr(request, "actor", None)
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "active_membership": getattr(request, "active_membership", None),
        "show_provider_menu": _any_active(
            actor,
            (
                "catalog.edit_instrument",
                "booking.approve",
                "booking.operate",
                "orders.quote",
                "orders.test",
            ),
            provider=True,
        ),
        "show_testing_menu": _any_active(actor, ("orders.quote", "orders.test"), provider=True),
        "show_training_menu": active_can(actor, "booking.qualify", provider=True),
        "show_operator_menu": active_can(actor, "platform.review_providers", operator=True),
        "show_bills_menu": active_can(actor, "billing.view")
        and not active_can(actor, "billing.view", operator=True),
        "show_billing_menu": active_can(actor, "billing.view", provider=True),
        "show_vouchers_menu": active_can(actor, "platform.verify_attributes", operator=True),
        "show_programmes": active_can(actor, "platform.manage_vouchers", operator=True),
        "show_indicators_menu": active_can(actor, "platform.edit_indicators", operator=True),
        "show_district_insights": active_can(actor, "platform.view_insights", operator=True),
        "show_provider_insights": active_can(actor, "insights.view", provider=True),
        "show_audit_menu": active_can(actor, "accounts.view_audit")
        or active_can(actor, "platform.view_audit", operator=True),
    }


def _any_active(actor, permissions, **kinds) -> bool:
    return any(active_can(actor, permission, **kinds) for permission in permissions)
