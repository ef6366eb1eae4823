"""The customer's order and the provider's answer: draft, submit, quote or reject, accept or
decline, cancel."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.booking.models import Reservation
from labshare.booking.services import cancel_reservation
from labshare.catalog import user_profile
from labshare.catalog.models import TestService
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor, system_actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput
from labshare.core.money import to_fen
from labshare.core.validation import validate_fields
from labshare.orders import notifications
from labshare.orders.models import (
    MAX_ITEMS,
    MAX_SAMPLES,
    MAX_TOTAL,
    ORDER_FIELDS,
    OrderItem,
    QuoteLine,
    ServiceOrder,
)
from labshare.orders.services.common import (
    ensure_customer,
    ensure_provider,
    ensure_status,
    locked,
    move,
)

MAX_QUOTE_LINES = 20


def _check_services(services: list[TestService]) -> Organization:
    if not services:
        raise InvalidInput(_("Choose at least one test item."), field="test_services")
    if len(services) > MAX_ITEMS:
        raise InvalidInput(
            _("One order holds at most %(max)d test items.") % {"max": MAX_ITEMS},
            field="test_services",
        )
    providers = {service.organization_id for service in services}
    if len(providers) > 1:
        raise InvalidInput(
            _("One order goes to one provider: order the other items separately."),
            field="test_services",
        )
    if any(not service.is_public for service in services):
        raise InvalidInput(_("A test item is no longer offered."), field="test_services")
    provider = services[0].organization
    if not provider.is_provider:
        raise InvalidInput(_("This provider no longer offers tests."), field="test_services")
    return provider


@transaction.atomic
def draft_order(
    actor: Actor, customer: Organization, test_services: list[TestService], **fields
) -> ServiceOrder:
    """A draft order of the customer for test items of one provider; submitted separately."""
    ensure_can(actor, "orders.request", customer.pk)
    ensure_person(actor, _("An order is placed by a person."))
    unknown = set(fields) - set(ORDER_FIELDS)
    if unknown:
        raise TypeError(f"Not an order field: {sorted(unknown)}")
    # Read afresh: an item withdrawn (or a provider suspended) since the form was shown is refused.
    wanted = list(dict.fromkeys(service.pk for service in test_services))
    fresh = TestService.objects.select_related("organization").in_bulk(wanted)
    if len(fresh) < len(wanted):
        raise InvalidInput(_("A test item is no longer offered."), field="test_services")
    services = [fresh[pk] for pk in wanted]
    provider = _check_services(services)
    if provider.pk == customer.pk:
        raise InvalidInput(_("A provider does not order its own tests."), field="test_services")
    count = fields.get("sample_count")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_SAMPLES:
        raise InvalidInput(
            _("Send between 1 and %(max)d samples.") % {"max": MAX_SAMPLES}, field="sample_count"
        )
    if "funding_source" in fields:
        fields["funding_source"] = user_profile.clean_funding(fields["funding_source"])
    if "subject_areas" in fields:
        fields["subject_areas"] = user_profile.clean_subject_areas(fields["subject_areas"])
    order = ServiceOrder(
        provider=provider,
        customer=customer,
        created_by=actor.user,
        created_at=clock.now(),
        **fields,
    )
    validate_fields(order, exclude=["provider", "customer", "created_by"])
    order.save()
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            test_service=service,
            method_code=service.method_code,
            self_verification=service.allow_self_verification,
        )
        for service in services
    )
    record(actor, "order.drafted", order, items=[service.pk for service in services])
    return order


@transaction.atomic
def submit_order(actor: Actor, order: ServiceOrder) -> ServiceOrder:
    order = locked(order)
    ensure_customer(actor, order)
    ensure_status(order, ServiceOrder.Status.DRAFT)
    items = list(order.items.select_related("test_service__organization"))
    _check_services([item.test_service for item in items])
    move(actor, order, ServiceOrder.Status.SUBMITTED)
    notifications.submitted(order)
    return order


def _quote_lines(order: ServiceOrder, lines) -> list[QuoteLine]:
    if not lines:
        raise InvalidInput(_("A quote needs at least one line."), field="lines")
    if len(lines) > MAX_QUOTE_LINES:
        raise InvalidInput(
            _("A quote has at most %(max)d lines.") % {"max": MAX_QUOTE_LINES}, field="lines"
        )
    result = []
    for description, quantity, unit_price in lines:
        description = (description or "").strip()
        if not description:
            raise InvalidInput(_("Every quote line needs a description."), field="lines")
        unit_price = _price(unit_price)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise InvalidInput(_("A quantity is a whole number of at least 1."), field="lines")
        if unit_price < 0:
            raise InvalidInput(_("A price cannot be negative."), field="lines")
        amount = to_fen(unit_price * quantity)
        line = QuoteLine(
            order=order,
            description=description[:100],
            quantity=quantity,
            unit_price=unit_price,
            amount=amount,
        )
        try:  # the columns' sizes: an absurd price or quantity is the user's mistake, not a 500
            validate_fields(line, exclude=["order"])
        except InvalidInput as error:
            raise InvalidInput(error.message, field="lines") from error
        result.append(line)
    if sum(line.amount for line in result) > MAX_TOTAL:
        raise InvalidInput(_("The quote's total is too large."), field="lines")
    return result


def _price(value) -> Decimal:
    """A unit price as typed or sent (Decimal, int or text), in cents; None or text that is no
    finite number is a line without a price."""
    try:
        if value is None:
            raise InvalidOperation
        price = Decimal(str(value).strip())
        if not price.is_finite():
            raise InvalidOperation
        return to_fen(price)  # 1e99 raises too
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Every quote line needs a price."), field="lines") from None


@transaction.atomic
def quote_order(
    actor: Actor, order: ServiceOrder, lines, expected_date: date, note: str = ""
) -> ServiceOrder:
    """The provider's price and date. lines: (description, quantity, unit price)."""
    order = locked(order)
    ensure_provider(actor, order)
    ensure_status(order, ServiceOrder.Status.SUBMITTED)
    quote_lines = _quote_lines(order, lines)
    if expected_date is None or expected_date < clock.today():
        raise InvalidInput(_("The expected date must not be in the past."), field="expected_date")
    QuoteLine.objects.bulk_create(quote_lines)
    order.quote_total = sum((line.amount for line in quote_lines), Decimal("0.00"))
    order.expected_date = expected_date
    order.quote_note = note.strip()[:500]
    move(
        actor,
        order,
        ServiceOrder.Status.QUOTED,
        ("quote_total", "expected_date", "quote_note"),
        total=str(order.quote_total),
    )
    notifications.quoted(order)
    return order


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give a reason."), field="reason")
    return reason[:200]


