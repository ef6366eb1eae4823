"""Provider staff set an instrument's booking rules, open time, blackouts and qualified users.

The schedule page holds several forms; each posts to its own URL. A refused form is shown again
on the whole page with its errors, the other forms empty.
"""

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
    BlackoutForm,
    BookingRulesForm,
    ExtraOpeningForm,
    QualificationForm,
    WeeklyWindowForm,
)
from labshare.booking.models import Blackout, ExtraOpening
from labshare.booking.rules import rules_for
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action

SCHEDULE = "booking:instrument_schedule"


def _schedule_page(request: HttpRequest, instrument, status: int = 200, **forms) -> HttpResponse:
    context = {
        "instrument": instrument,
        "rules_form": forms.get("rules_form") or BookingRulesForm(instance=rules_for(instrument)),
        "window_form": forms.get("window_form") or WeeklyWindowForm(),
        "opening_form": forms.get("opening_form") or ExtraOpeningForm(),
        "blackout_form": forms.get("blackout_form") or BlackoutForm(),
        "windows": instrument.weekly_windows.all(),
        "openings": queries.upcoming_spans(ExtraOpening, instrument),
        "blackouts": queries.upcoming_spans(Blackout, instrument),
    }
    return render(request, "booking/instrument_schedule.html", context, status=status)


def _save(request, instrument, form_name: str, form, action, success: str) -> HttpResponse:
    """Call the service with a valid form; otherwise show the page again with the form's errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, success)
            return redirect(SCHEDULE, pk=instrument.pk)
    return _schedule_page(request, instrument, **{form_name: form})


@login_required
def instrument_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _schedule_page(request, access.instrument_for_staff(request.actor, pk))


@login_required
@require_POST
def rules_update(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access.instrument_for_staff(request.actor, pk)
    form = BookingRulesForm(request.POST, instance=rules_for(instrument))
    return _save(
        request,
        instrument,
        "rules_form",
        form,
        lambda data: services.update_booking_rules(request.actor, instrument, **data),
        _("The booking rules were saved."),
    )


@login_required
@require_POST
def window_add(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access.instrument_for_staff(request.actor, pk)
    return _save(
        request,
        instrument,
        "window_form",
        WeeklyWindowForm(request.POST),
        lambda data: services.add_weekly_window(request.actor, instrument, **data),
        _("The weekly opening was added."),
    )


@login_required
@require_POST
def window_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    window = access.window_for_staff(request.actor, pk, item_pk)
    run_action(
        request,
        lambda: services.remove_weekly_window(request.actor, window),
        _("The weekly opening was removed."),
    )
    return redirect(SCHEDULE, pk=pk)


@login_required
@require_POST
def opening_add(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access.instrument_for_staff(request.actor, pk)
    return _save(
        request,
        instrument,
        "opening_form",
        ExtraOpeningForm(request.POST),
        lambda data: services.add_extra_opening(request.actor, instrument, **data),
        _("The extra opening was added."),
    )


@login_required
@require_POST
def opening_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    opening = access.opening_for_staff(request.actor, pk, item_pk)
    run_action(
        request,
        lambda: services.remove_extra_opening(request.actor, opening),
        _("The extra opening was removed."),
    )
    return redirect(SCHEDULE, pk=pk)


@login_required
@require_POST
def blackout_add(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access.instrument_for_staff(request.actor, pk)
    return _save(
        request,
        instrument,
        "blackout_form",
        BlackoutForm(request.POST),
        lambda data: services.add_blackout(request.actor, instrument, **data),
        _("The time was closed to bookings."),
    )


@login_required
@require_POST
def blackout_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    blackout = access.blackout_for_staff(request.actor, pk, item_pk)
    run_action(
        request,
        lambda: services.remove_blackout(request.actor, blackout),
        _("The blackout was removed."),
    )
    return redirect(SCHEDULE, pk=pk)


@login_required
def qualification_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Users qualified to operate the instrument alone; POST grants (or renews) one."""
    instrument = access.instrument_for_staff(request.actor, pk, "booking.qualify")
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_qualification(
                request.actor, instrument, data["username"], data["expires_on"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The qualification was granted."))
            return redirect("booking:qualification_list", pk=pk)
    qualifications = queries.qualifications_of(instrument)
    page = Paginator(qualifications, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"instrument": instrument, "form": form, "page_obj": page}
    return render(request, "booking/qualification_list.html", context)


@login_required
@require_POST
def qualification_revoke(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    qualification = access.qualification_for_staff(request.actor, pk, item_pk)
    run_action(
        request,
        lambda: services.revoke_qualification(request.actor, qualification),
        _("The qualification was revoked."),
    )
    return redirect("booking:qualification_list", pk=pk)
