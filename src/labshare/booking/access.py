"""Who may see and touch which reservation or schedule: the booking app's use of core.access.

A reservation has two tenants: the booking organization (customers) and the instrument's
provider (staff). Each side reaches it through its own helper; anybody else gets a 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from labshare.booking.models import (
    Blackout,
    ExtraOpening,
    Qualification,
    Reservation,
    TrainingRequest,
    WeeklyWindow,
)
from labshare.booking.rules import is_provider_staff
from labshare.catalog.access import can_preview
from labshare.catalog.models import Instrument
from labshare.core.access import get_in_tenant_or_404, organizations_of
from labshare.core.actors import Actor

_RESERVATIONS = Reservation.objects.select_related(
    "instrument__organization", "instrument__booking_rules", "organization", "user"
)


def visible_instrument(actor: Actor, pk: int) -> Instrument:
    """A catalogue instrument anybody may see; an unpublished one only for its provider's staff."""
    instrument = (
        Instrument.objects.select_related("organization", "booking_rules").filter(pk=pk).first()
    )
    if instrument is None or not (instrument.is_public or can_preview(actor, instrument)):
        raise Http404
    return instrument


def reservation_for_customer(actor: Actor, pk: int) -> Reservation:
    """A reservation of one of the actor's organizations (any member may look)."""
    return get_in_tenant_or_404(actor, _RESERVATIONS, permission=None, pk=pk)


def reservation_for_viewer(actor: Actor, pk: int) -> Reservation:
    """Either side may read a reservation: its booking organization or the provider."""
    reservation = _RESERVATIONS.filter(pk=pk).first()
    if reservation is None:
        raise Http404
    if any(sides_of(actor, reservation)):
        return reservation
    if reservation.instrument.organization_id in organizations_of(actor):
        raise PermissionDenied  # a member of the provider, but not staff
    raise Http404


def sides_of(actor: Actor, reservation: Reservation) -> tuple[bool, bool]:
    """(customer side, provider side): whether the actor belongs to the booking organization, and
    whether they decide on the provider's bookings."""
    customer = reservation.organization_id in organizations_of(actor)
    return customer, is_provider_staff(actor, reservation.instrument)


def reservation_for_staff(
    actor: Actor, pk: int, permission: str = "booking.approve"
) -> Reservation:
    """A reservation of one of the provider's instruments, for its staff."""
    return get_in_tenant_or_404(
        actor, _RESERVATIONS, permission=permission, org_path="instrument.organization_id", pk=pk
    )


def instrument_for_staff(
    actor: Actor, pk: int, permission: str = "booking.edit_schedule"
) -> Instrument:
    return get_in_tenant_or_404(
        actor,
        Instrument.objects.select_related("organization", "booking_rules"),
        permission=permission,
        pk=pk,
    )


def _schedule_item(actor: Actor, model, instrument_pk: int, pk: int, permission: str):
    return get_in_tenant_or_404(
        actor,
        model.objects.select_related("instrument__organization"),
        permission=permission,
        org_path="instrument.organization_id",
        pk=pk,
        instrument_id=instrument_pk,
    )


def window_for_staff(actor: Actor, instrument_pk: int, pk: int) -> WeeklyWindow:
    return _schedule_item(actor, WeeklyWindow, instrument_pk, pk, "booking.edit_schedule")


def opening_for_staff(actor: Actor, instrument_pk: int, pk: int) -> ExtraOpening:
    return _schedule_item(actor, ExtraOpening, instrument_pk, pk, "booking.edit_schedule")


def blackout_for_staff(actor: Actor, instrument_pk: int, pk: int) -> Blackout:
    return _schedule_item(actor, Blackout, instrument_pk, pk, "booking.edit_schedule")


def qualification_for_staff(actor: Actor, instrument_pk: int, pk: int) -> Qualification:
    return _schedule_item(actor, Qualification, instrument_pk, pk, "booking.qualify")


def training_for_staff(actor: Actor, pk: int) -> TrainingRequest:
    """A training request for one of the provider's instruments, for those who qualify users."""
    return get_in_tenant_or_404(
        actor,
        TrainingRequest.objects.select_related("instrument__organization", "user", "organization"),
        permission="booking.qualify",
        org_path="instrument.organization_id",
        pk=pk,
    )
