import uuid
from decimal import Decimal

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.core.files import private_storage

HOURS_PER_YEAR = 8784  # a leap year: no instrument runs longer


class InstrumentClass(models.Model):
    """科研仪器设备分类编码: the national 6-digit instrument classification."""

    code = models.CharField(_("class code"), max_length=6, primary_key=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("class name"), max_length=60)

    class Meta:
        verbose_name = _("instrument class")
        verbose_name_plural = _("instrument classes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_leaf(self) -> bool:
        return not self.code.endswith("00")

    @property
    def prefix(self) -> str:
        """The code prefix shared by this class and everything below it."""
        if self.code.endswith("0000"):
            return self.code[:2]
        if self.code.endswith("00"):
            return self.code[:4]
        return self.code


class Discipline(models.Model):
    """主要学科领域: GB/T 13745 first-level discipline codes."""

    code = models.CharField(_("discipline code"), max_length=3, primary_key=True)
    name = models.CharField(_("discipline"), max_length=40)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Instrument(models.Model):
    class Source(models.TextChoices):
        PURCHASE = "purchase", _("Purchased")
        DEVELOPED = "developed", _("Developed in-house")
        DONATED = "donated", _("Donated")
        OTHER = "other", _("Other")

    class Category(models.TextChoices):
        GENERAL = "general", _("General")
        SPECIAL = "special", _("Special")

    class RunningStatus(models.TextChoices):
        NORMAL = "normal", _("Normal")
        STANDBY = "standby", _("Standby")
        REMOTE = "remote", _("In remote service")
        OCCASIONAL_FAULT = "occasional_fault", _("Occasional faults")
        FREQUENT_FAULT = "frequent_fault", _("Frequent faults")
        AWAITING_REPAIR = "awaiting_repair", _("Awaiting repair")
        AWAITING_SCRAP = "awaiting_scrap", _("Awaiting scrapping")

    class SharingMode(models.TextChoices):
        EXTERNAL = "external", _("Shared externally")
        INTERNAL = "internal", _("Shared internally")
        NONE = "none", _("Not shared")

    class BookingMode(models.TextChoices):
        SELF = "self", _("Self-operated after training")
        STAFF = "staff", _("Operated by staff only")

    class Funding(models.TextChoices):
        CENTRAL = "中央财政资金", _("Central government funds")
        LOCAL = "地方财政资金", _("Local government funds")
        OWN = "单位自有资金", _("The unit's own funds")
        OTHER = "其他资金", _("Other funds")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="instruments",
    )
    code = models.CharField(
        _("instrument number"),
        max_length=40,
        help_text=_("The number used in the management system."),
    )
    asset_number = models.CharField(_("internal asset number"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    # The name in pinyin (core.pinyin.sort_key), kept by every save, so the database sorts
    # Chinese names as people expect (三坐标 before X射线 is wrong: san < x).
    name_sort = models.CharField(max_length=200, blank=True, editable=False)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of instrument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
    )
    instrument_class = models.ForeignKey(
        InstrumentClass,
        verbose_name=_("instrument class"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.CharField(_("department"), max_length=100, blank=True)
    carrier_type = models.CharField(_("resource carrier type"), max_length=40, blank=True)
    carrier_code = models.CharField(_("resource carrier number"), max_length=100, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.PURCHASE
    )
    customs_supervised = models.BooleanField(_("under customs supervision"), default=False)
    original_value = models.DecimalField(
        _("original value (10,000 CNY)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    country = models.CharField(_("country of origin"), max_length=40, blank=True)
    manufacturer = models.CharField(_("manufacturer"), max_length=100, blank=True)
    acquisition_date = models.DateField(_("acquisition date"), null=True, blank=True)
    category = models.CharField(
        _("category"), max_length=10, choices=Category.choices, default=Category.GENERAL
    )
    model = models.CharField(_("model"), max_length=100, blank=True)
    specifications = models.TextField(
        _("main technical specifications"), blank=True, validators=[MaxLengthValidator(500)]
    )
    functions = models.TextField(
        _("main functions"), blank=True, validators=[MaxLengthValidator(300)]
    )
    disciplines = models.ManyToManyField(
        Discipline, verbose_name=_("disciplines"), blank=True, related_name="instruments"
    )
    funding_sources = models.JSONField(_("main funding sources"), default=list, blank=True)
    service_content = models.TextField(
        _("service content"), blank=True, validators=[MaxLengthValidator(200)]
    )
    annual_hours = models.PositiveIntegerField(
        _("annual running hours"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HOURS_PER_YEAR)],
    )
    annual_outside_hours = models.PositiveIntegerField(
        _("annual outside-service hours"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HOURS_PER_YEAR)],
    )
    sharing_rules = models.TextField(
        _("notes for users"), blank=True, validators=[MaxLengthValidator(500)]
    )
    fee_text = models.TextField(
        _("reference fees"), blank=True, validators=[MaxLengthValidator(500)]
    )
    hourly_fee = models.DecimalField(
        _("reference hourly fee (CNY)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    typical_results = models.TextField(
        _("typical results"), blank=True, validators=[MaxLengthValidator(500)]
    )
    photo_name = models.CharField(_("picture file name"), max_length=100, blank=True)
    booking_url = models.URLField(_("booking address"), blank=True)
    province = models.CharField(_("province"), max_length=20, default="辽宁省")
    city = models.CharField(_("city"), max_length=20, default="大连市")
    county = models.CharField(_("district or county"), max_length=20, default="甘井子区")
    street = models.CharField(_("street or town"), max_length=60, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_address = models.CharField(_("postal address"), max_length=200, blank=True)
    contact_postcode = models.CharField(
        _("postcode"), max_length=6, blank=True, validators=[RegexValidator(r"^\d{6}$")]
    )
    customs_declaration_no = models.CharField(
        _("import declaration number"),
        max_length=18,
        blank=True,
        validators=[RegexValidator(r"^\d{18}$")],
    )
    customs_item_no = models.CharField(
        _("declaration item number"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^\d{2}$")],
    )
    customs_release_date = models.DateField(_("customs release date"), null=True, blank=True)
    customs_name = models.CharField(_("name on the declaration"), max_length=100, blank=True)
    running_status = models.CharField(
        _("running status"),
        max_length=20,
        choices=RunningStatus.choices,
        default=RunningStatus.NORMAL,
    )
    sharing_mode = models.CharField(
        _("sharing mode"), max_length=10, choices=SharingMode.choices, default=SharingMode.EXTERNAL
    )
    booking_mode = models.CharField(
        _("booking mode"), max_length=10, choices=BookingMode.choices, default=BookingMode.STAFF
    )
    # A new value whenever the weekly windows change: processes keep the windows in memory
    # under (instrument, version), so a fresh read of the instrument finds fresh windows.
    schedule_version = models.UUIDField(default=uuid.uuid4, editable=False)
    is_published = models.BooleanField(_("published"), default=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["name_sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="instrument_code_unique"),
            models.UniqueConstraint(
                fields=["organization", "asset_number"], name="instrument_asset_number_unique"
            ),
        ]
        indexes = [
            # The public list in name order, deep pages included, read from the index alone
            # (PostgreSQL; other engines build it without the included columns).
            models.Index(
                fields=["name_sort", "id"],
                condition=Q(is_published=True, retired_at__isnull=True),
                include=["instrument_class", "running_status", "booking_mode", "organization"],
                name="instrument_public_name",
            ),
            models.Index(fields=["instrument_class", "name"], name="instrument_class_name"),
            models.Index(fields=["organization", "name_sort"], name="instrument_org_name_sort"),
        ]

    SORT_KEYS = {"name_sort": "name"}

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:instrument_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.is_published and self.retired_at is None


def instrument_photo_path(photo: "InstrumentPhoto", filename: str) -> str:
    return f"instruments/{photo.instrument_id}/{filename}"


class InstrumentPhoto(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=instrument_photo_path)
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instrument photo")
        verbose_name_plural = _("instrument photos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class SearchTerm(models.Model):
    """Inverted index for keyword search: one row per (instrument, word), with the word's weight.

    Built in Python with jieba, so ranking is the same on SQLite and PostgreSQL.
    """

    # No index of its own: the unique (instrument, term) index serves lookups by instrument.
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    term = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["term", "instrument", "weight"], name="searchterm_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "term"], name="searchterm_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.term}:{self.weight}"


class ImportJob(models.Model):
    """One spreadsheet import, run by the worker: its file, its progress and its outcome.

    The page that started it polls this row; the import itself stays all-or-nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        CHECKING = "checking", _("Checking rows")
        SAVING = "saving", _("Saving")
        DONE = "done", _("Imported")
        REJECTED = "rejected", _("Nothing imported")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.DONE, Status.REJECTED, Status.FAILED)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    # Handed out only by its view, which checks who asks (never served from MEDIA_ROOT).
    file = models.FileField(upload_to="imports/%Y/%m/", storage=private_storage, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name or f"import {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        return int(100 * self.rows_checked / self.rows_total) if self.rows_total else 0


class TestService(models.Model):
    """检测项目: a test a provider performs on samples sent to it, by a standard method, at a
    reference price per sample, within a turnaround counted in working days."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="test_services",
    )
    code = models.CharField(_("item number"), max_length=40)
    name = models.CharField(_("test item"), max_length=100)
    name_sort = models.CharField(max_length=200, blank=True, editable=False)  # pinyin
    method_code = models.CharField(
        _("standard code"), max_length=60, help_text=_("For example GB/T 228.1-2021 or ASTM E8.")
    )
    method_title = models.CharField(_("method"), max_length=200, blank=True)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    sample_type = models.CharField(_("sample type"), max_length=100)
    sample_amount = models.CharField(_("amount per sample"), max_length=100, blank=True)
    sample_container = models.CharField(_("container"), max_length=100, blank=True)
    sample_storage = models.CharField(_("storage and transport"), max_length=100, blank=True)
    result_unit = models.CharField(
        _("result unit"),
        max_length=20,
        blank=True,
        help_text=_("Every result of this item must state it; leave empty for text results."),
    )
    turnaround_days = models.PositiveSmallIntegerField(
        _("turnaround (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    price_per_sample = models.DecimalField(
        _("reference price per sample (CNY)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("instruments used"), blank=True, related_name="test_services"
    )
    allow_self_verification = models.BooleanField(
        _("one person may enter, check and approve"),
        default=False,
        help_text=_("Off unless the lab's quality manual allows it for this item."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("test item")
        verbose_name_plural = _("test items")
        ordering = ["name_sort", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="test_service_code_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "name_sort"], name="test_service_org_name"),
        ]

    SORT_KEYS = {"name_sort": "name"}
    __test__ = False  # not a pytest class

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:test_service_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.is_published and self.retired_at is None


class Accreditation(models.Model):
    """A CMA (资质认定) or CNAS (实验室认可) certificate of a provider, valid for a span of dates,
    over a scope of test items by named methods."""

    class Kind(models.TextChoices):
        CMA = "cma", "CMA"
        CNAS = "cnas", "CNAS"

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="accreditations",
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=40)
    issuer = models.CharField(_("issuing body"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    test_services = models.ManyToManyField(
        TestService,
        verbose_name=_("scope"),
        through="AccreditationScope",
        related_name="accreditations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["kind", "-valid_until", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="accreditation_number_unique"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="accreditation_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_until


class AccreditationScope(models.Model):
    """One test item inside a certificate's scope, by the method the certificate names."""

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="scope_lines"
    )
    test_service = models.ForeignKey(
        TestService, on_delete=models.CASCADE, related_name="scope_lines"
    )
    method_code = models.CharField(_("standard code"), max_length=60)

    class Meta:
        verbose_name = _("scope line")
        verbose_name_plural = _("scope lines")
        constraints = [
            models.UniqueConstraint(
                fields=["accreditation", "test_service"], name="accreditation_scope_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.accreditation} · {self.test_service} ({self.method_code})"