@transaction.atomic
def reject_order(actor: Actor, order: ServiceOrder, reason: str) -> ServiceOrder:
    order = locked(order)
    ensure_provider(actor, order)
    ensure_status(order, ServiceOrder.Status.SUBMITTED)
    order.reason = _reason(reason)
    move(actor, order, ServiceOrder.Status.REJECTED, ("reason",), reason=order.reason)
    notifications.rejected(order)
    return order


@transaction.atomic
def accept_quote(actor: Actor, order: ServiceOrder) -> ServiceOrder:
    order = locked(order)
    ensure_customer(actor, order)
    ensure_status(order, ServiceOrder.Status.QUOTED)
    move(actor, order, ServiceOrder.Status.ACCEPTED, total=str(order.quote_total))
    notifications.accepted(order)
    return order


@transaction.atomic
def decline_quote(actor: Actor, order: ServiceOrder, reason: str) -> ServiceOrder:
    order = locked(order)
    ensure_customer(actor, order)
    ensure_status(order, ServiceOrder.Status.QUOTED)
    order.reason = _reason(reason)
    move(actor, order, ServiceOrder.Status.DECLINED, ("reason",), reason=order.reason)
    notifications.declined(order)
    return order


def _release_instrument_time(order: ServiceOrder) -> None:
    """Instrument time the lab booked for a cancelled order goes back to the calendar: the
    platform cancels it for the provider, who is told as for any cancellation."""
    why = _("Test order %(number)s was cancelled by the client.") % {"number": order.number}
    for booking in order.bookings.select_related("reservation__instrument"):
        reservation = booking.reservation
        if reservation.status in (Reservation.Status.PENDING, Reservation.Status.CONFIRMED):
            cancel_reservation(system_actor(), reservation, why)


@transaction.atomic
def cancel_order(actor: Actor, order: ServiceOrder, reason: str) -> ServiceOrder:
    """The customer withdraws before the samples are received."""
    order = locked(order)
    ensure_customer(actor, order)
    ensure_status(order, *ServiceOrder.CANCELLABLE)
    order.reason = _reason(reason)
    was_draft = order.status == ServiceOrder.Status.DRAFT
    move(actor, order, ServiceOrder.Status.CANCELLED, ("reason",), reason=order.reason)
    _release_instrument_time(order)
    if not was_draft:
        notifications.cancelled(order)
    return order
