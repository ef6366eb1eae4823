"""Where each person lands after logging in: where their work is.

The operator's staff on the operator's overview, a provider's administrator on the provider
console, a provider's technicians on today's work at the instruments, everybody else on their
reservations; somebody without an organisation on the page that says what to do.
"""

from django.urls import reverse

from labshare.core.access import active_can
from labshare.core.actors import Actor


def landing_url(actor: Actor) -> str:
    if actor.organization is None:
        return reverse("accounts:organization")
    if active_can(actor, "platform.review_providers", operator=True):
        return reverse("core:operator_overview")
    if active_can(actor, "accounts.manage_members", provider=True):
        return reverse("catalog:console_instruments")
    if active_can(actor, "booking.operate", provider=True):
        return reverse("booking:staff_today")
    return reverse("booking:my_reservations")
