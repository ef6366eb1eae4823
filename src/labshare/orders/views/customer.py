"""The client's side: order test items, follow the order, accept the quote, get the report,
rate the order."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.core import charging
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action, run_with_reason
from labshare.orders import access, queries, services
from labshare.orders.forms import OrderForm, ReviewForm, order_initial


@login_required
def order_new(request: HttpRequest) -> HttpResponse:
    """The order form for test items of one provider (?service= names the first item); it is
    sent to the lab at once unless the client keeps it as a draft."""
    membership = request.active_membership
    if membership is None:
        return render(request, "orders/no_organization.html")
    chosen = queries.offered_service(request.GET.get("service") or request.POST.get("service"))
    if chosen is None:
        messages.info(request, _("Choose a test item first, then order it from its page."))
        return redirect("catalog:test_service_list")
    offered = queries.offered_by(chosen.organization)
    form = OrderForm(
        request.POST or None,
        offered=offered,
        initial=order_initial(request.user, chosen),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen_services, send_now = list(data.pop("test_services")), data.pop("send_now")
        try:
            order = services.draft_order(
                request.actor, membership.organization, chosen_services, **data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if not send_now:
                messages.success(request, _("The order was saved as a draft."))
            else:
                run_action(
                    request,
                    lambda: services.submit_order(request.actor, order),
                    _("The order was sent; the provider will quote or answer."),
                )
            return redirect("orders:order_detail", pk=order.pk)
    context = {
        "form": form,
        "chosen": chosen,
        "provider": chosen.organization,
        # What each item costs this client per sample: billing's price list, through the seam.
        "prices": [
            (item, charging.sample_price(item, membership.organization)) for item in offered
        ],
    }
    return render(request, "orders/order_form.html", context)


@login_required
def my_orders(request: HttpRequest) -> HttpResponse:
    """The active organization's test orders: open (default), done, closed or all."""
    membership = request.active_membership
    if membership is None:
        return render(request, "orders/no_organization.html")
    show = request.GET.get("show", "open")
    if show not in (*queries.CUSTOMER_SHOWS, "all"):
        show = "open"
    orders = queries.customer_orders(membership.organization, show)
    page = Paginator(orders, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"organization": membership.organization, "page_obj": page, "show": show}
    return render(request, "orders/my_orders.html", context)


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_customer(request.actor, pk)
    return _detail(request, order, ReviewForm())


def _detail(request: HttpRequest, order, review_form, status: int = 200) -> HttpResponse:
    context = {
        "order": order,
        "may": queries.may_act(request.actor, order),
        "review_form": review_form,
        **queries.order_picture(order),
    }
    return render(request, "orders/order_detail.html", context, status=status)


def _step(request: HttpRequest, pk: int, service, success: str, *, reason=False) -> HttpResponse:
    """One step the client takes on an order: service(actor, order[, reason])."""
    order = access.order_for_customer(request.actor, pk)
    if reason:
        run_with_reason(request, lambda why: service(request.actor, order, why), success)
    else:
        run_action(request, lambda: service(request.actor, order), success)
    return redirect("orders:order_detail", pk=pk)


@login_required
@require_POST
def order_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        services.submit_order,
        _("The order was sent; the provider will quote or answer."),
    )


@login_required
@require_POST
def order_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        services.accept_quote,
        _("You accepted the quote; send or bring the samples to the lab."),
    )


@login_required
@require_POST
def order_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        services.decline_quote,
        _("You declined the quote; the order is closed."),
        reason=True,
    )


@login_required
@require_POST
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.cancel_order, _("The order was cancelled."), reason=True)


@login_required
@require_POST
def order_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        services.complete_order,
        _("The order is complete. You can rate it now."),
    )


@login_required
@require_POST
def order_review(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_customer(request.actor, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_order(request.actor, order, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you for rating the order."))
            return redirect("orders:order_detail", pk=pk)
    return _detail(request, order, form, status=400)
