"""Test items (检测项目) and accreditations: the public list and detail, and the provider
console where testing staff describe their items, publish them and record CMA/CNAS scopes."""

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.catalog import testing, testing_queries
from labshare.catalog.access import (
    accreditation_for_staff,
    can_preview_test_service,
    scope_line_for_staff,
    test_service_for_staff,
    testing_organization,
    visible_test_service,
)
from labshare.catalog.models import TestService
from labshare.catalog.testing_forms import (
    AccreditationForm,
    ScopeLineForm,
    TestServiceForm,
    TestServiceSearchForm,
)
from labshare.catalog.testing_queries import TestServiceFilter
from labshare.core import clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action

# Public pages


def _search_filter(form: TestServiceSearchForm) -> TestServiceFilter:
    if not form.is_valid():
        return TestServiceFilter()
    data = form.cleaned_data
    return TestServiceFilter(
        q=data["q"].strip(), provider=data["provider"], accredited=data["accredited"]
    )


def test_service_list(request: HttpRequest) -> HttpResponse:
    search_filter = _search_filter(TestServiceSearchForm(request.GET))
    results = search_filter.apply(testing_queries.public_test_services(), clock.today())
    page = Paginator(results, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": search_filter,
        "page_obj": page,
        "providers": testing_queries.providers_offering_tests(),
    }
    return render(request, "catalog/test_service_list.html", context)


def _order_url(service: TestService) -> str:
    """The order form of the orders app, with this item chosen; "" while that app has no form."""
    try:
        return f"{reverse('orders:order_new')}?{urlencode({'service': service.pk})}"
    except NoReverseMatch:
        return ""


def test_service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = visible_test_service(request.actor, pk)
    can_edit = can_preview_test_service(request.actor, service)
    context = {
        "service": service,
        "can_edit": can_edit,
        "instruments": testing_queries.instruments_used(service, include_hidden=can_edit),
        "marks": testing_queries.marks_today(service, clock.today()),
        "order_url": _order_url(service) if service.is_public else "",
        # "rating" is left for the orders app to supply (see _test_service_rating.html).
    }
    return render(request, "catalog/test_service_detail.html", context)


# Provider console


@login_required
def console_test_services(request: HttpRequest) -> HttpResponse:
    organization = testing_organization(request.actor)
    services = testing_queries.console_test_services(organization, clock.today())
    page = Paginator(services, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"organization": organization, "page_obj": page}
    return render(request, "catalog/test_service_console.html", context)


@login_required
def test_service_new(request: HttpRequest) -> HttpResponse:
    organization = testing_organization(request.actor)
    form = TestServiceForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            service = testing.create_test_service(
                request.actor, organization, **form.service_kwargs()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The test item was saved as a draft; publish it when ready.")
            )
            return redirect("catalog:test_service_edit", pk=service.pk)
    return render(request, "catalog/test_service_form.html", {"form": form, "service": None})


@login_required
def test_service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = test_service_for_staff(request.actor, pk)
    # A copy: the form writes into its instance, and the page must keep showing the saved one.
    form = TestServiceForm(
        request.POST or None, instance=copy.copy(service), organization=service.organization
    )
    if request.method == "POST" and form.is_valid():
        try:
            testing.update_test_service(request.actor, service, **form.service_kwargs())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The test item was saved."))
            return redirect("catalog:test_service_edit", pk=service.pk)
    context = {
        "form": form,
        "service": service,
        "marks": testing_queries.marks_today(service, clock.today()),
    }
    return render(request, "catalog/test_service_form.html", context)


@login_required
@require_POST
def test_service_publish(request: HttpRequest, pk: int) -> HttpResponse:
    service = test_service_for_staff(request.actor, pk)
    run_action(
        request,
        lambda: testing.publish_test_service(request.actor, service),
        _("The test item is now visible in the catalogue."),
    )
    return redirect("catalog:test_service_edit", pk=pk)


@login_required
@require_POST
def test_service_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    service = test_service_for_staff(request.actor, pk)
    run_action(
        request,
        lambda: testing.withdraw_test_service(request.actor, service),
        _("The test item was withdrawn from the catalogue; orders already placed go on."),
    )
    return redirect("catalog:test_service_edit", pk=pk)


@login_required
def console_accreditations(request: HttpRequest) -> HttpResponse:
    """The provider's certificates, and the form that records another."""
    organization = testing_organization(request.actor)
    form = AccreditationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accreditation = testing.add_accreditation(
                request.actor, organization, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The certificate was recorded; now add the test items it covers.")
            )
            return redirect("catalog:accreditation_scope", pk=accreditation.pk)
    accreditations = testing_queries.console_accreditations(organization)
    page = Paginator(accreditations, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organization": organization,
        "page_obj": page,
        "form": form,
        "today": clock.today(),
    }
    return render(request, "catalog/accreditation_list.html", context)


@login_required
def accreditation_scope(request: HttpRequest, pk: int) -> HttpResponse:
    """One certificate with its scope lines, and the form that adds (or re-words) a line."""
    accreditation = accreditation_for_staff(request.actor, pk)
    form = ScopeLineForm(
        request.POST or None,
        test_services=testing_queries.scope_candidates(accreditation.organization),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            testing.set_scope_line(
                request.actor, accreditation, data["test_service"], data["method_code"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The scope line was saved."))
            return redirect("catalog:accreditation_scope", pk=pk)
    context = {
        "accreditation": accreditation,
        "page_obj": Paginator(
            testing_queries.scope_lines(accreditation), settings.PAGE_SIZE
        ).get_page(request.GET.get("page")),
        "form": form,
        "today": clock.today(),
    }
    return render(request, "catalog/accreditation_scope.html", context)


@login_required
@require_POST
def scope_line_remove(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    line = scope_line_for_staff(request.actor, pk, line_pk)
    run_action(
        request,
        lambda: testing.remove_scope_line(request.actor, line),
        _("The test item was taken out of the scope."),
    )
    return redirect("catalog:accreditation_scope", pk=pk)
