from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labshare.accounts.uscc import validate_uscc
from labshare.core.permissions import PERMISSIONS


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.full_name or self.username


class Organization(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University or college")
        INSTITUTE = "institute", _("Research institute")
        ENTERPRISE = "enterprise", _("Enterprise")
        TEAM = "team", _("Start-up team")
        GOVERNMENT = "government", _("Government or operator")

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_sort = models.CharField(max_length=200, blank=True, editable=False)  # pinyin
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    code = models.CharField(
        _("provider code"),
        max_length=8,
        blank=True,
        help_text=_("3 to 8 capital letters, used in report numbers."),
    )
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ENTERPRISE)
    is_provider = models.BooleanField(_("provider"), default=False)
    is_customer = models.BooleanField(_("customer"), default=True)
    is_operator = models.BooleanField(_("platform operator"), default=False)
    provider_requested_at = models.DateTimeField(
        _("provider application time"), null=True, blank=True
    )
    is_tech_sme = models.BooleanField(_("technology-based SME"), default=False)
    is_high_tech = models.BooleanField(_("high-tech enterprise"), default=False)
    is_gazelle = models.BooleanField(_("gazelle enterprise"), default=False)
    is_eaglet = models.BooleanField(_("eaglet enterprise"), default=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # What the organization's own administrator edits (and registration fills in).
    PROFILE_FIELDS = (
        "name",
        "short_name",
        "uscc",
        "kind",
        "address",
        "contact_name",
        "contact_phone",
        "contact_email",
        "description",
        "is_tech_sme",
        "is_high_tech",
        "is_gazelle",
        "is_eaglet",
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_sort", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="organization_code_unique"
            ),
        ]

    SORT_KEYS = {"name_sort": "name"}

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_provider_pending(self) -> bool:
        return self.provider_requested_at is not None and not self.is_provider


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        STAFF = "staff", _("Technical staff")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    # Named permissions granted to this member beyond the role (core.permissions.GRANTABLE).
    extra_permissions = models.JSONField(_("extra permissions"), default=list, blank=True)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"

    @property
    def extra_permission_labels(self) -> list[tuple[str, str]]:
        return [(name, PERMISSIONS[name]) for name in self.extra_permissions if name in PERMISSIONS]


class ApiToken(models.Model):
    """A personal key for scripts: one user, one organisation, a set of scopes (permissions).

    Only a SHA-256 of the key is stored; the key itself is shown once, when it is made. The token
    can never do more than its user may in that organisation, and nothing in another.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(_("key prefix"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ProviderApplication(models.Model):
    """An organisation asks to become a provider: what the operator needs to decide.

    One may be pending per organisation at a time (a partial unique index); decided ones stay
    as the record of who decided what and why."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the operator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Accreditation(models.TextChoices):
        NONE = "none", _("None yet")
        CMA = "cma", _("CMA (检验检测机构资质认定)")
        CNAS = "cnas", _("CNAS laboratory accreditation")
        BOTH = "both", _("Both CMA and CNAS")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="provider_applications",
    )
    submitted_by = models.ForeignKey(
        User, verbose_name=_("submitted by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    contact_email = models.EmailField(_("contact e-mail"))
    lab_description = models.TextField(
        _("the laboratory"),
        max_length=2000,
        help_text=_("What the lab does, its main instruments and the services it would offer."),
    )
    instrument_count = models.PositiveIntegerField(_("instruments to share"), null=True, blank=True)
    accreditation = models.CharField(
        _("accreditation"), max_length=8, choices=Accreditation.choices, default=Accreditation.NONE
    )
    accreditation_numbers = models.CharField(
        _("certificate numbers"),
        max_length=200,
        blank=True,
        help_text=_("The CMA / CNAS certificate numbers, if any."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    FORM_FIELDS = (
        "contact_name",
        "contact_phone",
        "contact_email",
        "lab_description",
        "instrument_count",
        "accreditation",
        "accreditation_numbers",
    )

    class Meta:
        verbose_name = _("provider application")
        verbose_name_plural = _("provider applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(status="pending"),
                name="provider_application_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_status_display()})"
