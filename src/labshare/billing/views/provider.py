"""The provider's billing desk: charges, billing runs, statements, payments, disputes."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.billing import access, jobs, queries, services
from labshare.billing.forms import (
    ApproveDisputeForm,
    DenyDisputeForm,
    FapiaoForm,
    PaymentForm,
    RunForm,
)
from labshare.billing.models import Dispute
from labshare.billing.periods import month_of
from labshare.billing.views.common import paged, period_of, submit
from labshare.core import clock
from labshare.core.forms import run_action


@login_required
def provider_charges(request: HttpRequest) -> HttpResponse:
    organization = access.provider_org(request.actor)
    period, start, end = period_of(request)
    context = {
        "period": period,
        "page_obj": paged(request, queries.charges_of_provider(organization.pk, start, end)),
        "side": "provider",
    }
    return render(request, "billing/charges.html", context)


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    organization = access.provider_org(request.actor)
    period, start, end = period_of(request)
    context = {
        "period": period,
        "page_obj": paged(request, queries.runs_of(organization.pk, start, end)),
        "form": RunForm(initial={"period": month_of(clock.today())}),
        "unbilled": queries.unbilled_of_provider(organization.pk),
        "job": queries.job_or_none(organization.pk, request.GET.get("job")),
    }
    return render(request, "billing/runs.html", context)


@login_required
@require_POST
def start_run(request: HttpRequest) -> HttpResponse:
    """Queue the month's draft; the page then follows the job."""
    organization = access.provider_org(request.actor, "billing.run")
    made = {}
    submit(
        request,
        RunForm(request.POST),
        lambda data: made.update(
            job=jobs.queue_billing_run(request.actor, organization, data["period"])
        ),
        _("The statements are being drafted; this page shows when they are ready."),
    )
    if "job" in made:
        return redirect(f"{reverse('billing:runs')}?job={made['job'].pk}")
    return redirect("billing:runs")


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's card, polled by the page until the job is finished."""
    job = access.job_for_provider(request.actor, pk)
    return render(request, "billing/_job.html", {"job": job})


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.run_for_provider(request.actor, pk)
    statements = run.statements.select_related("customer").order_by("customer__name_sort")
    context = {
        "run": run,
        "page_obj": paged(request, statements),
        "job": queries.job_or_none(run.provider_id, request.GET.get("job")),
    }
    return render(request, "billing/run_detail.html", context)


@login_required
@require_POST
def issue_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.run_for_provider(request.actor, pk, "billing.run")
    made = {}
    run_action(
        request,
        lambda: made.update(job=jobs.queue_issue(request.actor, run)),
        _("The statements are being issued and numbered; this page shows when they are."),
    )
    if "job" in made:
        return redirect(f"{reverse('billing:run', args=[pk])}?job={made['job'].pk}")
    return redirect("billing:run", pk=pk)


@login_required
def provider_statements(request: HttpRequest) -> HttpResponse:
    organization = access.provider_org(request.actor)
    period, start, end = period_of(request)
    found = queries.statements_of_provider(organization.pk, start, end).filter(status="issued")
    context = {"period": period, "page_obj": paged(request, found), "side": "provider"}
    return render(request, "billing/statements.html", context)


@login_required
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = access.statement_for_reader(request.actor, pk)
    is_provider = statement.provider_id == request.actor.organization_id
    context = {
        "statement": statement,
        "page_obj": paged(request, statement.charges.order_by("delivered_at", "id")),
        "payments": statement.payments.all(),
        "is_provider": is_provider,
        "payment_form": PaymentForm(
            initial={"paid_on": clock.today(), "amount": statement.balance}
        ),
        "fapiao_form": FapiaoForm(initial={"issued_on": clock.today()}),
    }
    return render(request, "billing/statement_detail.html", context)


@login_required
@require_POST
def record_payment(request: HttpRequest, pk: int) -> HttpResponse:
    statement = access.statement_for_provider(request.actor, pk, "billing.run")
    submit(
        request,
        PaymentForm(request.POST),
        lambda d: services.record_payment(
            request.actor, statement, d["amount"], d["paid_on"], d["reference"]
        ),
        _("The payment was recorded."),
    )
    return redirect("billing:statement", pk=pk)


@login_required
@require_POST
def record_fapiao(request: HttpRequest, pk: int) -> HttpResponse:
    statement = access.statement_for_provider(request.actor, pk, "billing.run")
    submit(
        request,
        FapiaoForm(request.POST),
        lambda d: services.record_fapiao(request.actor, statement, d["number"], d["issued_on"]),
        _("The fapiao was recorded."),
    )
    return redirect("billing:statement", pk=pk)


@login_required
def disputes(request: HttpRequest) -> HttpResponse:
    organization = access.provider_org(request.actor)
    status = request.GET.get("status", Dispute.Status.OPEN)
    if status not in Dispute.Status.values:
        status = ""
    period, start, end = period_of(request)
    found = queries.disputes_of_provider(organization.pk, status, start, end)
    context = {
        "status": status,
        "statuses": Dispute.Status.choices,
        "period": period,
        "page_obj": paged(request, found),
        "approve_form": ApproveDisputeForm(),
        "deny_form": DenyDisputeForm(),
    }
    return render(request, "billing/disputes.html", context)


@login_required
@require_POST
def approve_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = access.dispute_for_provider(request.actor, pk)
    submit(
        request,
        ApproveDisputeForm(request.POST),
        lambda d: services.approve_dispute(
            request.actor,
            dispute,
            amount=d["amount"],
            quantity=d["quantity"],
            waive=d["waive"],
            note=d["note"],
        ),
        _("The charge was corrected with an adjustment line."),
    )
    return redirect("billing:disputes")


@login_required
@require_POST
def deny_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = access.dispute_for_provider(request.actor, pk)
    submit(
        request,
        DenyDisputeForm(request.POST),
        lambda d: services.deny_dispute(request.actor, dispute, d["note"]),
        _("The customer was told why the charge stands."),
    )
    return redirect("billing:disputes")
