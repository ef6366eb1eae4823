"""A proposal's page and thread (both sides), the firm's side-by-side comparison and its
decisions: shortlist, decline, accept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.cooperation import access, queries, services
from labshare.cooperation.forms import DeclineForm, MessageForm
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, first_error, run_action


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """The need's proposals side by side, for the firm."""
    need = access.need_for_firm(request.actor, pk)
    context = {"need": need, "proposals": queries.proposals_of(need)}
    return render(request, "cooperation/compare.html", context)


def _page(request, proposal, form, status=200):
    side = "customer" if request.actor.organization_id == proposal.need.customer_id else "provider"
    context = {
        "proposal": proposal,
        "need": proposal.need,
        "side": side,
        "thread": queries.thread(proposal),
        "form": form,
        "decline_form": DeclineForm(),
        "agreement": getattr(proposal, "agreement", None)
        if proposal.status == "accepted"
        else None,
    }
    return render(request, "cooperation/proposal_detail.html", context, status=status)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.proposal_for_party(request.actor, pk)
    return _page(request, proposal, MessageForm())


@login_required
@require_POST
def proposal_message(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.proposal_for_party(request.actor, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.post_message(
                request.actor,
                proposal,
                form.cleaned_data["body"],
                form.cleaned_data.get("attachment"),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("cooperation:proposal_detail", pk=pk)
    return _page(request, proposal, form, status=400)


@login_required
def message_attachment(request: HttpRequest, pk: int, message_pk: int) -> FileResponse:
    proposal = access.proposal_for_party(request.actor, pk)
    message = queries.thread(proposal).filter(pk=message_pk).first()
    if message is None or not message.attachment:
        raise Http404
    try:
        handle = message.attachment.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=message.attachment_name)


def _decide(request, pk: int, action, success: str) -> HttpResponse:
    proposal = access.proposal_for_party(request.actor, pk)
    run_action(request, lambda: action(proposal), success)
    return redirect("cooperation:proposal_detail", pk=pk)


@login_required
@require_POST
def proposal_shortlist(request: HttpRequest, pk: int, on: bool) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda p: services.shortlist_proposal(request.actor, p, on=on),
        _("The proposal is on your shortlist.") if on else _("The proposal is off the shortlist."),
    )


@login_required
@require_POST
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("cooperation:proposal_detail", pk=pk)
    message = form.cleaned_data["message"]
    return _decide(
        request,
        pk,
        lambda p: services.decline_proposal(request.actor, p, message),
        _("The proposal was declined; the provider was told politely."),
    )


@login_required
@require_POST
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.proposal_for_party(request.actor, pk)
    try:
        agreement = services.accept_proposal(request.actor, proposal)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("cooperation:proposal_detail", pk=pk)
    return redirect("cooperation:agreement_detail", pk=agreement.pk)


@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda p: services.withdraw_proposal(request.actor, p),
        _("Your proposal was withdrawn."),
    )
