"""The customer's side: book an instrument, see and cancel the organization's reservations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.booking import access, queries, rules, services
from labshare.booking.forms import RatingForm, ReasonForm, ReservationForm, initial_span
from labshare.booking.models import Reservation
from labshare.booking.rules import books_as_provider, rules_for, why_not_bookable
from labshare.core import charging, clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action
from labshare.core.http import redirect_next, safe_next, wants_partial


@login_required
def reservation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The booking form; the active organization books. GET ?start=&end= prefills it."""
    instrument = access.visible_instrument(request.actor, pk)
    membership = request.active_membership
    if membership is None:
        return render(request, "booking/no_organization.html", {"instrument": instrument})
    rules = rules_for(instrument)
    context = {
        "instrument": instrument,
        "rules_summary": queries.rules_summary(instrument, rules),
        "membership": membership,
        "qualification": queries.qualification_state(instrument, request.user),
    }
    if request.method == "POST":
        form = ReservationForm(request.POST, granularity=rules.granularity_minutes)
        span = dict(form.cleaned_data) if form.is_valid() else {}
    else:
        span = initial_span(request.GET)
        form = ReservationForm(initial=span, granularity=rules.granularity_minutes)
    if request.method == "POST" and form.is_valid():
        try:
            reservation = services.request_reservation(
                request.actor,
                instrument,
                membership.organization,
                form.cleaned_data["start"],
                form.cleaned_data["end"],
                form.cleaned_data["purpose"],
                form.cleaned_data["funding_source"],
                form.cleaned_data["subject_areas"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if reservation.status == Reservation.Status.PENDING:
                messages.success(
                    request, _("Your request was sent; the provider will confirm or reject it.")
                )
            else:
                messages.success(request, _("Your reservation is confirmed."))
            return redirect("booking:reservation_detail", pk=reservation.pk)
    context.update(
        form=form,
        estimate=charging.estimate_time(
            instrument, membership.organization, span.get("start"), span.get("end")
        ),
        refusal=why_not_bookable(instrument, membership.organization),
        staff_booking=books_as_provider(request.actor, instrument, membership.organization),
    )
    if wants_partial(request):
        return render(request, "booking/_estimate.html", context)
    return render(request, "booking/reservation_form.html", context)


@login_required
def my_reservations(request: HttpRequest) -> HttpResponse:
    """The active organization's reservations: upcoming (default), past or all."""
    membership = request.active_membership
    if membership is None:
        return render(request, "booking/no_organization.html")
    show = request.GET.get("show", "upcoming")
    if show not in queries.SHOWS:
        show = "upcoming"
    reservations = queries.customer_reservations(membership.organization, show)
    page = Paginator(reservations, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for reservation in page.object_list:
        reservation.may_cancel = queries.customer_may_cancel(reservation, request.actor)
    context = {"organization": membership.organization, "page_obj": page, "show": show}
    return render(request, "booking/my_reservations.html", context)


@login_required
def reservation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.reservation_for_viewer(request.actor, pk), RatingForm())


def _detail(request: HttpRequest, reservation, rating_form, status: int = 200) -> HttpResponse:
    customer_side, staff_side = access.sides_of(request.actor, reservation)
    satisfaction = queries.satisfaction_of(reservation)
    context = {
        "satisfaction": satisfaction,
        "rating_form": rating_form
        if customer_side and satisfaction is None and queries.may_rate(reservation)
        else None,
        "reservation": reservation,
        "staff_side": staff_side,
        "customer_side": customer_side,
        "may_cancel": customer_side and queries.customer_may_cancel(reservation, request.actor),
        "actions": queries.staff_actions(reservation) if staff_side else set(),
        "usage": queries.usage_of(reservation),
        "past_deadline": staff_side and rules.customer_too_late_to_cancel(reservation, clock.now()),
    }
    return render(request, "booking/reservation_detail.html", context, status=status)


@login_required
@require_POST
def reservation_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """The booking organization rates a completed reservation (once)."""
    reservation = access.reservation_for_customer(request.actor, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate_reservation(request.actor, reservation, **form.cleaned_data)
        except DomainError as error:
            if error.field is None:  # not the form's fault: rated meanwhile, not done yet
                messages.error(request, str(error))
                return redirect("booking:reservation_detail", pk=pk)
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you for rating the reservation."))
            return redirect("booking:reservation_detail", pk=pk)
    return _detail(request, reservation, form, status=400)


@login_required
def reservation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """The customer cancels after confirming (GET shows the confirmation, in place for htmx);
    the service holds the deadline and who may."""
    reservation = access.reservation_for_customer(request.actor, pk)
    if request.method != "POST":
        context = {"reservation": reservation, "next": safe_next(request)}
        if wants_partial(request):
            return render(request, "booking/_cancel_confirm.html", context)
        return render(request, "booking/cancel_confirm.html", context)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect_next(request, "booking:reservation_detail", pk)
    run_action(
        request,
        lambda: services.cancel_reservation(
            request.actor, reservation, form.cleaned_data["reason"]
        ),
        _("The reservation was cancelled."),
    )
    return redirect_next(request, "booking:reservation_detail", pk)
