"""Writes of the core app that are not an audit record themselves."""

from django.db import transaction

from labshare.core import clock
from labshare.core.models import Notification


@transaction.atomic
def mark_notifications_read(actor) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=clock.now())
