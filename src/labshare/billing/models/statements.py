"""Billing runs, statements and payments.

A provider starts a billing run for a month: it gathers every charge of the provider not yet on
a statement and delivered by the month's end into one draft statement per customer. A draft can
be looked at and run again; issuing numbers the statements (`{provider code}-ST-{yyyymm}-{seq}`,
gapless) and freezes them: an issued statement's totals and lines never change, later
corrections go on the next one. Payments are recorded against a statement, never above what
the customer owes on it.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.billing.models.prices import MONEY


class BillingRun(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    provider = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month billed."))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    statement_count = models.PositiveIntegerField(_("statements"), default=0)
    charge_count = models.PositiveIntegerField(_("charges"), default=0)
    total = models.DecimalField(_("total (CNY)"), **MONEY, default=Decimal(0))
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)

    class Meta:
        verbose_name = _("billing run")
        verbose_name_plural = _("billing runs")
        ordering = ["-period", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "period"],
                condition=Q(status="draft"),
                name="billingrun_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.period:%Y-%m}"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id


class Statement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    run = models.ForeignKey(
        BillingRun,
        verbose_name=_("billing run"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    provider = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    customer = models.ForeignKey(
        Organization,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    period = models.DateField(_("month"))
    number = models.CharField(_("statement number"), max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    charge_count = models.PositiveIntegerField(_("charges"), default=0)
    total = models.DecimalField(_("total (CNY)"), **MONEY, default=Decimal(0))
    voucher_total = models.DecimalField(_("paid by vouchers (CNY)"), **MONEY, default=Decimal(0))
    due_total = models.DecimalField(_("customer owes (CNY)"), **MONEY, default=Decimal(0))
    paid_total = models.DecimalField(_("paid (CNY)"), **MONEY, default=Decimal(0))
    fapiao_number = models.CharField(_("fapiao number"), max_length=40, blank=True)
    fapiao_date = models.DateField(_("fapiao date"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-period", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="statement_number_unique"
            ),
            models.UniqueConstraint(fields=["run", "customer"], name="statement_one_per_customer"),
            models.CheckConstraint(
                condition=Q(paid_total__gte=0) & Q(paid_total__lte=models.F("due_total"))
                | Q(paid_total=0),
                name="statement_paid_within_due",
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "period"], name="statement_customer"),
            models.Index(fields=["provider", "period"], name="statement_provider"),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.customer} {self.period:%Y-%m}"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    @property
    def balance(self) -> Decimal:
        return self.due_total - self.paid_total

    @property
    def is_paid(self) -> bool:
        return self.status == self.Status.ISSUED and self.balance <= 0


class Payment(models.Model):
    """Money the provider received from the customer for a statement (bank transfer)."""

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(_("amount (CNY)"), **MONEY)
    paid_on = models.DateField(_("date received"))
    reference = models.CharField(_("bank transfer reference"), max_length=60)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.statement} · {self.amount}"

    @property
    def audit_organization_id(self) -> int:
        return self.statement.provider_id
