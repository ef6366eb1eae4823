"""Price lists: what an instrument hour or a test sample costs a customer of one tier, from a date.

A price belongs to one instrument or one test item and one customer tier, and holds for the days
[valid_from, valid_until] (until: inclusive, empty = until further notice). Two prices of one
item and tier never hold on the same day: the service refuses it with a message, and the
database refuses it too (an exclusion constraint on PostgreSQL, a trigger on SQLite; migration
0002), so that a charge always finds exactly one price in force on the day of service.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.billing import pricing
from labshare.catalog.models import Instrument, TestService

MONEY = {"max_digits": 12, "decimal_places": 2}
MAX_PRICE = Decimal("1000000.00")  # per hour or sample: more is a typing mistake


class Tier(models.TextChoices):
    """Who pays which price. The tier comes from the customer's relation to the provider and its
    operator-verified attributes (billing.tiers), never from what it declares itself."""

    INTERNAL = "internal", _("Internal (the provider's own unit)")
    ACADEMIC = "academic", _("Universities and institutes")
    ENTERPRISE = "enterprise", _("Enterprises")
    SME = "sme", _("SMEs and start-up teams (verified)")


class Price(models.Model):
    class Unit(models.TextChoices):
        HOUR = pricing.PER_HOUR, _("per hour")
        SAMPLE = pricing.PER_SAMPLE, _("per sample")

    class Basis(models.TextChoices):
        BOOKED = pricing.BOOKED, _("booked time")
        USED = pricing.USED, _("used time")
        GREATER = pricing.GREATER, _("the greater of booked and used time")

    provider = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="+"
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prices",
    )
    test_service = models.ForeignKey(
        TestService,
        verbose_name=_("test item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prices",
    )
    tier = models.CharField(_("customer tier"), max_length=12, choices=Tier.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    unit_price = models.DecimalField(
        _("price (CNY)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    minimum = models.DecimalField(
        _("minimum charge (CNY)"), **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    increment_minutes = models.PositiveSmallIntegerField(
        _("billing increment (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text=_("Time is rounded up to whole increments."),
    )
    basis = models.CharField(
        _("charge basis"), max_length=8, choices=Basis.choices, default=Basis.BOOKED
    )
    cancellation_fee = models.DecimalField(
        _("late cancellation fee (CNY)"),
        **MONEY,
        default=Decimal("0"),
        help_text=_("Charged when the customer cancels after the cancellation deadline."),
    )
    no_show_fee = models.DecimalField(_("no-show fee (CNY)"), **MONEY, default=Decimal("0"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    RULE_FIELDS = (
        "unit_price",
        "minimum",
        "increment_minutes",
        "basis",
        "cancellation_fee",
        "no_show_fee",
    )

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        ordering = ["tier", "-valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(instrument__isnull=True) ^ Q(test_service__isnull=True),
                name="price_one_item",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="price_period_order",
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0)
                & Q(minimum__gte=0)
                & Q(cancellation_fee__gte=0)
                & Q(no_show_fee__gte=0),
                name="price_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["instrument", "tier", "valid_from"], name="price_instrument"),
            models.Index(fields=["test_service", "tier", "valid_from"], name="price_test_service"),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_tier_display()} · {self.unit_price}"

    @property
    def item(self):
        return self.instrument or self.test_service

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    @property
    def rule(self) -> pricing.Rule:
        return pricing.Rule(
            unit=self.unit, **{name: getattr(self, name) for name in self.RULE_FIELDS}
        )

    def holds_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
