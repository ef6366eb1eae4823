"""`labshare tick` hands the worker again the mail it lost: a message whose sender died
mid-send once its lease runs out, and a queued message whose task never ran. Nothing sent is
sent again, and nothing still in hand is touched."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command

from labshare.core import clock
from labshare.core.mail import SENDING_LEASE
from labshare.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

Status = OutgoingMail.Status


def tick() -> str:
    out = io.StringIO()
    call_command("tick", stdout=out)
    return out.getvalue()


def mail(status=Status.QUEUED, age=timedelta(0), **fields) -> OutgoingMail:
    row = OutgoingMail.objects.create(
        verb="test",
        address="someone@example.cn",
        subject="主题",
        body="正文",
        status=status,
        **fields,
    )
    OutgoingMail.objects.filter(pk=row.pk).update(created_at=clock.now() - age)
    return row


def status_of(row) -> str:
    return OutgoingMail.objects.get(pk=row.pk).status


def test_a_message_whose_sender_died_is_sent_once_its_lease_runs_out(mailoutbox):
    lost = mail(Status.SENDING, next_attempt_at=clock.now() + SENDING_LEASE)
    assert "queued again: 0" in tick()  # still within the lease: the sender may finish
    assert status_of(lost) == Status.SENDING and not mailoutbox
    with clock.frozen(clock.now() + SENDING_LEASE + timedelta(minutes=1)):
        assert "queued again: 1" in tick()
    assert status_of(lost) == Status.SENT and len(mailoutbox) == 1


def test_a_queued_message_whose_task_never_ran_is_handed_over_again(mailoutbox):
    forgotten = mail(age=SENDING_LEASE + timedelta(minutes=5))
    fresh = mail()
    retry_later = mail(next_attempt_at=clock.now() + timedelta(minutes=30))
    tick()
    assert status_of(forgotten) == Status.SENT
    assert status_of(fresh) == Status.QUEUED and status_of(retry_later) == Status.QUEUED
    assert len(mailoutbox) == 1


def test_sent_and_given_up_messages_are_left_alone(mailoutbox):
    sent = mail(Status.SENT, age=timedelta(days=1))
    failed = mail(Status.FAILED, age=timedelta(days=1), attempts=5)
    tick()
    tick()
    assert (status_of(sent), status_of(failed)) == (Status.SENT, Status.FAILED)
    assert not mailoutbox
