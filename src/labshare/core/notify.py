"""Notifications: an in-app message per user, and the same text by e-mail.

Services call `notify` inside their transaction. The in-app messages are rows written with the
change, so they appear when it commits and vanish with it when it rolls back: a change is never
seen without its messages, nor a message without its change. The price is that a failure to
write them (the database's, since they are plain rows) fails the change too, which is then
retried whole. The e-mails are rows too (core.mail), handed to the worker on commit: nothing
is mailed for a change that was rolled back, a mail that fails is retried and never undoes or
hides a committed change, and the operator sees what could not be sent.
"""

import logging
from collections.abc import Iterable
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.db import transaction

from labshare.core.mail import queue
from labshare.core.models import Notification, OutgoingMail
from labshare.core.text import single_line

logger = logging.getLogger(__name__)


class Message(NamedTuple):
    """One text for some users."""

    users: Iterable
    title: str
    body: str = ""
    url: str = ""


def notify(users, verb: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Store a notification for each user and e-mail those with an address."""
    return notify_all(verb, [Message(users, title, body, url)])


def notify_all(verb: str, messages: Iterable[Message]) -> list[Notification]:
    """The messages of one event (say, the booker's and the provider's) in one INSERT.

    A user listed twice in one message hears it once.
    """
    rows = []
    for message in messages:
        recipients = {user.pk: user for user in message.users if user is not None}.values()
        rows += [(user, message) for user in recipients]
    notes = Notification.objects.bulk_create(
        Notification(user=user, verb=verb, title=m.title, body=m.body, url=m.url)
        for user, m in rows
    )
    mails = [_mail(verb, user, m) for user, m in rows if user.email]
    if mails:
        OutgoingMail.objects.bulk_create(mails)
        transaction.on_commit(partial(queue, mails), robust=True)
    return notes


def _mail(verb: str, user, message: Message) -> OutgoingMail:
    """One e-mail per address, so recipients do not see each other."""
    link = f"{settings.SITE_URL}{message.url}" if message.url else ""
    return OutgoingMail(
        verb=verb,
        user=user,
        address=user.email,
        subject=single_line(f"[{settings.PLATFORM_NAME}] {message.title}")[:250],
        body="\n\n".join(part for part in (message.body, link) if part),
    )
