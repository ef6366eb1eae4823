"""合作方案: a provider's answer to a need, and the questions and answers about it.

One live proposal per provider and need, and one accepted proposal per need, are unique keys:
two clicks or two staff members cannot make a second one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labshare.core.files import private_storage

LIVE = ("submitted", "shortlisted", "accepted")


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.SHORTLISTED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN},
        Status.SHORTLISTED: {Status.SUBMITTED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN},
        Status.ACCEPTED: set(),
        Status.DECLINED: set(),
        Status.WITHDRAWN: set(),
    }

    need = models.ForeignKey("cooperation.Need", on_delete=models.CASCADE, related_name="proposals")
    provider = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="proposals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approach = models.TextField(_("approach"), max_length=4000)
    team = models.TextField(_("team"), max_length=1000)
    timeline = models.TextField(_("timeline"), max_length=1000)
    duration_days = models.PositiveIntegerField(_("duration (days)"))
    price = models.DecimalField(_("price (yuan)"), max_digits=12, decimal_places=2)
    instruments = models.ManyToManyField(
        "catalog.Instrument", verbose_name=_("instruments"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    decline_message = models.TextField(_("message to the provider"), blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "provider"],
                condition=Q(status__in=LIVE),
                name="proposal_live_once",
            ),
            models.UniqueConstraint(
                fields=["need"], condition=Q(status="accepted"), name="proposal_accepted_once"
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="proposal_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} → {self.need}"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    def may_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]

    @property
    def is_live(self) -> bool:
        return self.status in LIVE


def attachment_path(message: "ProposalMessage", filename: str) -> str:
    """A random name (the upload's name is kept in attachment_name), in the private storage."""
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"cooperation/{message.proposal_id}/{uuid.uuid4().hex}.{extension}"


class ProposalMessage(models.Model):
    """A question or an answer in a proposal's thread, with at most one attachment."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="messages")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), max_length=2000)
    attachment = models.FileField(
        _("attachment"), upload_to=attachment_path, storage=private_storage, blank=True
    )
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["proposal", "created_at"], name="proposal_thread")]

    def __str__(self) -> str:
        return self.body[:40]
