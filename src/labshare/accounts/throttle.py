"""Brakes on guessing: the login lockout's pieces for django-axes, and the password-reset limit.

Axes counts failed logins per account and per client address in the database, so every web
process sees the same count; after LOGIN_FAILURE_LIMIT failures either is locked for
LOGIN_COOLOFF_MINUTES, the right password included. Reset mails are limited per typed address
and per client address in the cache (a shared one when several processes serve).
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from labshare.core import clock

RESET_PER_ADDRESS_PER_HOUR = 3
RESET_PER_CLIENT_PER_HOUR = 10


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address they saw; None when
    there is no valid address (a forged header must not reach the database's inet column)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    candidate = request.META.get("REMOTE_ADDR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The login page again, saying why and for how long, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1))
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username")})
    message = _(
        "Too many failed log-ins for this account or from this address. Log-in is locked for "
        "%(minutes)d minutes; wait, or set a new password through “Forgot your password?”."
    ) % {"minutes": minutes}
    context = {"form": form, "locked_out": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


def _spend(kind: str, value: str, limit: int) -> bool:
    """Count one request in this hour's window; False once the window's limit is spent."""
    window = int(clock.now().timestamp() // 3600)
    key = f"throttle:{kind}:{value}:{window}"
    cache.add(key, 0, timeout=3600 + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600 + 60)
        count = 1
    return count <= limit


def may_send_reset(request: HttpRequest, email: str) -> bool:
    """Both the typed address and the client may ask a few times an hour, whether or not an
    account has that address (the answer must not tell)."""
    by_address = _spend("reset-mail", email.strip().lower(), RESET_PER_ADDRESS_PER_HOUR)
    by_client = _spend("reset-client", client_ip(request) or "unknown", RESET_PER_CLIENT_PER_HOUR)
    return by_address and by_client
