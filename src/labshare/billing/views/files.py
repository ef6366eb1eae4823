"""Statements and settlements as PDF and xlsx, for whoever may read them.

A statement is one customer's month and is written in the request; a settlement can hold a
quarter of a provider's redemptions, so its files are written by the worker (billing/jobs.py)
and fetched when ready.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.billing import access, documents, jobs
from labshare.billing.models import ExportJob
from labshare.billing.views.common import XLSX, file_response
from labshare.core.forms import run_action


def _name(obj, fallback: str) -> str:
    return (obj.number or f"{fallback}-{obj.pk}").replace("/", "-")


@login_required
def statement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    statement = access.statement_for_reader(request.actor, pk)
    return file_response(
        documents.statement_pdf(statement), f"{_name(statement, 'draft')}.pdf", "application/pdf"
    )


@login_required
def statement_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    statement = access.statement_for_reader(request.actor, pk)
    return file_response(
        documents.statement_xlsx(statement), f"{_name(statement, 'draft')}.xlsx", XLSX
    )


@login_required
@require_POST
def export_settlement(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    """Queue the settlement's file; its page then follows the export until it can be fetched."""
    settlement = access.settlement_for_reader(request.actor, pk)
    run_action(
        request,
        lambda: jobs.queue_settlement_export(request.actor, settlement, file_format),
        _("The file is being prepared; it appears here when it is ready."),
    )
    return redirect("billing:settlement", pk=pk)


@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The export's card, polled by the settlement page until the file is ready."""
    return render(
        request, "billing/_export.html", {"job": access.export_for_reader(request.actor, pk)}
    )


@login_required
def export_file(request: HttpRequest, pk: int) -> FileResponse:
    job = access.export_for_reader(request.actor, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.download_name)
