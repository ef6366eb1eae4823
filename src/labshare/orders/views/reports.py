"""A report's PDF, exactly the bytes that were issued, for the client and the lab."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from labshare.orders import access


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_viewer(request.actor, pk)
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.number}.pdf"'
    response["X-Content-SHA256"] = report.sha256
    return response
