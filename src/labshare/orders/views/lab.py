"""The lab's three steps (三级审核) and what follows: enter results, check them or send one back,
approve the report, correct it, close the order, answer the review; the worklist and the
signatories."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.catalog.access import console_organization
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, first_error, run_action, run_with_reason
from labshare.orders import access, queries, services
from labshare.orders.forms import ReplyForm, SignatoryForm
from labshare.orders.views.page import order_page, result_forms, staff_step


def _changed(row, data: dict) -> bool:
    """A row the person typed into: new, or different from what is stored, or sent back."""
    result = row.result
    if result is None:
        return bool((data.get("value") or "").strip())
    if result.state == result.State.RETURNED:
        return True
    fields = ("value", "unit", "spec", "verdict")
    return any((data.get(name) or "").strip() != getattr(result, name) for name in fields)


@login_required
@require_POST
def order_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The results grid: every typed row is saved, or none (the first bad row is named)."""
    order = access.order_for_staff(request.actor, pk, "orders.test")
    rows = result_forms(order, queries.order_picture(order)["grid"], request.POST)
    if not rows:
        messages.error(request, _("No result of this order is open for entry now."))
        return redirect("orders:console_order", pk=pk)
    if rows and all(form.is_valid() for _row, form in rows):
        entries = [
            {"sample": row.sample, "item": row.item, **form.cleaned_data}
            for row, form in rows
            if _changed(row, form.cleaned_data)
        ]
        try:
            if not entries:
                messages.info(request, _("Nothing was changed."))
                return redirect("orders:console_order", pk=pk)
            written = services.enter_results(request.actor, order, entries)
        except DomainError as error:
            target = next((form for _row, form in rows if form.has_changed()), rows[0][1])
            add_domain_error(target, error)
        else:
            messages.success(
                request,
                _("%(count)d results saved; a second person checks them.")
                % {"count": len(written)},
            )
            return redirect("orders:console_order", pk=pk)
    return order_page(request, order, 400, result_rows=rows)


@login_required
@require_POST
def order_check(request: HttpRequest, pk: int) -> HttpResponse:
    return staff_step(
        request,
        pk,
        "orders.test",
        services.check_results,
        _("The results are checked; an authorised signatory approves the report."),
    )


@login_required
@require_POST
def result_return(request: HttpRequest, pk: int, result_pk: int) -> HttpResponse:
    order = access.order_for_staff(request.actor, pk, "orders.test")
    result = access.result_for_staff(request.actor, order, result_pk)
    run_with_reason(
        request,
        lambda reason: services.return_result(request.actor, result, reason),
        _("The result was sent back to be entered again."),
    )
    return redirect("orders:console_order", pk=pk)


@login_required
@require_POST
def order_approve(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_staff(request.actor, pk, "orders.test")
    try:
        report = services.approve_report(request.actor, order)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Report %(number)s is issued; the client has been told.") % {"number": report.number},
        )
    return redirect("orders:console_order", pk=pk)


@login_required
@require_POST
def order_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return staff_step(
        request,
        pk,
        "orders.test",
        services.start_correction,
        _("The order is open for correction; the next approval replaces the report."),
        reason=True,
    )


@login_required
@require_POST
def order_close(request: HttpRequest, pk: int) -> HttpResponse:
    return staff_step(
        request, pk, "orders.quote", services.complete_order, _("The order is complete.")
    )


@login_required
@require_POST
def review_reply(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.review_for_staff(request.actor, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        reply = form.cleaned_data["reply"]
        run_action(
            request,
            lambda: services.reply_to_review(request.actor, review, reply),
            _("Your answer is published beside the review."),
        )
    return redirect("orders:console_order", pk=review.order_id)


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    """What the lab has to do: results to enter, to check, reports to approve."""
    organization = console_organization(request.actor, "orders.test")
    context = {"organization": organization, **queries.worklist(organization, request.user)}
    return render(request, "orders/worklist.html", context)


@login_required
def signatories(request: HttpRequest) -> HttpResponse:
    """The provider's authorised signatories (授权签字人) and the items each may sign for."""
    organization = console_organization(request.actor, "orders.manage_signatories")
    form = SignatoryForm(request.POST or None, provider=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.appoint_signatory(
                request.actor,
                form.cleaned_data["member"],
                list(form.cleaned_data["test_services"]),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The signatory's scope is saved."))
            return redirect("orders:signatories")
    context = {
        "organization": organization,
        "form": form,
        "signatories": queries.signatories(organization),
    }
    return render(request, "orders/signatories.html", context, status=400 if form.errors else 200)
