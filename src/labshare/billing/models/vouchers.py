"""Innovation vouchers (科技创新券): programmes, verified attributes, grants, redemptions,
settlements.

A programme's rules are data (share, caps, budget, eligible attributes and services, dates), so
a district's rules need no code. Money flows in counters kept on locked rows: a grant's
`redeemed` never passes its quota and a programme's `redeemed` never passes its budget (check
constraints back the service's arithmetic), so no burst of charges can overspend either.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.billing.models.prices import MONEY


class Attribute(models.TextChoices):
    """Attributes that decide money: they count only once the operator verified them."""

    TECH_SME = "tech_sme", _("technology-based SME")
    HIGH_TECH = "high_tech", _("high-tech enterprise")
    GAZELLE = "gazelle", _("gazelle enterprise")
    EAGLET = "eaglet", _("eaglet enterprise")
    STARTUP_TEAM = "startup_team", _("start-up team")


class Verification(models.Model):
    """The operator saw the evidence that an organisation holds an attribute."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    attribute = models.CharField(_("attribute"), max_length=16, choices=Attribute.choices)
    verified_on = models.DateField(_("verified on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document_reference = models.CharField(
        _("document reference"),
        max_length=120,
        help_text=_("The certificate or list entry seen, e.g. its number and issuing office."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-verified_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "attribute"],
                condition=Q(revoked_at__isnull=True),
                name="verification_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_attribute_display()}"

    def holds_on(self, day) -> bool:
        return (
            self.revoked_at is None
            and self.verified_on <= day
            and (self.valid_until is None or day <= self.valid_until)
        )


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    eligible_attributes = models.JSONField(_("eligible attributes"), default=list)
    services = models.JSONField(_("eligible services"), default=list)
    share = models.DecimalField(
        _("share paid by the voucher"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
        help_text=_("For example 0.5 for half of the amount."),
    )
    per_claim_cap = models.DecimalField(_("cap per claim (CNY)"), **MONEY)
    per_firm_cap = models.DecimalField(_("cap per firm and year (CNY)"), **MONEY)
    budget = models.DecimalField(_("total budget (CNY)"), **MONEY)
    granted = models.DecimalField(_("granted (CNY)"), **MONEY, default=Decimal(0))
    redeemed = models.DecimalField(_("redeemed (CNY)"), **MONEY, default=Decimal(0))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voucher programme")
        verbose_name_plural = _("voucher programmes")
        ordering = ["-year", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gt=0, share__lte=1), name="programme_share_range"
            ),
            models.CheckConstraint(
                condition=Q(redeemed__gte=0, redeemed__lte=F("budget")),
                name="programme_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(granted__gte=0, granted__lte=F("budget")),
                name="programme_grants_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="programme_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def remaining_budget(self) -> Decimal:
        return self.budget - self.redeemed

    def holds_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_until


class Grant(models.Model):
    """The quota a programme gives one firm for its year."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="grants"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("firm"), on_delete=models.PROTECT, related_name="grants"
    )
    quota = models.DecimalField(_("quota (CNY)"), **MONEY)
    redeemed = models.DecimalField(_("redeemed (CNY)"), **MONEY, default=Decimal(0))
    granted_on = models.DateField(_("granted on"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voucher grant")
        verbose_name_plural = _("voucher grants")
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organization"], name="grant_one_per_firm"
            ),
            models.CheckConstraint(
                condition=Q(quota__gt=0, redeemed__gte=0, redeemed__lte=F("quota")),
                name="grant_within_quota",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.organization}"

    @property
    def remaining(self) -> Decimal:
        return self.quota - self.redeemed


class Redemption(models.Model):
    """What a voucher pays of one charge line; a reversal gives it back (a negative amount).

    `charge` is the line the amount appears on (and so the statement); `claim` is the service
    charge it pays for, which an adjustment line shares with its original."""

    class Kind(models.TextChoices):
        REDEEM = "redeem", _("Redeemed")
        REVERSAL = "reversal", _("Reversed")

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.PROTECT, related_name="redemptions"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    charge = models.ForeignKey(
        "billing.Charge", on_delete=models.PROTECT, related_name="redemptions"
    )
    claim = models.ForeignKey("billing.Charge", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    amount = models.DecimalField(_("amount (CNY)"), **MONEY)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    service_on = models.DateField(_("date of service"))
    settlement = models.ForeignKey(
        "billing.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="redemptions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voucher redemption")
        verbose_name_plural = _("voucher redemptions")
        ordering = ["service_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["charge", "kind"], name="redemption_once_per_line"),
            models.CheckConstraint(
                condition=Q(kind="redeem", amount__gt=0, reverses__isnull=True)
                | Q(kind="reversal", amount__lt=0, reverses__isnull=False),
                name="redemption_sign",
            ),
        ]
        indexes = [
            models.Index(
                fields=["programme", "provider", "settlement", "service_on"],
                name="redemption_unsettled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant} · {self.amount}"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id


class Settlement(models.Model):
    """The operator pays a provider what vouchers covered in a quarter (季度结算)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Settled")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="settlements"
    )
    provider = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    quarter = models.DateField(_("quarter"), help_text=_("The first day of the quarter."))
    number = models.CharField(_("settlement number"), max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    redemption_count = models.PositiveIntegerField(_("redemptions"), default=0)
    total = models.DecimalField(_("total (CNY)"), **MONEY, default=Decimal(0))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(_("settled"), null=True, blank=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["-quarter", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "provider", "quarter"],
                condition=Q(status="draft"),
                name="settlement_one_draft",
            ),
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="settlement_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.programme} · {self.provider} · {self.quarter:%Y-%m}"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    @property
    def quarter_label(self) -> str:
        return f"{self.quarter.year}Q{(self.quarter.month - 1) // 3 + 1}"
