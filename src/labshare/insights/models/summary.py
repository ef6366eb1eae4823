"""The monthly summary behind the dashboards: each closed month's figures per instrument, per
provider and per provider–customer pair, written by `labshare tick` (insights/summary.py).

Derived data only: any row can be deleted and written again from the records. A month is read
from here only while no record behind it was written after `covers_until`; otherwise the
dashboards compute it from the records, so the summary can make a page faster, never wrong.
"""

from decimal import Decimal

from django.db import models

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument

HOURS = {"max_digits": 12, "decimal_places": 2, "default": Decimal(0)}
MONEY = {"max_digits": 14, "decimal_places": 2, "default": Decimal(0)}


class SummaryMonth(models.Model):
    """A month summarised: every record written before covers_until is in its rows."""

    month = models.DateField(unique=True)  # the first day
    covers_until = models.DateTimeField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)  # how long writing it took

    class Meta:
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class InstrumentMonth(models.Model):
    """One instrument's month: hours to 0.01 h as definitions.py rounds them, and the
    reservations that started in the month by outcome."""

    month = models.DateField()
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="+")
    effective = models.DecimalField(**HOURS)
    outside = models.DecimalField(**HOURS)
    booked = models.DecimalField(**HOURS)
    completed = models.PositiveIntegerField(default=0)
    no_show = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "instrument"], name="instrument_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.instrument_id}"


class ProviderMonth(models.Model):
    """One provider's net service income of the month, by date of service."""

    month = models.DateField()
    provider = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    income_inside = models.DecimalField(**MONEY)
    income_outside = models.DecimalField(**MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "provider"], name="provider_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.provider_id}"


class CustomerMonth(models.Model):
    """An outside organisation that used one of the provider's instruments in the month (for
    counting distinct customers over any run of months)."""

    month = models.DateField()
    provider = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "provider", "customer"], name="customer_month_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.provider_id}→{self.customer_id}"
