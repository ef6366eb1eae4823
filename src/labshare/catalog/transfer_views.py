"""Excel import and export of instruments in the national template (provider console)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from labshare.catalog.access import console_organization
from labshare.catalog.exporter import (
    XLSX_CONTENT_TYPE,
    export_filename,
    instruments_for_export,
    write_workbook,
)
from labshare.catalog.forms import ImportForm
from labshare.catalog.importer import MAX_ROWS, ImportRejected, import_instruments
from labshare.catalog.nrii import columns
from labshare.core import clock
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error


@login_required
def instrument_import(request: HttpRequest) -> HttpResponse:
    organization = console_organization(request.actor)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    row_errors = []
    if form.is_bound and form.is_valid():
        try:
            result = import_instruments(request.actor, organization, form.cleaned_data["file"])
        except DomainError as error:
            add_domain_error(form, error)
            row_errors = error.errors if isinstance(error, ImportRejected) else []
        else:
            messages.success(
                request,
                _(
                    "Import finished: %(created)d new instruments saved as drafts (publish them when "
                    "ready), %(updated)d updated, %(unchanged)d unchanged."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("catalog:console_instruments")
    context = {
        "form": form,
        "row_errors": row_errors,
        "required_columns": [column for column in columns() if column.required],
        "max_rows": MAX_ROWS,
        "max_bytes": settings.UPLOAD_MAX_BYTES,
    }
    return render(request, "catalog/console_import.html", context)


@login_required
@require_GET
def instrument_export(request: HttpRequest) -> HttpResponse:
    organization = console_organization(request.actor)
    content = write_workbook(instruments_for_export(organization))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    filename = export_filename(organization, clock.today())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
