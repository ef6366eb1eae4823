"""Excel import and export of instruments in the national template (provider console)."""

from django.http import HttpRequest, HttpResponse


def instrument_import(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def instrument_export(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
