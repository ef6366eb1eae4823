"""Test orders (委托单) from draft to signed report: items, quote lines, samples, results with
three-step verification, immutable reports, reviews.

The state machine is written once, in ServiceOrder.TRANSITIONS; each transition is one service in
orders/services.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from labshare.accounts.models import Organization
from labshare.booking.models import Reservation
from labshare.catalog.models import TestService

MAX_SAMPLES = 200  # in one order; more is a framework contract, not an order
# What the client writes on an order (the form's fields, the draft service's arguments).
ORDER_FIELDS = (
    "sample_count",
    "sample_description",
    "urgency",
    "confidential",
    "remains",
    "delivered_by_client",
    "contact_name",
    "contact_phone",
    "note",
    "funding_source",
    "subject_areas",
)
MAX_ITEMS = 10  # test items in one order (the results grid is samples × items)
MAX_QUANTITY = 10000  # of one quote line (the form's limit; SQLite would take any number)
MAX_TOTAL = Decimal("9999999999.99")  # what quote_total holds


class ServiceOrder(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for a quote")
        QUOTED = "quoted", _("Quoted")
        ACCEPTED = "accepted", _("Accepted, waiting for samples")
        SAMPLES_RECEIVED = "samples_received", _("Samples received")
        TESTING = "testing", pgettext_lazy("order status", "Testing")
        REPORTED = "reported", _("Report issued")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected by the provider")
        DECLINED = "declined", _("Quote declined")
        CANCELLED = "cancelled", _("Cancelled")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")

    class Remains(models.TextChoices):
        DISPOSE = "dispose", _("Dispose of the remains")
        RETURN = "return", _("Return the remains to us")

    S = Status
    TRANSITIONS = {
        S.DRAFT: {S.SUBMITTED, S.CANCELLED},
        S.SUBMITTED: {S.QUOTED, S.REJECTED, S.CANCELLED},
        S.QUOTED: {S.ACCEPTED, S.DECLINED, S.CANCELLED},
        S.ACCEPTED: {S.SAMPLES_RECEIVED, S.CANCELLED},
        S.SAMPLES_RECEIVED: {S.TESTING},
        S.TESTING: {S.REPORTED},
        # A correction takes a reported or completed order back to testing.
        S.REPORTED: {S.COMPLETED, S.TESTING},
        S.COMPLETED: {S.TESTING},
        S.REJECTED: set(),
        S.DECLINED: set(),
        S.CANCELLED: set(),
    }
    # Before the samples are in the lab's hands the customer may still withdraw.
    CANCELLABLE = (S.DRAFT, S.SUBMITTED, S.QUOTED, S.ACCEPTED)
    OPEN = (S.SUBMITTED, S.QUOTED, S.ACCEPTED, S.SAMPLES_RECEIVED, S.TESTING)
    del S

    provider = models.ForeignKey(
        Organization, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    customer = models.ForeignKey(
        Organization,
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="test_orders",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    sample_count = models.PositiveSmallIntegerField(
        _("number of samples"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SAMPLES)],
    )
    sample_description = models.TextField(
        _("sample description"),
        validators=[MaxLengthValidator(1000)],
        help_text=_("What the samples are: material, shape, marking, quantity."),
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("The provider keeps samples, data and report confidential."),
    )
    remains = models.CharField(
        _("after testing"), max_length=8, choices=Remains.choices, default=Remains.DISPOSE
    )
    delivered_by_client = models.BooleanField(
        _("the client delivers the samples"),
        default=True,
        help_text=_("The report then answers for the samples as received only."),
    )
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(500)])
    # What the national service record asks of the user (catalog/user_profile.py).
    funding_source = models.CharField(_("funding source"), max_length=20, blank=True)
    subject_areas = models.JSONField(_("subject areas"), default=list, blank=True)
    quote_total = models.DecimalField(
        _("quoted total (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    expected_date = models.DateField(_("expected report date"), null=True, blank=True)
    quote_note = models.TextField(_("quote note"), blank=True, validators=[MaxLengthValidator(500)])
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    correction_reason = models.CharField(
        _("why the report is corrected"), max_length=200, blank=True
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    quoted_at = models.DateTimeField(_("quoted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    received_at = models.DateTimeField(_("samples received"), null=True, blank=True)
    testing_at = models.DateTimeField(_("testing started"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(
        _("created"), editable=False
    )  # by core.clock: see draft_order
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("test order")
        verbose_name_plural = _("test orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sample_count__gte=1, sample_count__lte=MAX_SAMPLES),
                name="order_sample_count",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "status", "-created_at"], name="order_provider_queue"),
            models.Index(fields=["customer", "-created_at"], name="order_customer_list"),
        ]

    def __str__(self) -> str:
        return _("Test order %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("orders:order_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"WT{self.pk:06d}" if self.pk else ""

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    def may_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class OrderItem(models.Model):
    """One test item of an order, run on every sample; its method is the item's, copied."""

    order = models.ForeignKey(ServiceOrder, on_delete=models.CASCADE, related_name="items")
    test_service = models.ForeignKey(
        TestService, verbose_name=_("test item"), on_delete=models.PROTECT, related_name="+"
    )
    method_code = models.CharField(_("standard code"), max_length=60)
    # Copied from the test item when the order is placed, like the method: a later change of
    # the item's rule does not loosen the sign-off of orders already under way.
    self_verification = models.BooleanField(_("self-verification allowed"), default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "test_service"], name="order_item_unique"),
        ]

    def __str__(self) -> str:
        return str(self.test_service)


