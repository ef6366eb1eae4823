"""Excel import and export of instruments in the national template (provider console)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from labshare.catalog.access import console_organization, import_job_for_staff
from labshare.catalog.exporter import (
    XLSX_CONTENT_TYPE,
    export_filename,
    instruments_for_export,
    write_workbook,
)
from labshare.catalog.forms import ImportForm
from labshare.catalog.import_jobs import start_import
from labshare.catalog.importer import MAX_ROWS
from labshare.catalog.nrii import columns
from labshare.core import clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error
from labshare.core.http import wants_partial


@login_required
def instrument_import(request: HttpRequest) -> HttpResponse:
    """The upload form; a good-looking file is queued for the worker and its progress shown."""
    organization = console_organization(request.actor)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        try:
            job = start_import(request.actor, organization, form.cleaned_data["file"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("catalog:import_job", pk=job.pk)
    context = {
        "form": form,
        "required_columns": [column for column in columns() if column.required],
        "max_rows": MAX_ROWS,
        "max_bytes": settings.UPLOAD_MAX_BYTES,
    }
    return render(request, "catalog/console_import.html", context)


@login_required
@vary_on_headers("HX-Request")
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's progress (the page polls it with htmx), then its outcome."""
    job = import_job_for_staff(request.actor, pk)
    template = "catalog/_import_job.html" if wants_partial(request) else "catalog/import_job.html"
    return render(request, template, {"job": job})


@login_required
@require_GET
def instrument_export(request: HttpRequest) -> HttpResponse:
    organization = console_organization(request.actor)
    content = write_workbook(instruments_for_export(organization))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    filename = export_filename(organization, clock.today())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
