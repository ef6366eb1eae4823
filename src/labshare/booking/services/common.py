from django.utils.translation import gettext as _

from labshare.catalog.models import Instrument
from labshare.core.access import ensure_role
from labshare.core.errors import InvalidState


def ensure_staff(actor, instrument: Instrument) -> None:
    """Provider staff (or admins) of the instrument's organization only."""
    ensure_role(actor, instrument.organization_id, "staff")


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
