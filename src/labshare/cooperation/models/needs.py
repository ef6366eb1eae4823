"""技术需求: a customer's technical problem, who may read its details, and who it matches.

A need is public (everybody reads it whole) or confidential: the board shows only its public
summary, and a provider reads the details once the firm has invited it (or approved its
request) and one of its people has accepted the confidentiality undertaking. The undertaking is
recorded with its time, its person and the text they accepted.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    """The statutory technology-contract types (民法典 第二十章 技术合同)."""

    COMMISSIONED = "commissioned", _("Commissioned development")
    JOINT = "joint", _("Joint development")
    TRANSFER = "transfer", _("Technology transfer")
    LICENSE = "license", _("Technology licensing")
    CONSULTING = "consulting", _("Technical consulting")
    SERVICE = "service", _("Technical service")


MAX_BUDGET = Decimal("1000000000")  # 10亿元: beyond any need a district platform sees
NEED_FIELDS = (
    "title",
    "problem",
    "expected_outcome",
    "public_summary",
    "field",
    "mode",
    "budget_min",
    "budget_max",
    "deadline",
    "is_confidential",
)


class Need(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for proposals")
        AWARDED = "awarded", _("Proposal accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    customer = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="needs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=80)
    problem = models.TextField(_("problem"), max_length=4000)
    expected_outcome = models.TextField(_("expected outcome"), max_length=1000)
    public_summary = models.CharField(
        _("public summary"),
        max_length=300,
        blank=True,
        help_text=_("What everybody may read of a confidential need."),
    )
    field = models.ForeignKey(
        "cooperation.IndustryField",
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("industry field"),
    )
    disciplines = models.ManyToManyField(
        "catalog.Discipline", verbose_name=_("disciplines"), related_name="needs"
    )
    mode = models.CharField(_("cooperation mode"), max_length=16, choices=Mode.choices)
    budget_min = models.DecimalField(
        _("budget from (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("budget up to (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(_("proposals until"))
    is_confidential = models.BooleanField(_("confidential"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    close_reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("technical need")
        verbose_name_plural = _("technical needs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "deadline"], name="need_board")]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_min__lte=F("budget_max")),
                name="need_budget_range",
            ),
            models.CheckConstraint(
                condition=Q(is_confidential=False) | ~Q(public_summary=""),
                name="need_confidential_has_summary",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organization_id(self) -> int:
        return self.customer_id

    def accepts_proposals(self, today) -> bool:
        return self.status == self.Status.OPEN and self.deadline >= today

    @property
    def summary(self) -> str:
        """What the board shows: the public summary, or the start of a public need's problem."""
        if self.public_summary:
            return self.public_summary
        return self.problem[:140] + ("…" if len(self.problem) > 140 else "")


# The text a provider's person accepts before reading a confidential need (kept on each row,
# so a later rewording never changes what somebody accepted).
UNDERTAKING = _(
    "On behalf of %(provider)s I undertake to keep the details of this need confidential: to use "
    "them only to prepare a proposal for %(customer)s, not to disclose them to third parties, and "
    "to delete them if no agreement follows."
)


class NeedAccess(models.Model):
    """One provider's access to a confidential need: invited or requested, granted by the firm,
    and the undertaking a person of the provider accepted."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="accesses")
    provider = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="need_accesses"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    requested_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undertaking_at = models.DateTimeField(_("undertaking accepted"), null=True, blank=True)
    undertaking_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undertaking_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("access to a confidential need")
        verbose_name_plural = _("accesses to confidential needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "provider"], name="need_access_once"),
            # Details are read only under an undertaking that was granted first.
            models.CheckConstraint(
                condition=Q(undertaking_at__isnull=True) | Q(status="granted"),
                name="need_access_undertaking_granted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} → {self.need_id}"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    @property
    def reads_details(self) -> bool:
        return self.status == self.Status.GRANTED and self.undertaking_at is not None


class NeedMatch(models.Model):
    """A provider suggested for a need, written when the need is posted or edited: what the
    provider's list of matched needs reads."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    provider = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="need_matches"
    )
    score = models.FloatField()
    instruments = models.PositiveIntegerField(default=0)
    test_services = models.PositiveIntegerField(default=0)
    past_agreements = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-score", "provider_id"]
        constraints = [models.UniqueConstraint(fields=["need", "provider"], name="need_match_once")]

    def __str__(self) -> str:
        return f"{self.provider_id} ~ {self.need_id}"


def provider_reads(need: Need, provider_id: int | None) -> bool:
    """Whether a provider reads the need whole: a public need, or a granted access whose
    undertaking was accepted (the one rule the page, the form and the services ask)."""
    if not need.is_confidential:
        return True
    return NeedAccess.objects.filter(
        need=need,
        provider_id=provider_id,
        status=NeedAccess.Status.GRANTED,
        undertaking_at__isnull=False,
    ).exists()
