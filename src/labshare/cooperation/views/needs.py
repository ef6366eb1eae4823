"""The needs board, a need's page, and the firm's side: post, edit, withdraw, invite, and answer
providers' requests to read a confidential need."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.cooperation import access, matching, queries, services
from labshare.cooperation.forms import InviteForm, NeedForm
from labshare.cooperation.models import Mode
from labshare.cooperation.views.common import page_of
from labshare.core.access import require_active
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action, run_with_reason


def need_board(request: HttpRequest) -> HttpResponse:
    """Everybody's board of needs: search, filter by field and mode; open needs by deadline."""
    board = queries.BoardFilter(
        q=(request.GET.get("q") or "")[:100],
        field=request.GET.get("field") or "",
        mode=request.GET.get("mode") or "",
        show="all" if request.GET.get("show") == "all" else "open",
    )
    context = {
        "board": board,
        "page_obj": page_of(request, board.needs()),
        "fields": queries.field_choices(),
        "modes": Mode.choices,
    }
    return render(request, "cooperation/board.html", context)


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = access.need_for_reader(request.actor, pk)
    picture = queries.need_picture(request.actor, need)
    if picture["is_firm"] and need.status == need.Status.OPEN:
        picture["suggested"] = matching.suggest(need)
    return render(request, "cooperation/need_detail.html", {"need": need, **picture})


def _need_form_page(request, form, need=None, status=200):
    return render(
        request, "cooperation/need_form.html", {"form": form, "need": need}, status=status
    )


@login_required
def need_new(request: HttpRequest) -> HttpResponse:
    organization = require_active(request.actor, access.POST)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            need = services.post_need(
                request.actor, organization, disciplines=list(data.pop("disciplines")), **data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("cooperation:need_detail", pk=need.pk)
    return _need_form_page(request, form, status=400 if form.errors else 200)


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = access.need_for_firm(request.actor, pk)
    initial = {
        **{name: getattr(need, name) for name in ("title", "problem", "expected_outcome")},
        "public_summary": need.public_summary,
        "field": need.field_id,
        "mode": need.mode,
        "budget_min": need.budget_min or "",
        "budget_max": need.budget_max or "",
        "deadline": need.deadline,
        "is_confidential": need.is_confidential,
        "disciplines": queries.need_disciplines(need),
    }
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.edit_need(
                request.actor, need, disciplines=list(data.pop("disciplines")), **data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("cooperation:need_detail", pk=need.pk)
    return _need_form_page(request, form, need, status=400 if form.errors else 200)


@login_required
@require_POST
def need_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    need = access.need_for_firm(request.actor, pk)
    run_with_reason(
        request,
        lambda reason: services.withdraw_need(request.actor, need, reason),
        _("The need was withdrawn; the providers who proposed were told."),
    )
    return redirect("cooperation:need_detail", pk=pk)


@login_required
@require_POST
def need_invite(request: HttpRequest, pk: int) -> HttpResponse:
    need = access.need_for_firm(request.actor, pk)
    form = InviteForm(request.POST)
    provider = access.provider_or_404(form.cleaned_data["provider"] if form.is_valid() else None)
    run_action(
        request,
        lambda: services.invite_provider(request.actor, need, provider),
        _("The provider is invited; it reads the details after its undertaking."),
    )
    return redirect("cooperation:need_detail", pk=pk)


@login_required
@require_POST
def access_answer(request: HttpRequest, pk: int, grant: bool) -> HttpResponse:
    found = access.access_for_firm(request.actor, pk)
    run_action(
        request,
        lambda: services.answer_access(request.actor, found, grant=grant),
        _("The provider may read the details after its undertaking.")
        if grant
        else _("The request was refused."),
    )
    return redirect("cooperation:need_detail", pk=found.need_id)


@login_required
def my_needs(request: HttpRequest) -> HttpResponse:
    """The firm's needs with their live proposals and pending requests."""
    organization = require_active(request.actor, access.POST)
    show = request.GET.get("show", "open")
    if show not in ("open", "closed", "all"):
        show = "open"
    context = {
        "organization": organization,
        "show": show,
        "page_obj": page_of(request, queries.firm_needs(organization.pk, show)),
    }
    return render(request, "cooperation/my_needs.html", context)
