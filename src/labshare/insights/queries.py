"""Reads of the insights pages that are not figures (those are in definitions.py)."""

from django.db.models import OuterRef, Subquery

from labshare.catalog.models import Instrument
from labshare.insights.models import AssessmentExport, QuotaHours


def instruments_with_quota(provider_id: int):
    """The provider's current instruments, each with its own quota hours (None: the default)."""
    own = QuotaHours.objects.filter(instrument_id=OuterRef("pk")).values("hours")[:1]
    return (
        Instrument.objects.filter(organization_id=provider_id, retired_at__isnull=True)
        .annotate(own_quota=Subquery(own))
        .order_by("name_sort", "pk")
    )


def assessment_jobs(provider=None, limit: int = 3) -> list[AssessmentExport]:
    """The newest assessment workbooks of the district (provider None) or of one provider."""
    jobs = AssessmentExport.objects.filter(provider=provider)
    return list(jobs.order_by("-created_at", "-id")[:limit])
