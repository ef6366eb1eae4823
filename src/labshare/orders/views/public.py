"""What anybody may see: whether a report with this number was issued, and is still valid. The
page names the report, the lab, the date, the status and the file's hash, never the results."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from labshare.orders import queries


def report_verify(request: HttpRequest, number: str) -> HttpResponse:
    report = queries.report_by_number(number)
    context = {
        "report": report,
        "number": number,
        "replacement": queries.replacement_of(report) if report else None,
    }
    return render(request, "orders/report_verify.html", context, status=200 if report else 404)
