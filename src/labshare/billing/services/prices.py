"""Price lists: a provider's administrator sets the price of an item for a tier from a date.

A price never changes what was already charged: a new price may start in the past only where
no charge of the item and tier was made on or after its first day. Two prices of one item and
tier never hold on the same day (checked here in words, enforced by the database).
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from labshare.billing import pricing, queries
from labshare.billing.models import Charge, Price, Tier
from labshare.billing.models.prices import MAX_PRICE
from labshare.billing.services.common import money
from labshare.core.access import ensure_can
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput

# A minimum charge of more than 100 hours (or samples) at the unit price is a typing mistake.
MINIMUM_FACTOR = 100


def _item_kind(item) -> str:
    return "instrument" if item._meta.model_name == "instrument" else "test_service"


def _check(fields: dict, unit: str) -> dict:
    checked = dict(fields)
    checked["unit_price"] = money(fields["unit_price"], "unit_price", maximum=MAX_PRICE)
    for name in ("minimum", "cancellation_fee", "no_show_fee"):
        checked[name] = money(fields.get(name, 0), name, maximum=MAX_PRICE)
    if checked["minimum"] > checked["unit_price"] * MINIMUM_FACTOR:
        raise InvalidInput(
            _("The minimum charge is more than %(factor)d times the unit price; please check it.")
            % {"factor": MINIMUM_FACTOR},
            field="minimum",
        )
    increment = fields.get("increment_minutes", 15)
    if not isinstance(increment, int) or not 1 <= increment <= 24 * 60:
        raise InvalidInput(
            _("The billing increment is 1 to 1,440 minutes."), field="increment_minutes"
        )
    checked["increment_minutes"] = increment
    if fields.get("basis", pricing.BOOKED) not in pricing.BASES:
        raise InvalidInput(_("Choose a charge basis."), field="basis")
    if unit == pricing.PER_SAMPLE:
        # Samples have no booked time, no cancellation deadline and no show to miss.
        checked.update(basis=pricing.BOOKED, cancellation_fee=Decimal(0), no_show_fee=Decimal(0))
    return checked


@transaction.atomic
def set_price(actor: Actor, item, tier: str, valid_from, valid_until=None, **fields) -> Price:
    """A new price of an instrument (per hour) or a test item (per sample) for one tier.

    fields: unit_price, minimum, increment_minutes, basis, cancellation_fee, no_show_fee."""
    ensure_can(actor, "billing.edit_prices", item.organization_id)
    type(item).objects.select_for_update().filter(pk=item.pk).first()  # one writer per item
    if tier not in Tier.values:
        raise InvalidInput(_("Choose a customer tier."), field="tier")
    if valid_until is not None and valid_until < valid_from:
        raise InvalidInput(_("The last day comes before the first."), field="valid_until")
    unit = pricing.PER_HOUR if _item_kind(item) == "instrument" else pricing.PER_SAMPLE
    checked = _check(fields, unit)
    clash = queries.overlapping(item, tier, valid_from, valid_until)
    if clash is not None:
        raise Conflict(
            _(
                "Another price of this tier holds from %(start)s; end it first or choose other dates."
            )
            % {"start": clash.valid_from},
            field="valid_from",
            code="price_overlap",
        )
    if unit == pricing.PER_HOUR and _charged_since(item, tier, valid_from):
        raise Conflict(
            _("Services from that day were already charged; a new price can start after them."),
            field="valid_from",
            code="price_charged",
        )
    try:
        with transaction.atomic():
            price = Price.objects.create(
                provider_id=item.organization_id,
                **{_item_kind(item): item},
                tier=tier,
                valid_from=valid_from,
                valid_until=valid_until,
                unit=unit,
                created_by=actor.user,
                **checked,
            )
    except IntegrityError:
        raise Conflict(
            _("Another price of this tier holds on those days."), field="valid_from"
        ) from None
    record(
        actor,
        "price.set",
        price,
        item=str(item),
        tier=tier,
        valid_from=valid_from,
        valid_until=valid_until,
        unit_price=str(price.unit_price),
    )
    return price


def _charged_since(instrument, tier: str, day) -> bool:
    """Whether instrument time of the tier was charged on or after the day. (Test orders are
    charged at their accepted quote, which a test item's price only suggests.)"""
    return (
        Charge.objects.filter(reservation__instrument=instrument, tier=tier, delivered_on__gte=day)
        .exclude(kind=Charge.Kind.ADJUSTMENT)
        .exists()
    )


@transaction.atomic
def end_price(actor: Actor, price: Price, last_day) -> Price:
    """The price holds up to and including last_day (to make room for a new one)."""
    price = Price.objects.select_for_update().get(pk=price.pk)
    ensure_can(actor, "billing.edit_prices", price.provider_id)
    if last_day < price.valid_from:
        raise InvalidInput(_("The last day comes before the first."), field="valid_until")
    if price.valid_until is not None and last_day > price.valid_until:
        raise InvalidInput(
            _("A price can be ended earlier, not extended; set a new price instead."),
            field="valid_until",
        )
    used_after = Charge.objects.filter(price=price, delivered_on__gt=last_day)
    if used_after.exists():
        raise Conflict(
            _("Services after that day were charged at this price; choose a later day."),
            field="valid_until",
        )
    price.valid_until = last_day
    price.save(update_fields=["valid_until"])
    record(actor, "price.ended", price, valid_until=last_day)
    return price
