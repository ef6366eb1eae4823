"""Billing's side of the core.charging seam: charge events, estimate costs with the same rule."""

from decimal import Decimal

from django.utils import timezone

from labshare.billing import pricing, queries
from labshare.billing.services.charges import charge_order_event, charge_reservation_event
from labshare.booking.models import elapsed_minutes
from labshare.core import clock


class Biller:
    def delivered(self, actor, event: str, reservation=None, order=None) -> None:
        if reservation is not None:
            charge_reservation_event(actor, reservation, event)
        if order is not None:
            charge_order_event(actor, order)

    def estimate_time(self, instrument, organization, start, end) -> Decimal | None:
        _tier, price = queries.price_for(instrument, organization, timezone.localdate(start))
        if price is None:
            return None
        minutes = elapsed_minutes(start, end)
        return pricing.time_line(price.rule, minutes, minutes).amount

    def sample_price(self, test_service, organization) -> Decimal | None:
        _tier, price = queries.price_for(test_service, organization, clock.today())
        return None if price is None else price.unit_price
