"""What the billing pages share: the period filter, pagination, file responses, form errors."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse

from labshare.billing.forms import PeriodForm
from labshare.core.errors import DomainError
from labshare.core.forms import add_domain_error, first_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def period_of(request) -> tuple[PeriodForm, object, object]:
    form = PeriodForm(request.GET or None)
    start, end = form.bounds() if form.is_bound else (None, None)
    return form, start, end


def paged(request, queryset):
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def submit(request, form, action, success: str) -> bool:
    """Validate the posted form and call action(cleaned_data); errors go to messages (the pages
    post small forms from lists) and to the form. True when the service succeeded."""
    if not form.is_valid():
        messages.error(request, first_error(form))
        return False
    try:
        action(form.cleaned_data)
    except DomainError as error:
        add_domain_error(form, error)
        messages.error(request, str(error.message))
        return False
    messages.success(request, success)
    return True
