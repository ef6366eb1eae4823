"""Spreadsheet imports run in the worker, never in a web request.

The request only checks what costs nothing (size, and that the file is a zip holding a workbook
of sane unpacked size), stores the file and queues the job; the worker reads, checks and saves,
reporting progress on the job row that the page polls.
"""

import logging
from dataclasses import asdict

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from labshare.accounts.models import Organization
from labshare.catalog import services
from labshare.catalog.importer import ImportRejected, check_upload, import_instruments
from labshare.catalog.models import ImportJob
from labshare.core import clock
from labshare.core.access import ensure_person
from labshare.core.actors import Actor, Channel, user_actor
from labshare.core.audit import record
from labshare.core.errors import DomainError

logger = logging.getLogger(__name__)


@transaction.atomic
def start_import(actor: Actor, organization: Organization, uploaded_file) -> ImportJob:
    """Queue an import of the file for the provider; refuses at once what is plainly not one."""
    services.ensure_provider_staff(actor, organization)
    ensure_person(actor, _("An import is started by a person."))
    check_upload(uploaded_file)
    job = ImportJob(
        organization=organization,
        created_by=actor.user,
        file_name=uploaded_file.name[:200],
        request_id=actor.request_id,
    )
    uploaded_file.seek(0)
    job.file.save("instruments.xlsx", uploaded_file, save=False)
    job.save()
    record(actor, "instrument.import_queued", organization, job=job.pk, file=job.file_name)
    # The database backend stores the task in this transaction: the job and its task are
    # committed together, or neither is.
    run_import.enqueue(job.pk)
    return job


@task()
def run_import(job_id: int) -> str:
    return run_import_job(job_id)


def run_import_job(job_id: int) -> str:
    """The worker's side: claim the job once, import as the person who started it, record the
    outcome on the job. Returns the final status."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.CHECKING
    )
    if not claimed:
        return "already claimed"
    job = ImportJob.objects.select_related("organization", "created_by").get(pk=job_id)
    actor = user_actor(
        job.created_by, job.organization, channel=Channel.TASK, request_id=job.request_id
    )

    def progress(checked: int | None, total: int) -> None:
        if checked is None:
            changes = {"status": ImportJob.Status.SAVING, "rows_total": total}
        else:
            changes = {"rows_checked": checked, "rows_total": total}
        ImportJob.objects.filter(pk=job_id).update(**changes)

    outcome: dict = {}
    try:
        with job.file.open("rb") as handle:
            result = import_instruments(actor, job.organization, handle, progress)
    except ImportRejected as rejection:
        outcome.update(
            status=ImportJob.Status.REJECTED,
            message=str(rejection.message),
            errors=[asdict(error) for error in rejection.errors],
        )
    except DomainError as refusal:
        outcome.update(status=ImportJob.Status.REJECTED, message=str(refusal.message))
    except Exception:
        logger.exception("Import job %s failed", job_id)
        outcome.update(
            status=ImportJob.Status.FAILED,
            message=_("The import failed unexpectedly; nothing was imported. Please try again."),
        )
    else:
        outcome.update(
            status=ImportJob.Status.DONE,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        )
    job.file.delete(save=False)  # the spreadsheet is not kept once it has been read
    ImportJob.objects.filter(pk=job_id).update(**outcome, file="", finished_at=clock.now())
    return outcome["status"]
