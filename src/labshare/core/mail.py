"""E-mail leaves through the worker: each message is a row (written with its change) and a task
that sends it, retried with growing pauses when the mail server fails, then given up and shown
to the operator. A message is sent at most once: the worker claims it with a conditional update.
"""

import logging
from datetime import timedelta
from functools import partial

from django.core.mail import send_mail
from django.db import models, transaction
from django_tasks import task, task_backends

from labshare.core import clock
from labshare.core.models import OutgoingMail
from labshare.core.text import single_line

logger = logging.getLogger(__name__)

# Pauses before the 2nd, 3rd, 4th and 5th attempt; after the 5th failure the mail is given up.
BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]
MAX_ATTEMPTS = len(BACKOFF) + 1
# How long a worker may take to send one message before the message counts as stalled.
SENDING_LEASE = timedelta(minutes=10)


def send_later(verb: str, user, address: str, subject: str, body: str) -> OutgoingMail:
    """Write one message with the change under way; the worker sends it once that commits."""
    mail = OutgoingMail.objects.create(
        verb=verb, user=user, address=address, subject=single_line(subject)[:250], body=body
    )
    transaction.on_commit(partial(queue, [mail]), robust=True)
    return mail


def queue(mails: list[OutgoingMail]) -> None:
    """Hand the saved messages to the worker (called once their change has committed)."""
    for mail in mails:
        deliver.enqueue(mail.pk)


@task()
def deliver(mail_id: int) -> str:
    return deliver_mail(mail_id)


def deliver_mail(mail_id: int) -> str:
    """Send one queued message, or schedule its next attempt; returns its status."""
    # Claim it: only one worker moves it from queued to sending, so none sends it twice; a
    # message sent or given up is left alone.
    # The claim is a lease: should the worker die while sending, `labshare tick` queues the
    # message again once the lease has run out (at-least-once; a lost mail is worse).
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=OutgoingMail.Status.QUEUED).update(
        status=OutgoingMail.Status.SENDING, next_attempt_at=clock.now() + SENDING_LEASE
    )
    if not claimed:
        return "not queued"
    mail = OutgoingMail.objects.get(pk=mail_id)
    mail.attempts += 1
    try:
        send_mail(mail.subject, mail.body, None, [mail.address])
    except Exception as exc:
        mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if mail.attempts >= MAX_ATTEMPTS:
            mail.status = OutgoingMail.Status.FAILED
            logger.error("Gave up e-mail %s to user %s: %s", mail.pk, mail.user_id, exc)
        else:
            mail.status = OutgoingMail.Status.QUEUED
            mail.next_attempt_at = clock.now() + BACKOFF[mail.attempts - 1]
            logger.warning("E-mail %s failed (attempt %s): %s", mail.pk, mail.attempts, exc)
        mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        if mail.status == OutgoingMail.Status.QUEUED:
            _retry(mail)
        return mail.status
    mail.status = OutgoingMail.Status.SENT
    mail.sent_at = clock.now()
    mail.next_attempt_at = None
    mail.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
    return mail.status


def _retry(mail: OutgoingMail) -> None:
    backend = task_backends[deliver.backend]
    if backend.supports_defer:
        deliver.using(run_after=mail.next_attempt_at).enqueue(mail.pk)
    else:  # a backend that runs tasks at once (the tests'): the next attempt follows now
        deliver.enqueue(mail.pk)


def requeue_stalled_mail() -> int:
    """Hand the worker again what it lost: messages whose sender died mid-send (the lease ran
    out) and queued ones overdue by a lease, whose task never ran (a worker or queue that was
    down). Sending twice is prevented by the claim; returns how many were queued again."""
    stale = clock.now() - SENDING_LEASE
    Status = OutgoingMail.Status
    lost = OutgoingMail.objects.filter(status=Status.SENDING, next_attempt_at__lt=clock.now())
    OutgoingMail.objects.filter(pk__in=lost.values("pk"), status=Status.SENDING).update(
        status=Status.QUEUED, next_attempt_at=None
    )
    overdue = OutgoingMail.objects.filter(status=Status.QUEUED).filter(
        models.Q(next_attempt_at__lt=stale)
        | models.Q(next_attempt_at__isnull=True, created_at__lt=stale)
        | models.Q(next_attempt_at__isnull=True, attempts__gt=0)
    )
    ids = list(overdue.values_list("pk", flat=True)[:1000])
    for mail_id in ids:
        deliver.enqueue(mail_id)
    return len(ids)
