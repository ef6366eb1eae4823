"""The district's dashboard (operator) and a provider's (its own staff, or the operator)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.core import svg
from labshare.core.forms import run_action
from labshare.insights import access, dashboard, exports, jobs, queries
from labshare.insights.forms import PeriodPicker, shifted

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _picked(request):
    picker = PeriodPicker(request.GET or None)
    return picker, picker.period()


def charts(board) -> dict:
    return {
        "hours_chart": svg.bar_chart(
            board.months,
            board.monthly_effective,
            title=_("Effective hours per month"),
            unit="h",
            empty=_("No usage recorded in this period."),
        ),
        "sharing_chart": svg.line_chart(
            board.months,
            {_("Sharing rate"): [None if v is None else v * 100 for v in board.monthly_sharing]},
            title=_("Sharing rate per month"),
            unit="%",
            empty=_("No usage recorded in this period."),
        ),
        "income_chart": svg.bar_chart(
            board.months,
            board.monthly_income,
            title=_("Service income per month"),
            unit="¥",
            empty=_("No charges in this period."),
        ),
    }


def _page(request, board, picker, *, title: str, export_url: str, extra: dict) -> HttpResponse:
    kind = picker.cleaned_data.get("kind") if picker.is_bound and picker.is_valid() else "month"
    kind = kind or "month"
    context = {
        "board": board,
        "picker": picker,
        "title": title,
        "export_url": f"{export_url}?{request.GET.urlencode()}",
        "kind": kind,
        "assessment_year": board.period.end.year,
        "assessment_jobs": queries.assessment_jobs(extra.get("unit")),
        "earlier": shifted(board.period, kind, -1),
        "later": shifted(board.period, kind, 1),
        **charts(board),
        **extra,
    }
    return render(request, "insights/dashboard.html", context)


@login_required
def district(request: HttpRequest) -> HttpResponse:
    access.ensure_district(request.actor)
    picker, period = _picked(request)
    board = dashboard.build(period)
    return _page(
        request,
        board,
        picker,
        title=_("District dashboard"),
        export_url=reverse("insights:district_xlsx"),
        extra={"is_district": True},
    )


@login_required
def provider(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    unit = access.provider_for_reader(request.actor, pk)
    picker, period = _picked(request)
    board = dashboard.build(period, unit.pk)
    return _page(
        request,
        board,
        picker,
        title=_("Dashboard of %(name)s") % {"name": unit.name},
        export_url=reverse("insights:provider_xlsx", args=[unit.pk]),
        extra={"unit": unit, "is_district": False},
    )


@login_required
def district_xlsx(request: HttpRequest) -> HttpResponse:
    access.ensure_district(request.actor)
    _picker, period = _picked(request)
    return _xlsx(dashboard.build(period), _("District dashboard"), f"district-{period.start}")


@login_required
def provider_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.provider_for_reader(request.actor, pk)
    _picker, period = _picked(request)
    return _xlsx(dashboard.build(period, unit.pk), unit.name, f"provider-{unit.pk}-{period.start}")


def _xlsx(board, title: str, name: str) -> HttpResponse:
    response = HttpResponse(exports.dashboard_xlsx(board, title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_POST
def queue_assessment(request: HttpRequest) -> HttpResponse:
    """Queue the year's workbook of the district or of a provider; back to the dashboard, which
    then follows the job."""
    pk = request.POST.get("provider") or None
    unit = access.provider_for_reader(request.actor, int(pk)) if str(pk or "").isdigit() else None
    if unit is None:
        access.ensure_district(request.actor)
    made = {}
    run_action(
        request,
        lambda: made.update(
            job=jobs.queue_assessment(request.actor, unit, request.POST.get("year", ""))
        ),
        _("The workbook is being written; it appears here when it is ready."),
    )
    back = reverse("insights:provider", args=[unit.pk]) if unit else reverse("insights:district")
    query = request.POST.get("back", "")
    return redirect(f"{back}?{query}" if query else back)


@login_required
def assessment_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.assessment_for_reader(request.actor, pk)
    return render(request, "insights/_assessment.html", {"job": job})


@login_required
def assessment_file(request: HttpRequest, pk: int) -> FileResponse:
    job = access.assessment_for_reader(request.actor, pk)
    if job.status != job.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.download_name)
