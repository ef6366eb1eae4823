"""The lab's page of one order: every form its status allows, unbound unless a failed post
brought its own back with the errors on it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from labshare.core.forms import run_action, run_with_reason
from labshare.orders import access, queries
from labshare.orders.forms import (
    BookTimeForm,
    QuoteForm,
    QuoteLineFormSet,
    ResultForm,
    SampleFormSet,
    expected_initial,
    quote_initial,
    sample_initial,
)
from labshare.orders.models import Result, ServiceOrder

S = ServiceOrder.Status


def result_forms(order: ServiceOrder, grid, data=None) -> list[tuple]:
    """One small form per sample and item still open for entry (not yet checked)."""
    if order.status != S.TESTING:
        return []
    rows = []
    for row in grid:
        if row.result is not None and row.result.state == Result.State.CHECKED:
            continue
        result = row.result
        initial = (
            {
                "value": result.value,
                "unit": result.unit,
                "spec": result.spec,
                "verdict": result.verdict,
            }
            if result
            else {"unit": row.item.test_service.result_unit}
        )
        prefix = f"r-{row.sample.pk}-{row.item.pk}"
        rows.append((row, ResultForm(data, initial=initial, prefix=prefix)))
    return rows


def staff_step(
    request: HttpRequest, pk: int, permission: str, service, success: str, *, reason=False
) -> HttpResponse:
    """One step the lab takes on an order from its page: service(actor, order[, reason])."""
    order = access.order_for_staff(request.actor, pk, permission)
    if reason:
        run_with_reason(request, lambda why: service(request.actor, order, why), success)
    else:
        run_action(request, lambda: service(request.actor, order), success)
    return redirect("orders:console_order", pk=pk)


def order_page(
    request: HttpRequest, order: ServiceOrder, status: int = 200, **bound
) -> HttpResponse:
    picture = queries.order_picture(order)
    items = picture["items"]
    context = {
        "order": order,
        **picture,
        "staff": queries.staff_may(request.actor, order, picture),
        "quote_form": bound.get("quote_form") or QuoteForm(initial=expected_initial(items)),
        "line_forms": bound.get("line_forms")
        or QuoteLineFormSet(initial=quote_initial(order, items), prefix="line"),
        "sample_forms": bound.get("sample_forms")
        or SampleFormSet(initial=sample_initial(order), prefix="sample"),
        "book_form": bound.get("book_form") or BookTimeForm(provider=order.provider),
        "result_rows": bound.get("result_rows") or result_forms(order, picture["grid"]),
    }
    return render(request, "orders/console_order.html", context, status=status)
