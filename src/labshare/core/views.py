"""The user's notifications: newest first, unread ones highlighted."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.core import services
from labshare.core.models import Notification


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(mine, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page_obj": page})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    if services.mark_notifications_read(request.actor):
        messages.success(request, _("All notifications are marked as read."))
    return redirect("core:notifications")
