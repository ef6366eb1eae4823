"""A billing run's draft or issue, done by the worker: what the page that asked for it polls.

Drafting and issuing are set-based and take seconds even for a month of 200,000 charges
(`labshare bench billing`), which is still too long for a web request; the request queues a job
and the page watches its status. The services themselves stay synchronous, so commands, the
demo and the tests call them directly.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.core.files import private_storage


class BillingJob(models.Model):
    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft the month's statements")
        ISSUE = "issue", _("Issue the statements")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Working")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Not done")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.DONE, Status.REFUSED, Status.FAILED)

    provider = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    period = models.DateField()
    run = models.ForeignKey(
        "billing.BillingRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    message = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("billing job")
        verbose_name_plural = _("billing jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period:%Y-%m} ({self.get_status_display()})"

    @property
    def audit_organization_id(self) -> int:
        return self.provider_id

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class ExportJob(models.Model):
    """A settlement written to a file by the worker: its progress, then the file to download.

    A quarter's settlement can hold every redemption of a provider (200,000 rows are seconds to
    write, `labshare bench billing`), so the file is written in the worker, row by row, and
    kept in the media storage; the page polls this row and then offers the file. A newer export
    of the same settlement and format replaces the older one and its file.
    """

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel"
        PDF = "pdf", "PDF"

    Status = BillingJob.Status
    FINISHED = BillingJob.FINISHED
    UNFINISHED = (Status.QUEUED, Status.RUNNING)

    settlement = models.ForeignKey(
        "billing.Settlement", on_delete=models.CASCADE, related_name="exports"
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # Handed out only by its view, which checks who asks (never served from MEDIA_ROOT).
    file = models.FileField(upload_to="exports/%Y/%m/", storage=private_storage, blank=True)
    message = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()  # set from core.clock: the staleness rule reads it
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("settlement export")
        verbose_name_plural = _("settlement exports")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["settlement", "format", "-created_at"], name="export_latest")
        ]
        constraints = [
            # One unfinished export per settlement and format: a second click follows the first.
            models.UniqueConstraint(
                fields=["settlement", "format"],
                condition=models.Q(status__in=["queued", "running"]),
                name="export_one_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.settlement_id}.{self.format} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def download_name(self) -> str:
        number = self.settlement.number or f"settlement-{self.settlement_id}"
        return f"{number.replace('/', '-')}.{self.format}"
