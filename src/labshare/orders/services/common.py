"""What every order service shares: the order read afresh under its lock, the two sides'
permissions, and the one way a status changes."""

from django.utils.translation import gettext as _

from labshare.core import clock
from labshare.core.access import ensure_can
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidState
from labshare.orders.models import ServiceOrder

# The time stamp each status sets when the order enters it.
STAMPS = {
    ServiceOrder.Status.SUBMITTED: "submitted_at",
    ServiceOrder.Status.QUOTED: "quoted_at",
    ServiceOrder.Status.ACCEPTED: "accepted_at",
    ServiceOrder.Status.SAMPLES_RECEIVED: "received_at",
    ServiceOrder.Status.TESTING: "testing_at",
    ServiceOrder.Status.REPORTED: "reported_at",
    ServiceOrder.Status.COMPLETED: "completed_at",
    ServiceOrder.Status.REJECTED: "closed_at",
    ServiceOrder.Status.DECLINED: "closed_at",
    ServiceOrder.Status.CANCELLED: "closed_at",
}


def provider_code(provider) -> str:
    """The prefix of the provider's sample and report numbers (its code; the id without one)."""
    return provider.code or f"P{provider.pk}"


def locked(order: ServiceOrder) -> ServiceOrder:
    return (
        ServiceOrder.objects.select_for_update(of=("self",))
        .select_related("provider", "customer", "created_by")
        .get(pk=order.pk)
    )


def ensure_customer(actor: Actor, order: ServiceOrder) -> None:
    ensure_can(actor, "orders.request", order.customer_id)


def ensure_provider(actor: Actor, order: ServiceOrder, permission: str = "orders.quote") -> None:
    ensure_can(actor, permission, order.provider_id)


def ensure_status(order: ServiceOrder, *allowed: str) -> None:
    if order.status not in allowed:
        raise InvalidState(
            _("This is not possible while the order is “%(status)s”.")
            % {"status": order.get_status_display()},
            code="invalid_state",
        )


def move(
    actor: Actor, order: ServiceOrder, status: str, fields: tuple[str, ...] = (), **data
) -> ServiceOrder:
    """Change the status along ServiceOrder.TRANSITIONS, stamp the time, save, audit."""
    if not order.may_become(status):
        ensure_status(order)  # raises with the current status named
    stamp = STAMPS[status]
    setattr(order, stamp, clock.now())
    order.status = status
    order.save(update_fields=["status", stamp, *fields, "updated_at"])
    record(actor, f"order.{status}", order, **data)
    return order
