"""Charges, made exactly once, and disputes, decided by the provider.

A chargeable event (billing.biller, called by booking and orders inside their transaction)
makes one charge line with the price in force on the day of service; the unique keys on the
reservation and the order make a repeated or concurrent call find the first line instead of
making a second. Vouchers pay their part in the same transaction. A dispute never edits a line:
an approved one adds an adjustment line for the difference.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labshare.billing import pricing, queries
from labshare.billing.models import Charge, Dispute
from labshare.billing.services.common import money
from labshare.billing.services.vouchers import apply_vouchers, reapply_vouchers
from labshare.billing.tiers import tier_of
from labshare.booking.models import Reservation, elapsed_minutes
from labshare.core import charging, clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState
from labshare.core.money import to_fen
from labshare.orders.models import OrderBooking, ServiceOrder

FEES = {charging.LATE_CANCELLATION: "cancellation", charging.NO_SHOW: "no_show"}
KIND_OF_EVENT = {
    charging.COMPLETED: Charge.Kind.TIME,
    charging.LATE_CANCELLATION: Charge.Kind.CANCELLATION,
    charging.NO_SHOW: Charge.Kind.NO_SHOW,
}
STATUS_OF_EVENT = {
    charging.COMPLETED: Reservation.Status.COMPLETED,
    charging.LATE_CANCELLATION: Reservation.Status.CANCELLED,
    charging.NO_SHOW: Reservation.Status.NO_SHOW,
}


def _once(lookup: dict, fields: dict) -> tuple[Charge, bool]:
    """The charge of the event: made now, or found (made by an earlier or concurrent call)."""
    found = Charge.objects.filter(**lookup).exclude(kind=Charge.Kind.ADJUSTMENT).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return Charge.objects.create(**lookup, **fields), True
    except IntegrityError:
        found = Charge.objects.filter(**lookup).exclude(kind=Charge.Kind.ADJUSTMENT).first()
        if found is None:
            raise
        return found, False


def _used_minutes(reservation: Reservation) -> int:
    usage = getattr(reservation, "usage", None)
    if usage is None:
        return 0
    if usage.effective_minutes is not None:
        return usage.effective_minutes
    return elapsed_minutes(usage.start, usage.end)


def reservation_line(reservation: Reservation, event: str):
    """(price, tier, line) of a reservation's event, or None when nothing is to be charged."""
    day = timezone.localdate(reservation.start)
    tier, price = queries.price_for(reservation.instrument, reservation.organization, day)
    if price is None:
        return None
    if event in FEES:
        line = pricing.fee_line(price.rule, FEES[event])
        return (price, tier, line) if line.amount > 0 else None
    booked = elapsed_minutes(reservation.start, reservation.end)
    return price, tier, pricing.time_line(price.rule, booked, _used_minutes(reservation))


def _describe(reservation: Reservation, event: str) -> str:
    when = timezone.localtime(reservation.start)
    kinds = {
        charging.COMPLETED: _("Instrument time"),
        charging.LATE_CANCELLATION: _("Late cancellation fee"),
        charging.NO_SHOW: _("No-show fee"),
    }
    return f"{kinds[event]}：{reservation.instrument.name} {when:%Y-%m-%d %H:%M}"[:200]


def charge_reservation_event(actor: Actor, reservation: Reservation, event: str) -> Charge | None:
    """Charge a reservation's event; inside the caller's transaction, no permission asked (the
    event's own service checked it). None: no price holds, or the fee is zero."""
    if reservation.status != STATUS_OF_EVENT[event]:
        raise InvalidState(_("The reservation is not in a state that is charged."))
    if OrderBooking.objects.filter(reservation=reservation).exists():
        return None  # the lab's own time for a test order: the order's quote pays for it
    priced = reservation_line(reservation, event)
    if priced is None:
        return None
    price, tier, line = priced
    now = clock.now()
    charge, made = _once(
        {"reservation": reservation},
        {
            "provider_id": reservation.instrument.organization_id,
            "customer_id": reservation.organization_id,
            "kind": KIND_OF_EVENT[event],
            "service": Charge.Service.INSTRUMENT,
            "price": price,
            "description": _describe(reservation, event),
            "quantity": line.quantity,
            "unit": Charge.Unit.HOUR if event == charging.COMPLETED else Charge.Unit.FEE,
            "unit_price": line.unit_price,
            "tier": tier,
            "basis": line.basis if event == charging.COMPLETED else "",
            "minimum_applied": line.minimum_applied,
            "amount": line.amount,
            "delivered_at": now,
            "delivered_on": timezone.localdate(reservation.start),
        },
    )
    if made:
        apply_vouchers(charge)
        record(actor, "charge.made", charge, amount=str(charge.amount), tier=tier)
    return charge


