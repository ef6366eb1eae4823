"""Agreements, for both parties: the list, the page with its milestone timeline, and each step
(terms, milestones, signatures, delivery and acceptance, registration, the end, links)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.cooperation import access, queries, services
from labshare.cooperation.forms import (
    LinkForm,
    MilestoneForm,
    RegisterForm,
    SignForm,
    TermsForm,
)
from labshare.cooperation.views.common import page_of
from labshare.core import clock
from labshare.core.access import can, organizations_of
from labshare.core.forms import first_error, run_action, run_with_reason


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    mine = organizations_of(request.actor)
    show = request.GET.get("show", "open")
    if show not in ("open", "closed", "all"):
        show = "open"
    context = {"show": show, "page_obj": page_of(request, queries.agreements_of(mine, show))}
    return render(request, "cooperation/agreements.html", context)


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.agreement_for_party(request.actor, pk)
    today = clock.today()
    side = "customer" if request.actor.organization_id == agreement.customer_id else "provider"
    party = agreement.customer_id if side == "customer" else agreement.provider_id
    work = access.POST if side == "customer" else access.PROPOSE
    context = {
        "agreement": agreement,
        "side": side,
        "may": {
            "contract": can(request.actor, access.CONTRACT, party),
            "work": can(request.actor, work, party),
        },
        "my_signature": getattr(agreement, f"{side}_signed_at"),
        "timeline": queries.timeline(agreement, today),
        "terms_form": TermsForm(
            initial={
                "title": agreement.title,
                "contract_type": agreement.contract_type,
                "value": agreement.value,
            }
        ),
        "milestone_form": MilestoneForm(),
        "sign_form": SignForm(initial={"signed_on": today}),
        "register_form": RegisterForm(initial={"registered_on": today}),
        "reservations": queries.linkable_reservations(agreement, party),
        "orders": queries.linkable_orders(agreement, party),
    }
    return render(request, "cooperation/agreement_detail.html", context)


def _back(pk: int):
    return redirect("cooperation:agreement_detail", pk=pk)


def _with_form(request, pk: int, form_class, action, success: str) -> HttpResponse:
    """A step whose form is parsed first; its first error is shown like a refusal."""
    agreement = access.agreement_for_party(request.actor, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        run_action(request, lambda: action(agreement, form.cleaned_data), success)
    return _back(pk)


@login_required
@require_POST
def agreement_terms(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_form(
        request,
        pk,
        TermsForm,
        lambda a, data: services.edit_terms(request.actor, a, **data),
        _("The terms were saved; both sides sign again."),
    )


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_form(
        request,
        pk,
        MilestoneForm,
        lambda a, data: services.add_milestone(
            request.actor,
            a,
            deliverable=data["deliverable"],
            due_on=data["due_on"],
            amount_due=data["amount"],
        ),
        _("The milestone was added."),
    )


@login_required
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_form(
        request,
        pk,
        SignForm,
        lambda a, data: services.sign_agreement(request.actor, a, data["signed_on"]),
        _("Your side has signed."),
    )


@login_required
@require_POST
def agreement_register(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_form(
        request,
        pk,
        RegisterForm,
        lambda a, data: services.register_contract(
            request.actor, a, data["registration_number"], data["registered_on"]
        ),
        _("The registration number was saved."),
    )


@login_required
@require_POST
def agreement_link(request: HttpRequest, pk: int) -> HttpResponse:
    def link(agreement, data):
        party = organizations_of(request.actor)
        if data.get("reservation"):
            found = access.reservation_of_party(party, data["reservation"])
            return services.link_reservation(request.actor, agreement, found)
        found = access.order_of_party(party, data["order"])
        return services.link_order(request.actor, agreement, found)

    return _with_form(request, pk, LinkForm, link, _("Linked to the agreement."))


def _milestone_step(request, pk: int, milestone_pk: int, action, success: str) -> HttpResponse:
    agreement = access.agreement_for_party(request.actor, pk)
    milestone = access.milestone_of(agreement, milestone_pk)
    run_action(request, lambda: action(milestone), success)
    return _back(pk)


@login_required
@require_POST
def milestone_remove(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    return _milestone_step(
        request,
        pk,
        milestone_pk,
        lambda m: services.remove_milestone(request.actor, m),
        _("The milestone was removed."),
    )


@login_required
@require_POST
def milestone_deliver(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    return _milestone_step(
        request,
        pk,
        milestone_pk,
        lambda m: services.deliver_milestone(request.actor, m),
        _("Marked delivered; the firm is asked to accept it."),
    )


@login_required
@require_POST
def milestone_accept(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    return _milestone_step(
        request,
        pk,
        milestone_pk,
        lambda m: services.accept_milestone(request.actor, m),
        _("The milestone is accepted."),
    )


@login_required
@require_POST
def milestone_return(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    agreement = access.agreement_for_party(request.actor, pk)
    milestone = access.milestone_of(agreement, milestone_pk)
    run_with_reason(
        request,
        lambda reason: services.return_milestone(request.actor, milestone, reason),
        _("The milestone was sent back to the provider."),
    )
    return _back(pk)


@login_required
@require_POST
def agreement_complete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.agreement_for_party(request.actor, pk)
    run_action(
        request,
        lambda: services.complete_agreement(request.actor, agreement),
        _("The agreement is completed."),
    )
    return _back(pk)


@login_required
@require_POST
def agreement_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.agreement_for_party(request.actor, pk)
    run_with_reason(
        request,
        lambda reason: services.terminate_agreement(request.actor, agreement, reason),
        _("The agreement was terminated."),
    )
    return _back(pk)
