"""Notifications are written with the change they announce and mailed once it commits."""

import pytest
from django.core import mail
from django.core.mail import BadHeaderError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from labshare.core.models import Notification
from labshare.core.notify import Message, notify, notify_all
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    users = [make_user(f"notified{n}") for n in range(3)]
    for n, user in enumerate(users):
        user.email = f"notified{n}@example.cn" if n < 2 else ""
        user.save(update_fields=["email"])
    return users


def test_messages_of_one_event_are_one_insert_and_nobody_hears_twice(people):
    first, second, third = people
    with CaptureQueriesContext(connection) as queries:
        notes = notify_all(
            "test.event",
            [Message([first, first, None], "给预约人"), Message([second, third], "给服务方")],
        )
    assert len(queries.captured_queries) == 1
    assert sorted((n.user_id, n.title) for n in notes) == sorted(
        [(first.pk, "给预约人"), (second.pk, "给服务方"), (third.pk, "给服务方")]
    )
    assert Notification.objects.count() == 3


def test_mail_leaves_only_after_commit_one_message_per_address(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        notify(people, "test.event", "预约已确认", "请按时到达。", "/reservations/")
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["notified0@example.cn", "notified1@example.cn"]
    assert all(len(m.to) == 1 and "/reservations/" in m.body for m in mailoutbox)


def test_rolled_back_change_leaves_no_notification_and_no_mail(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(people, "test.event", "预约已确认")
        raise RuntimeError("the change failed")
    assert Notification.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize("failure", [ConnectionRefusedError, BadHeaderError])
def test_mail_that_fails_keeps_the_notifications_and_the_other_mail(
    people, mailoutbox, monkeypatch, django_capture_on_commit_callbacks, failure
):
    real_send = mail.send_mail
    calls = []

    def flaky_send(subject, text, sender, recipients):
        calls.append(recipients[0])
        if len(calls) == 1:
            raise failure("mail server down or bad header")
        return real_send(subject, text, sender, recipients)

    monkeypatch.setattr("labshare.core.notify.send_mail", flaky_send)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(people, "test.event", "预约已确认")
    assert Notification.objects.count() == 3
    assert len(calls) == 2 and len(mailoutbox) == 1
