"""The year's assessment workbook in the worker, never in a web request.

The request checks who asks and queues the job (or returns the one under way); the worker
claims it once, writes the workbook row by row into a temporary file, keeps it, and records
the counts; the dashboard polls the job and then offers the file.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_tasks import task

from labshare.accounts.models import Organization
from labshare.core import clock
from labshare.core.access import can, can_on_platform, ensure_person
from labshare.core.actors import Actor
from labshare.core.errors import InvalidInput, NotAllowed
from labshare.core.files import delete_with_files, keep_written
from labshare.insights import assessment
from labshare.insights.models import AssessmentExport
from labshare.insights.periods import year as year_period

logger = logging.getLogger(__name__)
STALE = timedelta(minutes=30)  # a workbook unfinished this long is taken to have stopped


def queue_assessment(actor: Actor, provider: Organization | None, year: int) -> AssessmentExport:
    """Queue the year's workbook of the district (provider None) or of one provider."""
    if provider is None:
        if not can_on_platform(actor, "platform.view_insights"):
            raise NotAllowed(_("Only the platform operator may do this."))
    elif not (
        can_on_platform(actor, "platform.view_insights") or can(actor, "insights.view", provider.pk)
    ):
        raise NotAllowed(_("Your role in this organization does not allow this action."))
    ensure_person(actor, _("An export is asked for by a person."))
    year = int(year) if str(year).strip().isdigit() else 0
    if not 2000 <= year <= clock.today().year:
        raise InvalidInput(_("Choose a year that has begun."), field="year")
    scope = {"provider": provider, "year": year}
    try:
        with transaction.atomic():
            under_way = AssessmentExport.objects.filter(
                **scope, status__in=AssessmentExport.UNFINISHED
            ).first()
            if under_way is not None and under_way.created_at > clock.now() - STALE:
                return under_way
            if under_way is not None:
                AssessmentExport.objects.filter(pk=under_way.pk).update(
                    status=AssessmentExport.Status.FAILED,
                    message=_("The export took too long and was stopped; a new one was started."),
                    finished_at=clock.now(),
                )
            job = AssessmentExport.objects.create(
                **scope,
                created_by=actor.user,
                created_at=clock.now(),
                request_id=actor.request_id[:64],
            )
            export_assessment.enqueue(job.pk)
            return job
    except IntegrityError:  # a second request at the same moment: follow the first
        return AssessmentExport.objects.get(**scope, status__in=AssessmentExport.UNFINISHED)


@task()
def export_assessment(job_id: int) -> str:
    return run_assessment_job(job_id)


def run_assessment_job(job_id: int) -> str:
    """The worker's side: claim the job once, write the workbook, keep it, drop older ones."""
    claimed = AssessmentExport.objects.filter(
        pk=job_id, status=AssessmentExport.Status.QUEUED
    ).update(status=AssessmentExport.Status.RUNNING)
    if not claimed:
        return "already claimed"
    job = AssessmentExport.objects.get(pk=job_id)

    def progress(rows: int) -> None:
        AssessmentExport.objects.filter(pk=job_id).update(rows_done=rows)

    counts = {}

    def write(out) -> None:
        counts.update(
            assessment.write_workbook(out, year_period(job.year), job.provider_id, progress)
        )

    try:
        keep_written(job.file, job.download_name, write)
    except Exception:
        logger.exception("Assessment export %s failed", job_id)
        AssessmentExport.objects.filter(pk=job_id).update(
            status=AssessmentExport.Status.FAILED,
            message=_("The file could not be written; please try again."),
            finished_at=clock.now(),
        )
        return AssessmentExport.Status.FAILED
    AssessmentExport.objects.filter(pk=job_id).update(
        status=AssessmentExport.Status.DONE,
        file=job.file.name,
        rows_done=counts["records"],
        records=counts["records"],
        incomplete=counts["incomplete"],
        finished_at=clock.now(),
    )
    delete_with_files(
        AssessmentExport.objects.filter(
            provider_id=job.provider_id, year=job.year, pk__lt=job.pk
        ).exclude(status__in=AssessmentExport.UNFINISHED)
    )
    return AssessmentExport.Status.DONE
