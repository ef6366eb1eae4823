"""The district's innovation indicators: the public page (each indicator against its target, with
a progress bar and a trend chart) and the operator's pages to keep them (indicators, values per
period, targets per plan). Thin: parse, call one service, render or redirect."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.core import clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, run_action
from labshare.insights import indicator_queries as queries
from labshare.insights import indicators as services
from labshare.insights import progress as rules
from labshare.insights.indicator_forms import IndicatorForm, TargetForm, ValueForm


def _paged(request, rows):
    return Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def _trend_chart(card):
    """The yearly trend as an inline SVG; a level target is drawn as a second line."""
    from labshare.core.svg import line_chart

    labels = [point.label for point in card.trend]
    series = {card.indicator.name: [point.value for point in card.trend]}
    if card.level_target is not None and labels:
        series[_("Target")] = [card.level_target.value] * len(labels)
    return line_chart(
        labels,
        series,
        title=_("%(name)s year by year") % {"name": card.indicator.name},
        unit=card.indicator.unit,
        empty=_("No yearly values yet."),
    )


def _with_charts(cards) -> list[tuple]:
    return [(card, _trend_chart(card)) for card in cards]


def public(request: HttpRequest) -> HttpResponse:
    """创新指标: open to everybody, like the plan's targets themselves."""
    page = _paged(request, queries.public_indicators())
    context = {
        "page_obj": page,
        "cards": _with_charts(queries.cards(page.object_list)),
        "can_edit": queries.can_edit(request.actor),
    }
    return render(request, "insights/indicators/public.html", context)


@login_required
def admin_list(request: HttpRequest) -> HttpResponse:
    queries.editor_org(request.actor)
    context = {"page_obj": _paged(request, queries.all_indicators())}
    return render(request, "insights/indicators/admin.html", context)


@login_required
def new_indicator(request: HttpRequest) -> HttpResponse:
    queries.editor_org(request.actor)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.create_indicator(request.actor, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The indicator is added; enter its values and target."))
            return redirect("insights:indicator_detail", pk=indicator.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "insights/indicators/form.html", {"form": form}, status=status)


@login_required
def edit_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = queries.indicator_for_editor(request.actor, pk)
    initial = {
        name: getattr(indicator, name)
        for name in ("name", "unit", "source", "platform_figure", "position", "is_public")
    }
    form = IndicatorForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_indicator(request.actor, indicator, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The indicator is saved."))
            return redirect("insights:indicator_detail", pk=indicator.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "indicator": indicator}
    return render(request, "insights/indicators/form.html", context, status=status)


def _detail(request, indicator, *, value_form=None, target_form=None, status=200):
    card = queries.card(indicator)
    page = None if indicator.platform_figure else _paged(request, queries.values_of(indicator))
    context = {
        "indicator": indicator,
        "card": card,
        "chart": _trend_chart(card),
        "page_obj": page,
        "rows": queries.value_rows(page.object_list) if page is not None else [],
        "value_form": value_form or ValueForm(),
        "target_form": target_form or TargetForm(initial=_next_plan(indicator)),
    }
    return render(request, "insights/indicators/detail.html", context, status=status)


def _next_plan(indicator) -> dict:
    name, first, last = rules.five_year_plan(clock.today().year)
    return {"plan": name, "first_year": first, "last_year": last}


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, queries.indicator_for_editor(request.actor, pk))


def _save(request, pk: int, form_class, service, success: str, form_name: str) -> HttpResponse:
    """Post one of the detail page's forms to its service; the page again with the errors."""
    indicator = queries.indicator_for_editor(request.actor, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(request.actor, indicator, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, success)
            return redirect("insights:indicator_detail", pk=pk)
    return _detail(request, indicator, **{form_name: form}, status=400)


@login_required
@require_POST
def set_value(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, pk, ValueForm, services.set_value, _("The value is saved."), "value_form")


@login_required
@require_POST
def delete_value(request: HttpRequest, pk: int) -> HttpResponse:
    value = queries.value_for_editor(request.actor, pk)
    run_action(
        request,
        lambda: services.delete_value(request.actor, value),
        _("The value is deleted."),
    )
    return redirect("insights:indicator_detail", pk=value.indicator_id)


@login_required
@require_POST
def set_target(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(
        request, pk, TargetForm, services.set_target, _("The target is saved."), "target_form"
    )


@login_required
@require_POST
def delete_target(request: HttpRequest, pk: int) -> HttpResponse:
    target = queries.target_for_editor(request.actor, pk)
    run_action(
        request,
        lambda: services.delete_target(request.actor, target),
        _("The target is deleted."),
    )
    return redirect("insights:indicator_detail", pk=target.indicator_id)
