"""Notifications: an in-app message per user, and the same text by e-mail.

Services call `notify` through `transaction.on_commit(..., robust=True)`: nothing is sent for a
change that was rolled back, and a failing notification never undoes or hides a committed change.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail

from labshare.core.models import Notification

logger = logging.getLogger(__name__)


def notify(users, verb: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Store a notification for each user and e-mail those with an address."""
    notes = []
    for user in {user.pk: user for user in users if user is not None}.values():
        notes.append(
            Notification.objects.create(user=user, verb=verb, title=title, body=body, url=url)
        )
        if user.email:
            link = f"{settings.SITE_URL}{url}" if url else ""
            text = "\n\n".join(part for part in (body, link) if part)
            try:
                send_mail(f"[{settings.PLATFORM_NAME}] {title}", text, None, [user.email])
            except OSError:
                # A mail server being down must not lose the in-app notification.
                logger.exception("Could not e-mail notification %s to %s", verb, user.pk)
    return notes
