"""Charges: one line per chargeable event, made exactly once, never edited after.

A reservation completed, cancelled late or missed (no-show) and a test order completed each
make one charge; unique keys on the reservation and on the order (for lines that adjust
nothing) make a second one impossible, whoever triggers it and however often. A correction is
a dispute the provider decides: an approved one adds an adjustment line (the difference) that
names the line it adjusts; the original keeps its values.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.billing.models.prices import MONEY, Price, Tier
from labshare.booking.models import Reservation
from labshare.orders.models import ServiceOrder


class Charge(models.Model):
    class Kind(models.TextChoices):
        TIME = "time", _("Instrument time")
        TEST = "test", _("Testing")
        CANCELLATION = "cancellation", _("Late cancellation fee")
        NO_SHOW = "no_show", _("No-show fee")
        ADJUSTMENT = "adjustment", _("Adjustment")

    class Service(models.TextChoices):
        """What was delivered, in the voucher programmes' terms."""

        INSTRUMENT = "instrument", _("Instrument time")
        TESTING = "testing", _("Testing")
        COOPERATION = "cooperation", _("R&D cooperation")

    class Unit(models.TextChoices):
        HOUR = "hour", _("hours")
        SAMPLE = "sample", _("samples")
        ORDER = "order", _("order (as quoted)")
        FEE = "fee", _("fee")

    provider = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    customer = models.ForeignKey(
        Organization, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="charges"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    service = models.CharField(_("service"), max_length=12, choices=Service.choices)
    reservation = models.ForeignKey(
        Reservation, on_delete=models.PROTECT, null=True, blank=True, related_name="charges"
    )
    order = models.ForeignKey(
        ServiceOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="charges"
    )
    adjusts = models.ForeignKey(
        "self",
        verbose_name=_("adjusts"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
    )
    price = models.ForeignKey(Price, on_delete=models.PROTECT, null=True, blank=True)
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    unit_price = models.DecimalField(_("unit price (CNY)"), **MONEY)
    tier = models.CharField(_("customer tier"), max_length=12, choices=Tier.choices)
    basis = models.CharField(
        _("charge basis"), max_length=12, choices=Price.Basis.choices, blank=True
    )
    minimum_applied = models.BooleanField(_("minimum charge applied"), default=False)
    amount = models.DecimalField(_("amount (CNY)"), **MONEY)
    # What vouchers pay of this line (the sum of its redemptions), kept with the line under the
    # same lock so that a statement reads it without adding up redemptions.
    voucher_amount = models.DecimalField(_("paid by voucher (CNY)"), **MONEY, default=Decimal(0))
    delivered_at = models.DateTimeField(_("delivered"))
    delivered_on = models.DateField(_("date of service"))
    statement = models.ForeignKey(
        "billing.Statement",
        verbose_name=_("statement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
    )
    created_at = models.DateTimeField(_("charged"), auto_now_add=True)

    ORIGINAL = ~Q(kind="adjustment")

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["delivered_at", "id"]
        constraints = [
            # Exactly once: one original charge per reservation and per order, whoever asks.
            models.UniqueConstraint(
                fields=["reservation"],
                condition=Q(reservation__isnull=False) & ~Q(kind="adjustment"),
                name="charge_reservation_once",
            ),
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(order__isnull=False) & ~Q(kind="adjustment"),
                name="charge_order_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="adjustment", adjusts__isnull=False)
                | (~Q(kind="adjustment") & Q(adjusts__isnull=True)),
                name="charge_adjustment_names_original",
            ),
            models.CheckConstraint(
                condition=Q(kind="adjustment")
                | Q(amount__gte=0, voucher_amount__gte=0, voucher_amount__lte=models.F("amount")),
                name="charge_voucher_within_amount",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "statement", "delivered_on"], name="charge_unbilled"),
            models.Index(fields=["customer", "delivered_on"], name="charge_customer"),
            models.Index(fields=["provider", "delivered_on"], name="charge_provider"),
            models.Index(fields=["delivered_on"], name="charge_delivered"),  # district figures
            models.Index(fields=["created_at"], name="charge_created"),  # insights/summary.py
        ]

    def __str__(self) -> str:
        return f"{self.description} · {self.amount}"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    @property
    def customer_share(self) -> Decimal:
        return self.amount - self.voucher_amount


class Dispute(models.Model):
    """A customer questions a charge; the provider approves (an adjustment line) or denies."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the provider")
        APPROVED = "approved", _("Approved")
        DENIED = "denied", _("Denied")

    charge = models.ForeignKey(
        Charge, verbose_name=_("charge"), on_delete=models.PROTECT, related_name="disputes"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.CharField(_("note from the provider"), max_length=500, blank=True)
    adjustment = models.OneToOneField(
        Charge, on_delete=models.PROTECT, null=True, blank=True, related_name="dispute_of"
    )
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["charge"], condition=Q(status="open"), name="dispute_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.charge} ({self.get_status_display()})"

    @property
    def audit_organization_id(self) -> int:
        return self.charge.provider_id