def charge_order_event(actor: Actor, order: ServiceOrder) -> Charge | None:
    """Charge a completed test order at its accepted quote (the quote is the contract)."""
    if order.status != ServiceOrder.Status.COMPLETED or order.quote_total is None:
        return None
    now = clock.now()
    day = timezone.localdate(now)
    tier = tier_of(order.customer, order.provider_id, day)
    charge, made = _once(
        {"order": order},
        {
            "provider_id": order.provider_id,
            "customer_id": order.customer_id,
            "kind": Charge.Kind.TEST,
            "service": Charge.Service.TESTING,
            "description": (
                _("Test order %(number)s (%(samples)d samples, as quoted)")
                % {"number": order.number, "samples": order.sample_count}
            )[:200],
            "quantity": Decimal(1),
            "unit": Charge.Unit.ORDER,
            "unit_price": order.quote_total,
            "tier": tier,
            "basis": "",
            "amount": order.quote_total,
            "delivered_at": now,
            "delivered_on": day,
        },
    )
    if made:
        apply_vouchers(charge)
        record(actor, "charge.made", charge, amount=str(charge.amount), tier=tier)
    return charge


@transaction.atomic
def charge_reservation(actor: Actor, reservation: Reservation, event: str) -> Charge | None:
    """Charge (again) a reservation whose event was not charged, e.g. once a price is set.
    Idempotent: an event already charged returns its charge."""
    reservation = (
        Reservation.objects.select_for_update(of=("self",))
        .select_related("instrument", "organization")
        .get(pk=reservation.pk)
    )
    ensure_can(actor, "billing.run", reservation.instrument.organization_id)
    return charge_reservation_event(actor, reservation, event)


@transaction.atomic
def charge_order(actor: Actor, order: ServiceOrder) -> Charge | None:
    order = (
        ServiceOrder.objects.select_for_update(of=("self",))
        .select_related("customer")
        .get(pk=order.pk)
    )
    ensure_can(actor, "billing.run", order.provider_id)
    return charge_order_event(actor, order)


def _locked_charge(charge: Charge) -> Charge:
    return (
        Charge.objects.select_for_update(of=("self",)).select_related("customer").get(pk=charge.pk)
    )


@transaction.atomic
def dispute_charge(actor: Actor, charge: Charge, reason: str) -> Dispute:
    """The customer questions a charge within the dispute period, saying why."""
    charge = _locked_charge(charge)
    ensure_can(actor, "billing.dispute", charge.customer_id)
    ensure_person(actor, _("A dispute is raised by a person."))
    if charge.kind == Charge.Kind.ADJUSTMENT:
        raise InvalidState(_("An adjustment is disputed through the charge it adjusts."))
    deadline = charge.delivered_at + timedelta(days=settings.BILLING_DISPUTE_DAYS)
    if clock.now() > deadline:
        raise InvalidState(
            _("Charges can be disputed for %(days)d days; this one can no longer be.")
            % {"days": settings.BILLING_DISPUTE_DAYS},
            code="too_late",
        )
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Say what is wrong with the charge."), field="reason")
    try:
        with transaction.atomic():
            dispute = Dispute.objects.create(
                charge=charge, raised_by=actor.user, reason=reason[:500]
            )
    except IntegrityError:
        raise Conflict(_("This charge is already disputed."), field="reason") from None
    record(actor, "charge.disputed", charge, reason=dispute.reason)
    return dispute


def _locked_open(actor: Actor, dispute: Dispute) -> Dispute:
    """The dispute, locked, for the provider's staff who decide it, while it is open."""
    dispute = (
        Dispute.objects.select_for_update(of=("self",)).select_related("charge").get(pk=dispute.pk)
    )
    ensure_can(actor, "billing.run", dispute.charge.provider_id)
    ensure_person(actor, _("A dispute is decided by a person."))
    if dispute.status != Dispute.Status.OPEN:
        raise InvalidState(_("This dispute was already decided."))
    return dispute


