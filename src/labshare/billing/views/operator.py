"""The operator's vouchers: programmes and their budget use, verifications, grants,
settlements; and the public notice of what vouchers paid."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.billing import access, queries, services
from labshare.billing.forms import GrantForm, ProgrammeForm, SettleForm, VerifyForm
from labshare.billing.views.common import paged, period_of, submit
from labshare.core import clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    access.operator_org(request.actor)
    context = {"page_obj": paged(request, queries.programmes())}
    return render(request, "billing/programmes.html", context)


@login_required
def new_programme(request: HttpRequest) -> HttpResponse:
    access.operator_org(request.actor)
    year = clock.today().year
    form = ProgrammeForm(request.POST or None, initial={"year": year, "share": "50%"})
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(request.actor, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The programme is open; grant quotas to verified firms."))
            return redirect("billing:programme", pk=programme.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "billing/programme_form.html", {"form": form}, status=status)


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_operator(request.actor, pk)
    context = {
        "programme": programme,
        "page_obj": paged(request, queries.grants_of_programme(programme.pk)),
        "eligible": queries.eligible_firms(programme, clock.today())[:50],
        "settlements": queries.settlements(programme.pk)[:20],
        "providers": queries.providers_to_settle(programme.pk),
        "grant_form": GrantForm(),
        "settle_form": SettleForm(initial={"quarter": clock.today()}),
    }
    return render(request, "billing/programme_detail.html", context)


@login_required
@require_POST
def grant(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_operator(request.actor, pk)

    def act(data):
        firm = access.firm_for_operator(request.actor, data["organization"])
        services.grant_voucher(request.actor, programme, firm, data["quota"])

    submit(request, GrantForm(request.POST), act, _("The quota was granted."))
    return redirect("billing:programme", pk=pk)


@login_required
@require_POST
def settle(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_operator(request.actor, pk)
    made = {}

    def act(data):
        provider = access.provider_for_operator(request.actor, data["provider"])
        made["settlement"] = services.start_settlement(
            request.actor, programme, provider, data["quarter"]
        )

    submit(
        request,
        SettleForm(request.POST),
        act,
        _("The settlement is drafted; check it, then settle."),
    )
    if "settlement" in made:
        return redirect("billing:settlement", pk=made["settlement"].pk)
    return redirect("billing:programme", pk=pk)


@login_required
def settlement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = access.settlement_for_reader(request.actor, pk)
    context = {
        "settlement": settlement,
        "page_obj": paged(
            request, queries.redemptions_of_settlement(settlement.pk).order_by("service_on", "id")
        ),
        "exports": queries.latest_exports(settlement.pk),
        "is_operator": request.actor.organization is not None
        and request.actor.organization.is_operator,
    }
    return render(request, "billing/settlement_detail.html", context)


@login_required
@require_POST
def issue_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    access.ensure_operator_settles(request.actor)
    settlement = access.settlement_for_reader(request.actor, pk)
    run_action(
        request,
        lambda: services.issue_settlement(request.actor, settlement),
        _("The settlement is made; its redemptions appear in the public notice."),
    )
    return redirect("billing:settlement", pk=pk)


@login_required
def verifications(request: HttpRequest) -> HttpResponse:
    access.operator_org(request.actor, "platform.verify_attributes")
    context = {
        "page_obj": paged(request, queries.verification_queue()),
        "form": VerifyForm(initial={"verified_on": clock.today()}),
    }
    return render(request, "billing/verifications.html", context)


@login_required
@require_POST
def verify(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = access.firm_for_operator(request.actor, org_pk, "platform.verify_attributes")
    submit(
        request,
        VerifyForm(request.POST),
        lambda d: services.verify_attribute(
            request.actor,
            organization,
            d["attribute"],
            document_reference=d["document_reference"],
            verified_on=d["verified_on"],
            valid_until=d["valid_until"],
        ),
        _("The verification was recorded."),
    )
    return redirect("billing:verifications")


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    verification = access.verification_for_operator(request.actor, pk)
    run_action(
        request,
        lambda: services.revoke_verification(
            request.actor, verification, request.POST.get("reason", "")
        ),
        _("The verification was revoked."),
    )
    return redirect("billing:verifications")


def public_notice(request: HttpRequest) -> HttpResponse:
    """公示: what vouchers paid, firm by firm, once settled. Public, like the programme's rules."""
    period, start, end = period_of(request)
    context = {"period": period, "page_obj": paged(request, queries.public_redemptions(start, end))}
    return render(request, "billing/public_notice.html", context)
