"""The unread-notifications count of the page header: one query per page, only where it is shown."""

from django import template

from labshare.core.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
