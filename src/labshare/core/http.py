"""Small helpers the views share: where to go after a form, whether htmx wants a fragment."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest) -> str:
    """The "next" address of the request if it is a path of ours, else "": never a view name
    (redirect() would try to reverse "0"), another site, or a string with control characters."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return ""


def redirect_next(request: HttpRequest, fallback: str, *args) -> HttpResponse:
    """Back to the page the form came from, if it is one of ours; else to fallback."""
    target = safe_next(request)
    return HttpResponseRedirect(target) if target else redirect(fallback, *args)


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (not a history restore, which needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request
