from django.utils.translation import gettext as _

from labshare.catalog.models import Instrument
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.errors import InvalidState


def ensure_staff(actor: Actor, instrument: Instrument, permission: str) -> None:
    """Those of the instrument's provider who hold the permission (booking.approve, …)."""
    ensure_can(actor, permission, instrument.organization_id)


def ensure_transition(reservation, status: str) -> None:
    if not reservation.can_move_to(status):
        raise InvalidState(
            _("A reservation that is “%(current)s” cannot become “%(next)s”.")
            % {
                "current": reservation.get_status_display(),
                "next": type(reservation).Status(status).label,
            },
            code="invalid_transition",
        )


def ensure_recorder(actor: Actor) -> None:
    """Usage records name who recorded them: the system cannot."""
    ensure_person(actor, _("Usage is recorded by a person, not by the system."))
