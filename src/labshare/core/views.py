"""The user's notifications (newest first, unread ones highlighted), the audit trail and the
operator's overview and mail."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.core import clock, queries, services
from labshare.core.access import audit_scope, require_active
from labshare.core.errors import DomainError
from labshare.core.forms import AuditFilterForm, CalendarDayForm, add_domain_error, run_action
from labshare.core.models import Notification, OutgoingMail


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; resolved per request, as the
    hashed static name exists only once collectstatic has run."""
    return redirect(static("labshare/favicon.svg"), permanent=True)


def page(request: HttpRequest, name: str) -> HttpResponse:
    """The platform's own pages: about, the service guide, help, the user agreement."""
    return render(request, f"core/pages/{name}.html")


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


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    """An administrator reads their organisation's trail; the operator reads everybody's."""
    scope = audit_scope(request.actor)
    everybody = scope is None
    form = AuditFilterForm(request.GET or None, all_organizations=everybody)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(queries.audit_events(scope, filters), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    names = queries.organization_names(page.object_list)
    for event in page.object_list:
        event.organization_name = names.get(event.organization_id, "")
        event.actor_organization_name = names.get(event.actor_organization_id, "")
    context = {
        "form": form,
        "page_obj": page,
        "everybody": everybody,
        "filtered": bool(filters and any(filters.values())),
    }
    return render(request, "core/audit_trail.html", context)


@login_required
def outgoing_mail(request: HttpRequest) -> HttpResponse:
    """The operator watches the e-mail that could not be sent (and what waits or went out)."""
    require_active(request.actor, "platform.watch_mail", operator=True)
    status = request.GET.get("status", OutgoingMail.Status.FAILED)
    if status not in OutgoingMail.Status.values:
        status = OutgoingMail.Status.FAILED
    page = Paginator(queries.mail_for_operator(status), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "status": status, "statuses": OutgoingMail.Status.choices}
    return render(request, "core/outgoing_mail.html", context)


@login_required
def operator_overview(request: HttpRequest) -> HttpResponse:
    """Where the operator lands: what waits for a decision, and the platform's size."""
    require_active(request.actor, "platform.review_providers", operator=True)
    return render(request, "core/operator_overview.html", queries.operator_overview())


@login_required
def working_days(request: HttpRequest) -> HttpResponse:
    """The working-day calendar every deadline counts in: the holiday library's days off and
    make-up working days for a year, and the operator's declarations, which win."""
    require_active(request.actor, "platform.edit_calendar", operator=True)
    year = request.GET.get("year", "")
    known = year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100
    year = int(year) if known else clock.today().year
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_calendar_day(request.actor, data["date"], data["is_workday"], data["note"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The date is saved; deadlines count with it from now on."))
            return redirect(f"{request.path}?year={data['date'].year}")
    context = {"form": form, **queries.calendar_year(year)}
    status = 400 if form.errors else 200
    return render(request, "core/working_days.html", context, status=status)


@login_required
@require_POST
def working_day_clear(request: HttpRequest, day: str) -> HttpResponse:
    require_active(request.actor, "platform.edit_calendar", operator=True)
    entry = queries.calendar_entry(day)
    if entry is None:
        raise Http404
    run_action(
        request,
        lambda: services.clear_calendar_day(request.actor, entry),
        _("The declaration is withdrawn; the holiday calendar decides the date again."),
    )
    return redirect(f"{reverse('core:working_days')}?year={entry.date.year}")
