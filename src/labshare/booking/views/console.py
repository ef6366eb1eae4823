"""The provider's side: approve requests, run the day at the instrument, record usage."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from labshare.booking import access, calendar, queries, services
from labshare.booking.forms import CheckOutForm, RequiredReasonForm, UsageForm, WeekForm
from labshare.catalog.access import console_organization
from labshare.core import clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, first_error, run_action
from labshare.core.http import redirect_next, wants_partial


@login_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    organization = console_organization(request.actor, "booking.approve")
    pending = queries.pending_for_provider(organization)
    page = Paginator(pending, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "queue_actions": {"approve", "reject"}}
    return render(request, "booking/approval_queue.html", context)


@login_required
@vary_on_headers("HX-Request")
def provider_calendar(request: HttpRequest) -> HttpResponse:
    """All of the provider's instruments for one week: rows of instruments, columns of days."""
    organization = console_organization(request.actor, "booking.approve")
    week = calendar.Week.containing(WeekForm(request.GET).week_day())
    instruments = queries.provider_instruments(organization)
    page = Paginator(instruments, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "week": week,
        "page_obj": page,
        "rows": calendar.provider_week(list(page.object_list), week),
        "today": clock.today(),
    }
    if wants_partial(request):
        return render(request, "booking/_provider_calendar.html", context)
    return render(request, "booking/provider_calendar.html", context)


@login_required
def staff_today(request: HttpRequest) -> HttpResponse:
    """Today's reservations of the provider's instruments, with the buttons their state allows."""
    organization = console_organization(request.actor, "booking.operate")
    reservations = queries.today_for_provider(organization)
    page = Paginator(reservations, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for reservation in page.object_list:
        reservation.actions = queries.staff_actions(reservation)
    context = {"page_obj": page, "today": clock.today()}
    return render(request, "booking/staff_today.html", context)


def _staff_step(
    request: HttpRequest, pk: int, service, success: str, permission: str = "booking.operate"
) -> HttpResponse:
    """One step of a reservation taken by the provider's staff (check-in, check-out, no-show)."""
    reservation = access.reservation_for_staff(request.actor, pk, permission)
    run_action(request, lambda: service(request.actor, reservation), success)
    return redirect_next(request, "booking:reservation_detail", pk)


@login_required
@require_POST
def reservation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_step(
        request,
        pk,
        services.approve_reservation,
        _("The request was approved; the customer has been told."),
        "booking.approve",
    )


def _with_reason(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    """Run an action that needs a reason; a missing reason is said before the service is asked."""
    reservation = access.reservation_for_staff(request.actor, pk, "booking.approve")
    form = RequiredReasonForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: action(request.actor, reservation, form.cleaned_data["reason"]),
            success,
        )
    else:
        messages.error(request, form.errors["reason"][0])
    return redirect_next(request, "booking:reservation_detail", pk)


@login_required
@require_POST
def reservation_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(
        request,
        pk,
        services.reject_reservation,
        _("The request was rejected; the customer has been told."),
    )


@login_required
@require_POST
def reservation_staff_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancelled for the customer; past the deadline, at their request, with the late fee."""
    late_fee = request.POST.get("late_fee") == "on"
    return _with_reason(
        request,
        pk,
        lambda actor, reservation, reason: services.cancel_reservation(
            actor, reservation, reason, late_fee=late_fee
        ),
        _("The reservation was cancelled; the customer has been told."),
    )


@login_required
@require_POST
def reservation_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_step(request, pk, services.check_in, _("Checked in: the instrument is in use."))


@login_required
@require_POST
def reservation_check_out(request: HttpRequest, pk: int) -> HttpResponse:
    """Check out, with the effective time as elapsed or as staff correct it (with a reason)."""
    reservation = access.reservation_for_staff(request.actor, pk, "booking.operate")
    form = CheckOutForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        run_action(
            request,
            lambda: services.check_out(request.actor, reservation, **form.cleaned_data),
            _("Checked out: the hours were recorded."),
        )
    return redirect_next(request, "booking:reservation_detail", pk)


@login_required
@require_POST
def reservation_no_show(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_step(request, pk, services.mark_no_show, _("The no-show was recorded."))


@login_required
def usage_new(request: HttpRequest) -> HttpResponse:
    """Staff enter usage that did not come from a check-out (有效机时)."""
    organization = console_organization(request.actor, "booking.operate")
    if request.method == "POST":
        form = UsageForm(request.POST, organization=organization)
    else:
        initial = {"operator": request.user.pk}
        initial.update(queries.usage_prefill(organization, request.GET.get("reservation", "")))
        form = UsageForm(organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_usage(
                request.actor, form.cleaned_data["instrument"], **form.service_kwargs()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The usage was recorded."))
            return redirect("booking:staff_today")
    return render(request, "booking/usage_form.html", {"form": form})
