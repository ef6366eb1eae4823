"""Named permissions: what code checks, and which role grants which.

Services and views ask for a permission (`booking.approve`), never for a role. A role is a set of
permissions; an organisation's administrator may grant one member an extra permission (say, to
approve bookings without being staff), stored on the membership. Permissions named `platform.*`
count only in the platform operator's organisation.
"""

from django.utils.translation import gettext_lazy as _

PERMISSIONS = {
    "accounts.edit_organization": _("Edit the organization's profile"),
    "accounts.manage_members": _("Manage members and their permissions"),
    "accounts.view_audit": _("Read the organization's audit trail"),
    "catalog.edit_instrument": _("List, edit, import and publish instruments"),
    "catalog.edit_testing": _("Publish test items and record accreditations"),
    "booking.request": _("Book instruments for the organization"),
    "booking.cancel_any": _("Cancel any reservation of the organization"),
    "booking.approve": _("Approve, reject and cancel reservations of the provider's instruments"),
    "booking.operate": _("Check users in and out and record usage"),
    "booking.edit_schedule": _("Edit opening hours, blackouts and booking rules"),
    "booking.qualify": _("Grant and revoke qualifications"),
    "orders.request": _("Order tests for the organization and review them"),
    "orders.quote": _("Quote, reject and receive test orders, answer reviews"),
    "orders.test": _("Enter and check test results, book instrument time for tests"),
    "orders.manage_signatories": _("Name the authorised signatories of test reports"),
    "billing.view": _("See the organization's charges, statements and vouchers"),
    "billing.edit_prices": _("Edit price lists"),
    "billing.dispute": _("Dispute charges for the organization"),
    "billing.run": _("Run billing, issue statements, record payments and fapiao, decide disputes"),
    "cooperation.post_need": _("Post technical needs for the organization and discuss proposals"),
    "cooperation.propose": _("Answer technical needs with proposals and deliver milestones"),
    "cooperation.contract": _(
        "Accept proposals, sign cooperation agreements and accept milestones"
    ),
    "insights.view": _("See the organization's dashboard and assessment figures"),
    "insights.edit_quota": _("Set the quota hours of the organization's instruments"),
    "platform.review_providers": _("Review provider applications"),
    "platform.manage_accounts": _("Create organizations and accounts directly"),
    "platform.view_audit": _("Read the audit trail of every organization"),
    "platform.watch_mail": _("See the e-mail the platform sends and could not send"),
    "platform.edit_calendar": _("Declare the year's days off and make-up working days"),
    "platform.verify_attributes": _("Verify the attributes that decide prices and vouchers"),
    "platform.manage_vouchers": _("Run voucher programmes: grants, budgets and settlements"),
    "platform.view_insights": _("See the district's dashboard and every provider's figures"),
    "platform.edit_indicators": _("Enter the district's innovation indicators and targets"),
}
PLATFORM_PREFIX = "platform."

_MEMBER = {"booking.request", "orders.request", "cooperation.post_need"}
_STAFF = _MEMBER | {
    "catalog.edit_instrument",
    "catalog.edit_testing",
    "orders.quote",
    "orders.test",
    "booking.approve",
    "booking.operate",
    "booking.edit_schedule",
    "booking.qualify",
    "cooperation.propose",
    "platform.review_providers",
    "platform.view_audit",
    "platform.watch_mail",
    "platform.edit_calendar",
    "billing.view",
    "platform.verify_attributes",
    "insights.view",
    "platform.view_insights",
}
_ADMIN = _STAFF | {
    "accounts.edit_organization",
    "accounts.manage_members",
    "accounts.view_audit",
    "booking.cancel_any",
    "orders.manage_signatories",
    "platform.manage_accounts",
    "billing.edit_prices",
    "billing.dispute",
    "billing.run",
    "platform.manage_vouchers",
    "insights.edit_quota",
    "cooperation.contract",
    "platform.edit_indicators",
}
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "member": frozenset(_MEMBER),
    "staff": frozenset(_STAFF),
    "admin": frozenset(_ADMIN),
}
# What an administrator may grant one member beyond the role: anything but the platform's own.
GRANTABLE = tuple(name for name in PERMISSIONS if not name.startswith(PLATFORM_PREFIX))


def permissions_for(
    role: str, extra: list[str] | tuple[str, ...], *, is_operator: bool
) -> frozenset:
    """The permissions a membership holds: its role's, its extra grants, and `platform.*` only in
    the operator's organisation."""
    granted = ROLE_PERMISSIONS[role] | (set(extra) & set(PERMISSIONS))
    if is_operator:
        return frozenset(granted)
    return frozenset(name for name in granted if not name.startswith(PLATFORM_PREFIX))


def label(name: str) -> str:
    return str(PERMISSIONS[name])
