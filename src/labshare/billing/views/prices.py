"""The provider's price lists: every instrument and test item with its prices by tier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.billing import access, queries, services
from labshare.billing.forms import EndPriceForm, PriceForm
from labshare.billing.views.common import paged, submit
from labshare.core import clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error


@login_required
def price_lists(request: HttpRequest) -> HttpResponse:
    organization = access.provider_org(request.actor, "billing.edit_prices")
    kind = "test" if request.GET.get("kind") == "test" else "instrument"
    items = queries.priced_items(organization.pk, kind, clock.today())
    context = {"kind": kind, "page_obj": paged(request, items)}
    return render(request, "billing/price_lists.html", context)


@login_required
def item_prices(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """One item's prices, and the form for a new one (posted here)."""
    item = access.priced_item(request.actor, kind, pk)
    per_sample = kind == "test"
    form = PriceForm(
        request.POST or None, per_sample=per_sample, initial={"valid_from": clock.today()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.rule()
            try:
                services.set_price(
                    request.actor,
                    item,
                    data.pop("tier"),
                    data.pop("valid_from"),
                    data.pop("valid_until"),
                    **data,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The price was saved."))
                return redirect("billing:item_prices", kind=kind, pk=pk)
        status = 400
    context = {
        "item": item,
        "kind": kind,
        "prices": queries.prices_of(item),
        "form": form,
        "end_form": EndPriceForm(initial={"last_day": clock.today()}),
    }
    return render(request, "billing/item_prices.html", context, status=status)


@login_required
@require_POST
def end_price(request: HttpRequest, pk: int) -> HttpResponse:
    price = access.price_for_provider(request.actor, pk)
    submit(
        request,
        EndPriceForm(request.POST),
        lambda data: services.end_price(request.actor, price, data["last_day"]),
        _("The price now ends on that day."),
    )
    kind = "instrument" if price.instrument_id else "test"
    return redirect(
        "billing:item_prices", kind=kind, pk=price.instrument_id or price.test_service_id
    )
