"""Billing runs and settlement files in the worker, never in a web request.

The request checks the permission and queues a job (committed with its task, or neither); the
worker claims it once, runs the service as the person who asked, and records the outcome on
the job, which the page polls. A refusal of the service (no charges in the month, a run already
issued) is the job's message, in the asker's words.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from labshare.accounts.models import Organization
from labshare.billing import documents
from labshare.billing.models import BillingJob, BillingRun, ExportJob, Settlement
from labshare.billing.periods import month_of
from labshare.billing.services import issue_billing_run, start_billing_run
from labshare.core import clock
from labshare.core.access import can_on_platform, ensure_can, ensure_person
from labshare.core.actors import Actor, Channel, user_actor
from labshare.core.errors import DomainError, InvalidInput, NotAllowed
from labshare.core.files import delete_with_files, keep_written

logger = logging.getLogger(__name__)


@transaction.atomic
def queue_billing_run(actor: Actor, provider: Organization, period) -> BillingJob:
    """Queue the draft of a month's statements (or its refresh)."""
    ensure_can(actor, "billing.run", provider.pk)
    ensure_person(actor, _("A billing run is started by a person."))
    period = month_of(period)
    if period > month_of(clock.today()):
        raise InvalidInput(_("A month that has not begun cannot be billed."), field="period")
    return _queue(actor, provider.pk, BillingJob.Kind.DRAFT, period)


@transaction.atomic
def queue_issue(actor: Actor, run: BillingRun) -> BillingJob:
    """Queue the issue of a drafted run's statements."""
    ensure_can(actor, "billing.run", run.provider_id)
    ensure_person(actor, _("Statements are issued by a person."))
    return _queue(actor, run.provider_id, BillingJob.Kind.ISSUE, run.period, run)


def _queue(actor: Actor, provider_id: int, kind: str, period, run=None) -> BillingJob:
    job = BillingJob.objects.create(
        provider_id=provider_id,
        kind=kind,
        period=period,
        run=run,
        created_by=actor.user,
        request_id=actor.request_id[:64],
    )
    run_billing.enqueue(job.pk)
    return job


@task()
def run_billing(job_id: int) -> str:
    return run_billing_job(job_id)


def run_billing_job(job_id: int) -> str:
    """The worker's side: claim the job once, run it as its asker, record the outcome."""
    claimed = BillingJob.objects.filter(pk=job_id, status=BillingJob.Status.QUEUED).update(
        status=BillingJob.Status.RUNNING
    )
    if not claimed:
        return "already claimed"
    job = BillingJob.objects.select_related("provider", "created_by", "run").get(pk=job_id)
    actor = user_actor(
        job.created_by, job.provider, channel=Channel.TASK, request_id=job.request_id
    )
    outcome: dict = {"status": BillingJob.Status.DONE}
    try:
        if job.kind == BillingJob.Kind.DRAFT:
            outcome["run"] = start_billing_run(actor, job.provider, job.period)
        else:
            issue_billing_run(actor, job.run)
    except DomainError as refusal:
        outcome.update(status=BillingJob.Status.REFUSED, message=str(refusal.message)[:500])
    except Exception:
        logger.exception("Billing job %s failed", job_id)
        outcome.update(
            status=BillingJob.Status.FAILED,
            message=_(
                "The billing run failed unexpectedly; nothing was changed. Please try again."
            ),
        )
    BillingJob.objects.filter(pk=job_id).update(**outcome, finished_at=clock.now())
    return outcome["status"]


# How long an unfinished export may take before a new request replaces it (a worker that
# stopped mid-way leaves its job running for ever).
EXPORT_STALE = timedelta(minutes=15)


@transaction.atomic
def queue_settlement_export(actor: Actor, settlement: Settlement, file_format: str) -> ExportJob:
    """Queue the settlement's xlsx or PDF; an export of it already under way is returned instead."""
    if file_format not in ExportJob.Format.values:
        raise InvalidInput(_("Choose Excel or PDF."), field="format")
    settlement = Settlement.objects.select_for_update().get(pk=settlement.pk)
    _ensure_reads(actor, settlement)
    ensure_person(actor, _("An export is asked for by a person."))
    unfinished = ExportJob.objects.filter(
        settlement=settlement, format=file_format, status__in=ExportJob.UNFINISHED
    ).first()
    if unfinished is not None:
        if unfinished.created_at > clock.now() - EXPORT_STALE:
            return unfinished
        ExportJob.objects.filter(pk=unfinished.pk).update(
            status=ExportJob.Status.FAILED,
            message=_("The export took too long and was stopped; a new one was started."),
            finished_at=clock.now(),
        )
    job = ExportJob.objects.create(
        settlement=settlement,
        format=file_format,
        rows_total=settlement.redemption_count,
        created_by=actor.user,
        created_at=clock.now(),
        request_id=actor.request_id[:64],
    )
    export_settlement.enqueue(job.pk)
    return job


def _ensure_reads(actor: Actor, settlement: Settlement) -> None:
    """The operator's settlements, and a provider's own once they are settled."""
    if can_on_platform(actor, "platform.manage_vouchers"):
        return
    if settlement.status != Settlement.Status.ISSUED:
        raise NotAllowed(_("Only the platform operator may do this."))
    ensure_can(actor, "billing.view", settlement.provider_id)


@task()
def export_settlement(job_id: int) -> str:
    return run_export_job(job_id)


def run_export_job(job_id: int) -> str:
    """The worker's side: claim the export once, write the file row by row, keep it."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING
    )
    if not claimed:
        return "already claimed"
    job = ExportJob.objects.select_related("settlement__programme", "settlement__provider").get(
        pk=job_id
    )
    write = {
        ExportJob.Format.XLSX: documents.write_settlement_xlsx,
        ExportJob.Format.PDF: documents.write_settlement_pdf,
    }[job.format]

    def progress(rows: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(rows_done=rows)

    try:
        keep_written(job.file, job.download_name, lambda out: write(job.settlement, out, progress))
    except Exception:
        logger.exception("Settlement export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED,
            message=_("The file could not be written; please try again."),
            finished_at=clock.now(),
        )
        return ExportJob.Status.FAILED
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.DONE,
        file=job.file.name,
        rows_done=job.rows_total,
        finished_at=clock.now(),
    )
    _drop_older(job)
    return ExportJob.Status.DONE


def _drop_older(job: ExportJob) -> None:
    """The newest file of a settlement and format replaces the ones before it."""
    delete_with_files(
        ExportJob.objects.filter(
            settlement_id=job.settlement_id, format=job.format, pk__lt=job.pk
        ).exclude(status__in=ExportJob.UNFINISHED)
    )
