"""Notifications: an in-app message per user, and the same text by e-mail.

Services call `notify` inside their transaction. The in-app messages are rows written with the
change, so they appear when it commits and vanish with it when it rolls back: a change is never
seen without its messages, nor a message without its change. The price is that a failure to
write them (the database's, since they are plain rows) fails the change too, which is then
retried whole. The e-mails leave through `transaction.on_commit(..., robust=True)`: nothing is
mailed for a change that was rolled back, and a mail that fails never undoes or hides a
committed change.
"""

import logging
from collections.abc import Iterable
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from labshare.core.models import Notification

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
    mails = [(user.pk, user.email, m) for user, m in rows if user.email]
    if mails:
        transaction.on_commit(partial(_mail, verb, mails), robust=True)
    return notes


def _mail(verb: str, mails: list[tuple[int, str, Message]]) -> None:
    """One e-mail per address, so recipients do not see each other."""
    for user_pk, address, message in mails:
        link = f"{settings.SITE_URL}{message.url}" if message.url else ""
        text = "\n\n".join(part for part in (message.body, link) if part)
        try:
            send_mail(f"[{settings.PLATFORM_NAME}] {message.title}", text, None, [address])
        except Exception:
            # A mail server that is down, or one bad address, must not keep the others from theirs.
            logger.exception("Could not e-mail notification %s to %s", verb, user_pk)
