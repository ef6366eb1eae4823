"""Writes of the core app that are not an audit record themselves."""

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.core import clock
from labshare.core.access import ensure_person
from labshare.core.actors import Actor
from labshare.core.models import Notification


@transaction.atomic
def mark_notifications_read(actor: Actor) -> int:
    """Mark every unread notification of the acting person read; returns how many changed."""
    ensure_person(actor, _("Only a person has notifications."))
    return Notification.objects.filter(user=actor.user, read_at__isnull=True).update(
        read_at=clock.now()
    )
