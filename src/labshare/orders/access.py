"""Who may see which test order: the orders app's use of core.access.

An order has two tenants, the client (customer) and the provider. Each side reaches it through
its own helper; anybody else gets a 404, a member of the right side without the permission 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from labshare.core.access import active_can, can, get_in_tenant_or_404, organizations_of
from labshare.core.actors import Actor
from labshare.orders.models import Result, Review, ServiceOrder, TestReport

_ORDERS = ServiceOrder.objects.select_related("provider", "customer", "created_by")


def order_for_customer(actor: Actor, pk: int, permission: str | None = None) -> ServiceOrder:
    return get_in_tenant_or_404(
        actor, _ORDERS, permission=permission, org_path="customer_id", pk=pk
    )


# The provider's desk is for who quotes or who tests; each step then asks for its own.
DESK = ("orders.quote", "orders.test")


def order_for_staff(actor: Actor, pk: int, permission: str | None = None) -> ServiceOrder:
    """An order sent to the actor's lab (a draft is still the client's alone: 404). Without a
    permission named, either one of the desk's will do."""
    order = get_in_tenant_or_404(
        actor,
        _ORDERS.exclude(status=ServiceOrder.Status.DRAFT),
        permission=permission,
        org_path="provider_id",
        pk=pk,
    )
    if permission is None and not any(can(actor, name, order.provider_id) for name in DESK):
        raise PermissionDenied
    return order


def desk_organization(actor: Actor):
    """The provider whose desk the actor works at (403 unless they quote or test there)."""
    for name in DESK:
        if active_can(actor, name, provider=True):
            return actor.organization
    raise PermissionDenied


def report_for_viewer(actor: Actor, pk: int) -> TestReport:
    """A report's PDF: for the client's members and the provider's testing staff."""
    report = TestReport.objects.select_related("order").filter(pk=pk).first()
    if report is None:
        raise Http404
    mine = organizations_of(actor)
    if report.order.customer_id in mine:
        return report
    order_for_staff(actor, report.order_id)  # 404 or 403 for anybody else
    return report


def result_for_staff(actor: Actor, order: ServiceOrder, pk: int) -> Result:
    return get_in_tenant_or_404(
        actor,
        Result.objects.select_related("sample", "item__test_service"),
        permission="orders.test",
        org_path="item.order.provider_id",
        pk=pk,
        item__order=order,
    )


def review_for_staff(actor: Actor, pk: int) -> Review:
    return get_in_tenant_or_404(
        actor,
        Review.objects.select_related("order"),
        permission="orders.quote",
        org_path="order.provider_id",
        pk=pk,
    )
