"""Notifications are written with the change they announce and mailed once it commits."""

import pytest
from django.core import mail
from django.core.mail import BadHeaderError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.core.mail import MAX_ATTEMPTS, deliver_mail
from labshare.core.models import Notification, OutgoingMail
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
    # One INSERT of the notices, one of the e-mails to send (the third person has no address).
    assert len(queries.captured_queries) == 2
    assert OutgoingMail.objects.count() == 2
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


def flaky(monkeypatch, failures: int, failure=ConnectionRefusedError) -> list[str]:
    """The mail server refuses the first `failures` messages handed to it."""
    real_send = mail.send_mail
    calls = []

    def send(subject, text, sender, recipients):
        calls.append(recipients[0])
        if len(calls) <= failures:
            raise failure("mail server down or bad header")
        return real_send(subject, text, sender, recipients)

    monkeypatch.setattr("labshare.core.mail.send_mail", send)
    return calls


@pytest.mark.parametrize("failure", [ConnectionRefusedError, BadHeaderError])
def test_mail_that_fails_keeps_the_notifications_and_the_other_mail(
    people, mailoutbox, monkeypatch, django_capture_on_commit_callbacks, failure
):
    calls = flaky(monkeypatch, 1, failure)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(people, "test.event", "预约已确认")
    assert Notification.objects.count() == 3
    # The first address failed once and was tried again; the second was not held up.
    assert calls == [people[0].email, people[0].email, people[1].email]
    assert sorted(m.to[0] for m in mailoutbox) == [people[0].email, people[1].email]
    first = OutgoingMail.objects.get(address=people[0].email)
    assert (first.status, first.attempts) == ("sent", 2)
    assert "mail server down" in first.last_error


def test_a_mail_that_fails_twice_is_sent_on_the_third_try(
    people, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    calls = flaky(monkeypatch, 2)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(people[:1], "test.event", "预约已确认")
    assert len(calls) == 3 and len(mailoutbox) == 1
    sent = OutgoingMail.objects.get()
    assert (sent.status, sent.attempts, sent.sent_at is not None) == ("sent", 3, True)


def test_a_mail_that_keeps_failing_is_given_up_and_kept(
    people, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    calls = flaky(monkeypatch, 100)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(people[:1], "test.event", "预约已确认")
    assert len(calls) == MAX_ATTEMPTS and mailoutbox == []
    given_up = OutgoingMail.objects.get()
    assert (given_up.status, given_up.attempts) == ("failed", MAX_ATTEMPTS)


def test_a_mail_is_sent_once_however_often_its_task_runs(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(people[:1], "test.event", "预约已确认")
    sent = OutgoingMail.objects.get()
    assert deliver_mail(sent.pk) == "not queued"
    assert len(mailoutbox) == 1


def test_the_next_attempt_waits_longer_each_time(people, monkeypatch):
    """With the database backend a retry is scheduled for later, not run at once."""
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    flaky(monkeypatch, 100)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        notify(people[:1], "test.event", "预约已确认")
        queued = OutgoingMail.objects.get()
        deliver_mail(queued.pk)
        queued.refresh_from_db()
        assert queued.attempts == 1 and queued.next_attempt_at is not None
        retry = DBTaskResult.objects.exclude(run_after=None).get()
        assert retry.run_after == queued.next_attempt_at


def test_the_operator_sees_the_mail_that_was_given_up(
    client_of, operator, people, monkeypatch, django_capture_on_commit_callbacks
):
    flaky(monkeypatch, 100)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(people[:1], "test.event", "预约已确认")
    response = client_of(operator).get(reverse("core:outgoing_mail"))
    assert response.status_code == 200
    assert [m.address for m in response.context["page_obj"].object_list] == [people[0].email]


@pytest.mark.parametrize("persona", ["provider_admin", "sme_admin"])
def test_nobody_else_sees_the_outgoing_mail(request, client_of, persona):
    client = client_of(request.getfixturevalue(persona))
    assert client.get(reverse("core:outgoing_mail")).status_code == 403
