"""The provider console: a provider's staff manage their own instruments."""

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.catalog import services
from labshare.catalog.access import console_organization, instrument_for_staff, photo_for_staff
from labshare.catalog.forms import InstrumentForm, PhotoForm
from labshare.catalog.models import Instrument
from labshare.core.errors import DomainError
from labshare.core.forms import ReasonForm, add_domain_error, first_error, run_action


@login_required
def console_instruments(request: HttpRequest) -> HttpResponse:
    organization = console_organization(request.actor)
    instruments = (
        Instrument.objects.filter(organization=organization)
        .select_related("instrument_class")
        .order_by("retired_at", "name_sort", "id")
    )
    state = request.GET.get("state", "")
    if state == "draft":
        instruments = instruments.filter(is_published=False, retired_at__isnull=True)
    elif state == "published":
        instruments = instruments.filter(is_published=True)
    elif state == "retired":
        instruments = instruments.filter(retired_at__isnull=False)
    page = Paginator(instruments, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"organization": organization, "page_obj": page, "state": state}
    return render(request, "catalog/console_instruments.html", context)


@login_required
def instrument_create(request: HttpRequest) -> HttpResponse:
    organization = console_organization(request.actor)
    form = InstrumentForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = services.create_instrument(
                request.actor, organization, **form.service_kwargs()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The instrument was saved as a draft; publish it when ready.")
            )
            return redirect("catalog:instrument_edit", pk=instrument.pk)
    return render(request, "catalog/instrument_form.html", {"form": form, "instrument": None})


@login_required
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = instrument_for_staff(request.actor, pk)
    # A copy: the form writes into its instance, and the page must keep showing the saved one.
    form = InstrumentForm(
        request.POST or None, instance=copy.copy(instrument), organization=instrument.organization
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_instrument(request.actor, instrument, **form.service_kwargs())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The instrument was saved."))
            return redirect("catalog:instrument_edit", pk=instrument.pk)
    context = {
        "form": form,
        "instrument": instrument,
        "photos": instrument.photos.all(),
        "photo_form": PhotoForm(),
        "retire_form": ReasonForm(),
    }
    return render(request, "catalog/instrument_form.html", context)


@login_required
@require_POST
def instrument_publish(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = instrument_for_staff(request.actor, pk)
    run_action(
        request,
        lambda: services.publish_instrument(request.actor, instrument),
        _("The instrument is now visible in the catalogue."),
    )
    return redirect("catalog:instrument_edit", pk=pk)


@login_required
@require_POST
def instrument_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = instrument_for_staff(request.actor, pk)
    run_action(
        request,
        lambda: services.unpublish_instrument(request.actor, instrument),
        _("The instrument was withdrawn from the catalogue."),
    )
    return redirect("catalog:instrument_edit", pk=pk)


@login_required
@require_POST
def instrument_retire(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = instrument_for_staff(request.actor, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("catalog:instrument_edit", pk=pk)
    run_action(
        request,
        lambda: services.retire_instrument(request.actor, instrument, form.cleaned_data["reason"]),
        _("The instrument was retired."),
    )
    return redirect("catalog:instrument_edit", pk=pk)


@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = instrument_for_staff(request.actor, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("catalog:instrument_edit", pk=pk)
    run_action(
        request,
        lambda: services.add_photo(
            request.actor, instrument, form.cleaned_data["image"], form.cleaned_data["caption"]
        ),
        _("The photo was added."),
    )
    return redirect("catalog:instrument_edit", pk=pk)


@login_required
@require_POST
def photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = photo_for_staff(request.actor, pk, photo_pk)
    run_action(
        request, lambda: services.remove_photo(request.actor, photo), _("The photo was removed.")
    )
    return redirect("catalog:instrument_edit", pk=pk)
