"""Statements and settlements as PDF and xlsx, for whoever may read them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from labshare.billing import access, documents
from labshare.billing.views.common import XLSX, file_response


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
def settlement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = access.settlement_for_reader(request.actor, pk)
    return file_response(
        documents.settlement_pdf(settlement),
        f"{_name(settlement, 'settlement')}.pdf",
        "application/pdf",
    )


@login_required
def settlement_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = access.settlement_for_reader(request.actor, pk)
    return file_response(
        documents.settlement_xlsx(settlement), f"{_name(settlement, 'settlement')}.xlsx", XLSX
    )
