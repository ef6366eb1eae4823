"""The customer's billing: balance and vouchers, charges (with disputes), statements."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.billing import access, queries, services
from labshare.billing.forms import DisputeForm
from labshare.billing.views.common import paged, period_of, submit
from labshare.core.access import active_can


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    organization = access.customer_org(request.actor)
    context = {
        "organization": organization,
        "balance": queries.balance_of(organization.pk),
        "unbilled": queries.unbilled_total(organization.pk),
        "grants": queries.grants_of(organization.pk),
        "statements": queries.statements_of_customer(organization.pk)[:5],
    }
    return render(request, "billing/overview.html", context)


@login_required
def charges(request: HttpRequest) -> HttpResponse:
    organization = access.customer_org(request.actor)
    period, start, end = period_of(request)
    context = {
        "organization": organization,
        "period": period,
        "page_obj": paged(request, queries.charges_of_customer(organization.pk, start, end)),
        "dispute_form": DisputeForm(),
        "can_dispute": active_can(request.actor, "billing.dispute"),
        "side": "customer",
    }
    return render(request, "billing/charges.html", context)


@login_required
@require_POST
def dispute(request: HttpRequest, pk: int) -> HttpResponse:
    charge = access.charge_for_customer(request.actor, pk)
    submit(
        request,
        DisputeForm(request.POST),
        lambda data: services.dispute_charge(request.actor, charge, data["reason"]),
        _("The provider was asked to look at the charge again."),
    )
    return redirect("billing:charges")


@login_required
def statements(request: HttpRequest) -> HttpResponse:
    organization = access.customer_org(request.actor)
    period, start, end = period_of(request)
    found = queries.statements_of_customer(organization.pk, start, end)
    context = {"period": period, "page_obj": paged(request, found), "side": "customer"}
    return render(request, "billing/statements.html", context)
