"""Training requests: a user asks from the instrument's pages; the provider's staff answer in
their console (set a date, qualify, or decline)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.booking import access, queries, services
from labshare.booking.forms import (
    CompleteTrainingForm,
    RequiredReasonForm,
    ScheduleTrainingForm,
    TrainingRequestForm,
)
from labshare.catalog.access import console_organization
from labshare.core.forms import first_error, run_action
from labshare.core.http import redirect_next


@login_required
@require_POST
def training_request(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access.visible_instrument(request.actor, pk)
    membership = request.active_membership
    form = TrainingRequestForm(request.POST)
    if membership is None:
        messages.error(request, _("Join or register an organization first."))
    elif not form.is_valid():
        messages.error(request, first_error(form))
    else:
        run_action(
            request,
            lambda: services.request_training(
                request.actor, instrument, membership.organization, form.cleaned_data["note"]
            ),
            _("Your training request was sent; the provider will propose a date."),
        )
    return redirect_next(request, "booking:instrument_calendar", pk)


@login_required
def training_requests(request: HttpRequest) -> HttpResponse:
    """The provider's open training requests, oldest first."""
    organization = console_organization(request.actor, "booking.qualify")
    page = Paginator(queries.open_training_requests(organization), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "schedule_form": ScheduleTrainingForm(),
        "complete_form": CompleteTrainingForm(),
        "decline_form": RequiredReasonForm(),
    }
    return render(request, "booking/training_requests.html", context)


def _answer(request: HttpRequest, pk: int, form_class, service, success: str) -> HttpResponse:
    training = access.training_for_staff(request.actor, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        run_action(request, lambda: service(request.actor, training, **form.cleaned_data), success)
    return redirect("booking:training_requests")


@login_required
@require_POST
def training_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        ScheduleTrainingForm,
        services.schedule_training,
        _("The training date was set; the user has been told."),
    )


@login_required
@require_POST
def training_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        CompleteTrainingForm,
        services.complete_training,
        _("The user is now qualified for the instrument."),
    )


@login_required
@require_POST
def training_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        RequiredReasonForm,
        services.decline_training,
        _("The training request was declined; the user has been told."),
    )