class QuoteLine(models.Model):
    order = models.ForeignKey(ServiceOrder, on_delete=models.CASCADE, related_name="quote_lines")
    description = models.CharField(_("line"), max_length=100)
    quantity = models.PositiveSmallIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    unit_price = models.DecimalField(
        _("unit price (CNY)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class Sample(models.Model):
    """A received sample, numbered {provider code}-{yymmdd}-{seq} on the day it came in."""

    order = models.ForeignKey(ServiceOrder, on_delete=models.CASCADE, related_name="samples")
    number = models.CharField(_("sample number"), max_length=30, unique=True)
    description = models.CharField(_("sample"), max_length=200)
    condition = models.CharField(_("condition on receipt"), max_length=200)
    received_at = models.DateTimeField(_("received"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class Result(models.Model):
    """One test item's result on one sample, entered (编制), then checked (审核) by another person.

    A result sent back by the checker is entered again; approving the report (批准) is the
    report's step, recorded on the report.
    """

    class Verdict(models.TextChoices):
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")
        NONE = "", _("No specification")

    class State(models.TextChoices):
        ENTERED = "entered", _("Entered, waiting for checking")
        RETURNED = "returned", _("Sent back")
        CHECKED = "checked", _("Checked")

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey(OrderItem, on_delete=models.CASCADE, related_name="results")
    value = models.CharField(_("result"), max_length=60)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    method_code = models.CharField(_("standard code"), max_length=60)
    spec = models.CharField(_("limit or specification"), max_length=60, blank=True)
    verdict = models.CharField(
        _("verdict"), max_length=4, choices=Verdict.choices, default=Verdict.NONE, blank=True
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.ENTERED)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    return_reason = models.CharField(_("why it was sent back"), max_length=200, blank=True)

    class Meta:
        ordering = ["sample__number", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "item"], name="result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.sample} {self.item.test_service}: {self.value} {self.unit}"


class Signatory(models.Model):
    """An authorised signatory (授权签字人) of a provider, for a scope of test items."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signatory"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    test_services = models.ManyToManyField(
        TestService, verbose_name=_("may sign for"), related_name="signatories"
    )
    appointed_at = models.DateTimeField(_("appointed"))

    class Meta:
        verbose_name = _("authorised signatory")
        verbose_name_plural = _("authorised signatories")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="signatory_unique"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class TestReport(models.Model):
    """检测报告: issued once, immutable. Its PDF bytes and their SHA-256 are stored with the number;
    a correction is a new report that names this one, which becomes void (作废)."""

    __test__ = False  # not a pytest class

    class Status(models.TextChoices):
        VALID = "valid", pgettext_lazy("report status", "Valid")
        VOID = "void", pgettext_lazy("report status", "Void")

    order = models.ForeignKey(ServiceOrder, on_delete=models.PROTECT, related_name="reports")
    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("report number"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    status = models.CharField(
        _("status"), max_length=5, choices=Status.choices, default=Status.VALID
    )
    report_date = models.DateField(_("report date"))
    issued_at = models.DateTimeField(_("issued"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marks = models.JSONField(_("accreditation marks"), default=list, blank=True)
    unaccredited_items = models.JSONField(default=list, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    pdf = models.BinaryField(editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True)
    void_reason = models.CharField(_("why it was voided"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("test report")
        verbose_name_plural = _("test reports")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "year", "sequence"], name="report_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("orders:report_verify", args=[self.number])

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id


class OrderBooking(models.Model):
    """Instrument time reserved for a test order, through the booking services."""

    order = models.ForeignKey(ServiceOrder, on_delete=models.CASCADE, related_name="bookings")
    reservation = models.OneToOneField(Reservation, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.order} · {self.reservation}"


class Review(models.Model):
    """The client's rating of a completed order, and the provider's one answer."""

    class Sentiment(models.TextChoices):
        GOOD = "good", _("Good")
        NEUTRAL = "neutral", pgettext_lazy("review", "Average")
        BAD = "bad", _("Poor")

    order = models.OneToOneField(ServiceOrder, on_delete=models.CASCADE, related_name="review")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    sentiment = models.CharField(_("overall"), max_length=8, choices=Sentiment.choices)
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(500)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("reviewed"))
    reply = models.TextField(
        _("provider's answer"), blank=True, validators=[MaxLengthValidator(500)]
    )
    replied_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.order}: {self.rating}"

    @property
    def audit_organization_id(self) -> int:
        return self.order.provider_id
