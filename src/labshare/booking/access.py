"""Who may see and touch which reservation or schedule: the booking app's use of core.access.

A reservation has two tenants: the booking organization (customers) and the instrument's
provider (staff). Each side reaches it through its own helper; anybody else gets a 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from labshare.booking.models import Blackout, ExtraOpening, Qualification, Reservation, WeeklyWindow
from labshare.catalog.access import can_preview
from labshare.catalog.models import Instrument
from labshare.core.access import get_in_tenant_or_404, has_role, roles_of

_RESERVATIONS = Reservation.objects.select_related(
    "instrument__organization", "instrument__booking_rules", "organization", "user"
)


def visible_instrument(request, pk: int) -> Instrument:
    """A catalogue instrument anybody may see; an unpublished one only for its provider's staff."""
    instrument = (
        Instrument.objects.select_related("organization", "booking_rules").filter(pk=pk).first()
    )
    if instrument is None or not (instrument.is_public or can_preview(request, instrument)):
        raise Http404
    return instrument


def reservation_for_customer(request, pk: int) -> Reservation:
    """A reservation of one of the user's organizations (any member may look)."""
    return get_in_tenant_or_404(request.user, _RESERVATIONS, min_role="member", pk=pk)


def reservation_for_viewer(request, pk: int) -> Reservation:
    """Either side may read a reservation: its booking organization or the provider."""
    reservation = _RESERVATIONS.filter(pk=pk).first()
    if reservation is None:
        raise Http404
    if any(sides_of(request, reservation)):
        return reservation
    if reservation.instrument.organization_id in roles_of(request.user):
        raise PermissionDenied  # a member of the provider, but not staff
    raise Http404


def sides_of(request, reservation: Reservation) -> tuple[bool, bool]:
    """(customer side, provider side): whether the user belongs to the booking organization, and
    whether they are staff of the instrument's provider."""
    customer = reservation.organization_id in roles_of(request.user)
    return customer, has_role(request.user, reservation.instrument.organization_id, "staff")


def reservation_for_staff(request, pk: int) -> Reservation:
    """A reservation of one of the provider's instruments, for its staff."""
    return get_in_tenant_or_404(
        request.user, _RESERVATIONS, min_role="staff", org_path="instrument.organization_id", pk=pk
    )


def instrument_for_staff(request, pk: int) -> Instrument:
    return get_in_tenant_or_404(
        request.user,
        Instrument.objects.select_related("organization", "booking_rules"),
        min_role="staff",
        pk=pk,
    )


def _schedule_item(request, model, instrument_pk: int, pk: int):
    return get_in_tenant_or_404(
        request.user,
        model.objects.select_related("instrument__organization"),
        min_role="staff",
        org_path="instrument.organization_id",
        pk=pk,
        instrument_id=instrument_pk,
    )


def window_for_staff(request, instrument_pk: int, pk: int) -> WeeklyWindow:
    return _schedule_item(request, WeeklyWindow, instrument_pk, pk)


def opening_for_staff(request, instrument_pk: int, pk: int) -> ExtraOpening:
    return _schedule_item(request, ExtraOpening, instrument_pk, pk)


def blackout_for_staff(request, instrument_pk: int, pk: int) -> Blackout:
    return _schedule_item(request, Blackout, instrument_pk, pk)


def qualification_for_staff(request, instrument_pk: int, pk: int) -> Qualification:
    return _schedule_item(request, Qualification, instrument_pk, pk)
