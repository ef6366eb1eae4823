"""The seam between the services that deliver (booking, orders) and billing, which sits above.

Booking and orders announce a chargeable event inside the transaction that makes it (a
reservation completed, cancelled late or missed; a test order completed), and ask for the cost
estimate their forms show. Billing registers itself here when it loads (BillingConfig.ready):
the charge then commits or rolls back with the event, and what a form estimates is what billing
will charge, from the same price and the same arithmetic. Without billing (a deployment that
leaves the app out) nothing is charged and no estimate is shown.
"""

from datetime import datetime
from decimal import Decimal
from typing import Protocol

COMPLETED, LATE_CANCELLATION, NO_SHOW = "completed", "late_cancellation", "no_show"


class Biller(Protocol):
    def delivered(self, actor, event: str, reservation=None, order=None) -> None:
        """Charge the event (exactly once; a repeated call changes nothing)."""

    def estimate_time(
        self, instrument, organization, start: datetime, end: datetime
    ) -> Decimal | None:
        """What booking the instrument for [start, end) would cost the organisation."""

    def sample_price(self, test_service, organization) -> Decimal | None:
        """The price per sample the organisation pays today (a quote line's default)."""


_biller: Biller | None = None


def register(biller: Biller) -> None:
    global _biller
    _biller = biller


def delivered(actor, event: str, *, reservation=None, order=None) -> None:
    if _biller is not None:
        _biller.delivered(actor, event, reservation=reservation, order=order)


def estimate_time(instrument, organization, start, end) -> Decimal | None:
    if _biller is None or start is None or end is None or end <= start:
        return None
    return _biller.estimate_time(instrument, organization, start, end)


def sample_price(test_service, organization) -> Decimal | None:
    if _biller is None:
        return None
    return _biller.sample_price(test_service, organization)