def net_amount(claim: Charge) -> Decimal:
    """The claim's amount with its adjustments."""
    return claim.amount + sum((a.amount for a in claim.adjustments.all()), Decimal(0))


def _corrected(claim: Charge, current: Decimal, amount, quantity, waive: bool):
    """(new amount, line quantity, line unit, line unit price) of an approval."""
    if waive:
        return Decimal("0.00"), Decimal(1), Charge.Unit.FEE, -current
    if quantity is not None and str(quantity).strip() != "":
        if claim.unit not in (Charge.Unit.HOUR, Charge.Unit.SAMPLE):
            raise InvalidInput(
                _("This charge has no quantity to correct; enter the amount."), field="quantity"
            )
        try:
            hours = Decimal(str(quantity).strip())
        except ArithmeticError:
            hours = Decimal("NaN")
        if not hours.is_finite() or not Decimal(0) <= hours < claim.quantity:
            raise InvalidInput(
                _("The corrected quantity lies between 0 and the %(quantity)s charged.")
                % {"quantity": claim.quantity.normalize()},
                field="quantity",
            )
        new = to_fen(hours * claim.unit_price)
        return new, hours - claim.quantity, claim.unit, claim.unit_price
    if amount is None or str(amount).strip() == "":
        raise InvalidInput(_("Enter the corrected amount, or waive the charge."), field="amount")
    new = money(amount, "amount")
    return new, Decimal(1), Charge.Unit.FEE, new - current


@transaction.atomic
def approve_dispute(
    actor: Actor,
    dispute: Dispute,
    *,
    amount=None,
    quantity=None,
    waive: bool = False,
    note: str = "",
) -> Dispute:
    """The provider agrees: the charge becomes amount, or quantity × its unit price, or
    nothing (waived). The difference is a new adjustment line; the voucher's part is
    recomputed on the new amount."""
    dispute = _locked_open(actor, dispute)
    claim = _locked_charge(dispute.charge)
    current = net_amount(claim)
    new, line_quantity, unit, unit_price = _corrected(claim, current, amount, quantity, waive)
    if new >= current:
        raise InvalidInput(
            _("An approved dispute lowers the charge; it is %(current)s now.")
            % {"current": current},
            field="quantity" if unit != Charge.Unit.FEE else "amount",
        )
    now = clock.now()
    adjustment = Charge.objects.create(
        provider_id=claim.provider_id,
        customer_id=claim.customer_id,
        kind=Charge.Kind.ADJUSTMENT,
        service=claim.service,
        reservation=claim.reservation,
        order=claim.order,
        adjusts=claim,
        description=(_("Correction: %(original)s") % {"original": claim.description})[:200],
        quantity=line_quantity,
        unit=unit,
        unit_price=unit_price,
        tier=claim.tier,
        amount=new - current,
        delivered_at=now,
        delivered_on=timezone.localdate(now),
    )
    reapply_vouchers(adjustment, claim, new)
    dispute.status = Dispute.Status.APPROVED
    dispute.decided_by = actor.user
    dispute.decided_at = now
    dispute.note = note.strip()[:500]
    dispute.adjustment = adjustment
    dispute.save(update_fields=["status", "decided_by", "decided_at", "note", "adjustment"])
    record(actor, "charge.adjusted", claim, was=str(current), now=str(new), note=dispute.note)
    return dispute


@transaction.atomic
def deny_dispute(actor: Actor, dispute: Dispute, note: str) -> Dispute:
    dispute = _locked_open(actor, dispute)
    note = note.strip()
    if not note:
        raise InvalidInput(_("Tell the customer why the charge stands."), field="note")
    dispute.status = Dispute.Status.DENIED
    dispute.decided_by = actor.user
    dispute.decided_at = clock.now()
    dispute.note = note[:500]
    dispute.save(update_fields=["status", "decided_by", "decided_at", "note"])
    record(actor, "charge.dispute_denied", dispute.charge, note=dispute.note)
    return dispute
