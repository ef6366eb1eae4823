"""The provider's side: matched needs and followed fields, access to a confidential need and
its undertaking, proposing, withdrawing a proposal."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.cooperation import access, queries, services
from labshare.cooperation.forms import ProposalForm
from labshare.cooperation.models import UNDERTAKING
from labshare.cooperation.views.common import page_of
from labshare.core.access import require_active
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action


def _provider(request):
    return require_active(request.actor, access.PROPOSE, provider=True)


@login_required
def lab_needs(request: HttpRequest) -> HttpResponse:
    """Needs matched to the provider (or its proposals), and the fields it follows."""
    provider = _provider(request)
    show = "proposals" if request.GET.get("show") == "proposals" else "matched"
    rows = (
        queries.provider_proposals(provider.pk)
        if show == "proposals"
        else queries.matched_needs(provider.pk)
    )
    context = {
        "provider": provider,
        "show": show,
        "page_obj": page_of(request, rows),
        "fields": queries.field_choices(),
        "followed": queries.followed(provider.pk),
    }
    return render(request, "cooperation/lab_needs.html", context)


@login_required
@require_POST
def follow_field(request: HttpRequest, code: str, on: bool) -> HttpResponse:
    provider = _provider(request)
    field = access.field_or_404(code)
    if on:
        run_action(
            request,
            lambda: services.follow_field(request.actor, provider, field),
            _("You will be told of new needs in %(field)s.") % {"field": field.name},
        )
    else:
        run_action(
            request,
            lambda: services.unfollow_field(request.actor, provider, field),
            _("You no longer follow %(field)s.") % {"field": field.name},
        )
    return redirect("cooperation:lab_needs")


@login_required
@require_POST
def request_access(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider(request)
    need = access.need_for_reader(request.actor, pk)
    run_action(
        request,
        lambda: services.request_access(request.actor, need, provider),
        _("The firm was asked; you are told when it answers."),
    )
    return redirect("cooperation:need_detail", pk=pk)


@login_required
def undertaking(request: HttpRequest, pk: int) -> HttpResponse:
    """The confidentiality undertaking: read, then accept (POST)."""
    found = access.access_for_provider(request.actor, pk)
    if request.method == "POST" and run_action(
        request,
        lambda: services.accept_undertaking(request.actor, found),
        _("Undertaking accepted: you now read the need's details."),
    ):
        return redirect("cooperation:need_detail", pk=found.need_id)
    text = found.undertaking_text or str(UNDERTAKING) % {
        "provider": found.provider.name,
        "customer": found.need.customer.name,
    }
    return render(
        request, "cooperation/undertaking.html", {"access": found, "need": found.need, "text": text}
    )


@login_required
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider(request)
    need = access.need_for_reader(request.actor, pk)
    if not access.reads_details(request.actor, need):
        # Never the form (nor the details it would need) before the undertaking.
        return redirect("cooperation:need_detail", pk=pk)
    form = ProposalForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["instruments"] = list(data["instruments"])
        try:
            proposal = services.submit_proposal(request.actor, need, provider, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("cooperation:proposal_detail", pk=proposal.pk)
    status = 400 if form.errors else 200
    return render(
        request, "cooperation/proposal_form.html", {"form": form, "need": need}, status=status
    )
