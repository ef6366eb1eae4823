"""The provider's desk: incoming orders by tab, one order's page, quote or reject, receive the
samples and print their labels, start testing, book instrument time."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error
from labshare.orders import access, queries, services
from labshare.orders.forms import BookTimeForm, QuoteForm, QuoteLineFormSet, SampleFormSet
from labshare.orders.views.page import order_page, staff_step


@login_required
def console_orders(request: HttpRequest) -> HttpResponse:
    """Incoming orders in tabs: to quote, waiting, in the lab, overdue, reported, closed."""
    organization = access.desk_organization(request.actor)
    tab = request.GET.get("tab", "new")
    if tab not in queries.PROVIDER_TABS:
        tab = "new"
    orders = queries.provider_orders(organization, tab)
    page = Paginator(orders, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for order in page.object_list:
        order.overdue = queries.is_overdue(order)
    context = {
        "organization": organization,
        "page_obj": page,
        "tab": tab,
        "tabs": queries.tabs_with_counts(organization),
    }
    return render(request, "orders/console_orders.html", context)


@login_required
def console_order(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_staff(request.actor, pk)
    return order_page(request, order)


@login_required
@require_POST
def order_quote(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_staff(request.actor, pk, "orders.quote")
    form = QuoteForm(request.POST)
    lines = QuoteLineFormSet(request.POST, prefix="line")
    if form.is_valid() and lines.is_valid():
        quoted = [line_form.line for line_form in lines if line_form.line]
        try:
            services.quote_order(
                request.actor,
                order,
                quoted,
                form.cleaned_data["expected_date"],
                form.cleaned_data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The quote was sent to the client."))
            return redirect("orders:console_order", pk=pk)
    return order_page(request, order, 400, quote_form=form, line_forms=lines)


@login_required
@require_POST
def order_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return staff_step(
        request,
        pk,
        "orders.quote",
        services.reject_order,
        _("The order was rejected; the client has been told why."),
        reason=True,
    )


@login_required
@require_POST
def order_receive(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_staff(request.actor, pk, "orders.quote")
    forms = SampleFormSet(request.POST, prefix="sample")
    if forms.is_valid():
        samples = [
            (f.cleaned_data.get("description"), f.cleaned_data.get("condition")) for f in forms
        ]
        try:
            services.receive_samples(request.actor, order, samples)
        except DomainError as error:
            forms.non_form_errors().append(str(error.message))
        else:
            messages.success(
                request, _("The samples are received and numbered: print their labels.")
            )
            return redirect("orders:console_order", pk=pk)
    return order_page(request, order, 400, sample_forms=forms)


@login_required
def sample_labels(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable sheet of the order's sample labels; each QR code opens the order for staff."""
    order = access.order_for_staff(request.actor, pk)
    url = request.build_absolute_uri(reverse("orders:console_order", args=[order.pk]))
    qr = mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=2))  # noqa: S308 (our SVG)
    labels = [{"sample": sample, "qr": qr} for sample in queries.samples_of(order)]
    return render(request, "orders/sample_labels.html", {"order": order, "labels": labels})


@login_required
@require_POST
def order_start(request: HttpRequest, pk: int) -> HttpResponse:
    return staff_step(
        request,
        pk,
        "orders.test",
        services.start_testing,
        _("Testing has started; enter the results below."),
    )


@login_required
@require_POST
def order_book(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_staff(request.actor, pk, "orders.test")
    form = BookTimeForm(request.POST, provider=order.provider)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.book_test_time(
                request.actor, order, data["instrument"], data["start"], data["end"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The instrument time is booked and on the calendar."))
            return redirect("orders:console_order", pk=pk)
    return order_page(request, order, 400, book_form=form)
