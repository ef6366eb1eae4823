"""A year's assessment workbook, written by the worker: its progress, then the file.

The district's workbook holds a row for every outside service of the year (1.7 million rows
at national scale, `labshare bench insights`), so it is written in the worker, row by row, and
kept in the media storage; the dashboard polls this row and then offers the file. A newer
workbook of the same scope and year replaces the older one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.core.files import private_storage


class AssessmentExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Working")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    UNFINISHED = (Status.QUEUED, Status.RUNNING)

    provider = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )  # None: the whole district
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    records = models.PositiveIntegerField(default=0)
    incomplete = models.PositiveIntegerField(default=0)
    # Handed out only by its view, which checks who asks (never served from MEDIA_ROOT).
    file = models.FileField(upload_to="assessment/%Y/", storage=private_storage, blank=True)
    message = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()  # from core.clock: the staleness rule reads it
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assessment export")
        verbose_name_plural = _("assessment exports")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One unfinished workbook per scope and year: a second click follows the first.
            # The district's scope is NULL, counted as 0 so that it is one scope too.
            models.UniqueConstraint(
                Coalesce("provider", Value(0)),
                "year",
                condition=Q(status__in=["queued", "running"]),
                name="assessment_export_one_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.provider_id or 'district'} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status not in self.UNFINISHED

    @property
    def download_name(self) -> str:
        scope = f"provider-{self.provider_id}" if self.provider_id else "district"
        return f"assessment-{scope}-{self.year}.xlsx"
