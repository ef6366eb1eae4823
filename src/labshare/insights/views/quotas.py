"""The provider's quota hours (定额机时) per instrument: the denominator of 利用率."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.core.access import can
from labshare.core.forms import run_action
from labshare.insights import access, queries, quotas
from labshare.insights.models.quotas import DEFAULT_QUOTA_HOURS


@login_required
def quota_list(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.provider_for_reader(request.actor, pk)
    rows = Paginator(queries.instruments_with_quota(unit.pk), settings.PAGE_SIZE)
    context = {
        "unit": unit,
        "page_obj": rows.get_page(request.GET.get("page")),
        "defaults": {str(k): int(v) for k, v in DEFAULT_QUOTA_HOURS.items()},
        "may_edit": can(request.actor, "insights.edit_quota", unit.pk),
    }
    return render(request, "insights/quotas.html", context)


@login_required
@require_POST
def set_quota(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access.instrument_for_quota(request.actor, pk)
    run_action(
        request,
        lambda: quotas.set_quota_hours(request.actor, instrument, request.POST.get("hours", "")),
        _("The quota hours are saved."),
    )
    return redirect("insights:quotas", pk=instrument.organization_id)
