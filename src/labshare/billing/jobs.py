"""Billing runs in the worker, never in a web request.

The request checks the permission and queues a job (committed with its task, or neither); the
worker claims it once, runs the service as the person who asked, and records the outcome on
the job, which the page polls. A refusal of the service (no charges in the month, a run already
issued) is the job's message, in the asker's words.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from labshare.accounts.models import Organization
from labshare.billing.models import BillingJob, BillingRun
from labshare.billing.periods import month_of
from labshare.billing.services import issue_billing_run, start_billing_run
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor, Channel, user_actor
from labshare.core.errors import DomainError, InvalidInput

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
