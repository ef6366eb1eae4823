"""合作协议: the contract an accepted proposal becomes, its milestones, and the instrument
time and test orders made under it.

An agreement is a draft while the two sides settle its terms and milestones; each side's
contract holder then signs it, and it is in force once both have (a change to the terms clears
both signatures). The milestones' amounts never add up to more than the contract value: the
services check it under the agreement's lock, so two edits cannot together pass the value.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labshare.cooperation.models.needs import Mode


class Agreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being agreed")
        ACTIVE = "active", _("In force")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")

    TRANSITIONS = {
        Status.DRAFT: {Status.ACTIVE, Status.TERMINATED},
        Status.ACTIVE: {Status.COMPLETED, Status.TERMINATED},
        Status.COMPLETED: set(),
        Status.TERMINATED: set(),
    }

    need = models.ForeignKey("cooperation.Need", on_delete=models.PROTECT, related_name="+")
    proposal = models.OneToOneField(
        "cooperation.Proposal", on_delete=models.PROTECT, related_name="agreement"
    )
    customer = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="agreements_as_customer"
    )
    provider = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="agreements_as_provider"
    )
    title = models.CharField(_("title"), max_length=80)
    contract_type = models.CharField(_("contract type"), max_length=16, choices=Mode.choices)
    value = models.DecimalField(_("contract value (yuan)"), max_digits=12, decimal_places=2)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    customer_signed_at = models.DateTimeField(null=True, blank=True)
    customer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider_signed_at = models.DateTimeField(null=True, blank=True)
    provider_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registration_number = models.CharField(
        _("technology-contract registration number"), max_length=30, blank=True
    )
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["signed_on"], name="agreement_signed")]
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="agreement_value_positive"),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(status="terminated", signed_on__isnull=True)
                | Q(signed_on__isnull=False),
                name="agreement_signed_in_force",
            ),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="agreement_registration_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organization_id(self) -> int:
        return self.customer_id

    def may_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


class Milestone(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="milestones")
    deliverable = models.CharField(_("deliverable"), max_length=200)
    due_on = models.DateField(_("due date"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="milestone_amount"),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(delivered_at__isnull=False),
                name="milestone_accepted_after_delivery",
            ),
        ]

    def __str__(self) -> str:
        return self.deliverable

    @property
    def audit_organization_id(self) -> int:
        return self.agreement.customer_id

    def is_overdue(self, today) -> bool:
        return self.accepted_at is None and self.due_on < today


class AgreementLink(models.Model):
    """Instrument time or a test order made under an agreement (each at most under one)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="links")
    reservation = models.OneToOneField(
        "booking.Reservation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    order = models.OneToOneField(
        "orders.ServiceOrder", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField()

    class Meta:
        ordering = ["linked_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reservation__isnull=True, order__isnull=False)
                | Q(reservation__isnull=False, order__isnull=True),
                name="agreement_link_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.reservation_id or self.order_id}"
