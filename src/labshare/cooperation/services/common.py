"""What the cooperation services share: reading a row afresh under its lock, the sides'
permissions, amounts and texts from forms, and the one way a status changes."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from labshare.cooperation.access import CONTRACT, POST, PROPOSE  # noqa: F401 - re-exported
from labshare.cooperation.models import MAX_BUDGET
from labshare.core.access import can
from labshare.core.actors import Actor
from labshare.core.errors import InvalidInput, InvalidState, NotAllowed
from labshare.core.money import to_fen
from labshare.core.text import single_line


def locked(model, obj, *related):
    return model.objects.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)


def ensure_status(obj, *allowed: str) -> None:
    if obj.status not in allowed:
        raise InvalidState(
            _("This is not possible while it is “%(status)s”.")
            % {"status": obj.get_status_display()},
            code="invalid_state",
        )


def side_of(actor: Actor, sides: dict[str, tuple[int, str]]) -> str:
    """Which side ("customer" or "provider") of a cooperation the actor acts for: the side of
    the organisation it works for now if it holds that side's permission there, else the one
    side where it does. sides: name → (organisation id, permission). Refused if neither."""
    allowed = [name for name, (org_id, perm) in sides.items() if can(actor, perm, org_id)]
    for name in allowed:
        if sides[name][0] == actor.organization_id:
            return name
    if allowed:
        return allowed[0]
    raise NotAllowed(_("Your role in this organization does not allow this action."))


def amount(value, field: str, *, allow_zero: bool = False, required: bool = True) -> Decimal | None:
    """An amount in yuan as typed or sent, to the fen; refused with a message on its field."""
    if value in (None, ""):
        if required:
            raise InvalidInput(_("Enter an amount."), field=field)
        return None
    if isinstance(value, float):
        raise TypeError("Money is never a float.")
    try:
        number = to_fen(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput(_("Enter an amount in yuan, such as 50000."), field=field) from exc
    if not number.is_finite() or number < 0 or (number == 0 and not allow_zero):
        raise InvalidInput(_("Enter an amount greater than zero."), field=field)
    if number > MAX_BUDGET:
        raise InvalidInput(
            _("An amount above %(max)s yuan is not accepted here.") % {"max": f"{MAX_BUDGET:,}"},
            field=field,
        )
    return number


def text(value, field: str, max_length: int, *, required: bool = True, one_line=False) -> str:
    cleaned = (single_line(value or "") if one_line else (value or "")).strip()
    if required and not cleaned:
        raise InvalidInput(_("This field is required."), field=field)
    if len(cleaned) > max_length:
        raise InvalidInput(
            _("Write at most %(max)d characters.") % {"max": max_length}, field=field
        )
    return cleaned


def is_day(value) -> bool:
    """A calendar date (a datetime is not one: it would compare with dates by raising)."""
    return isinstance(value, date) and not isinstance(value, datetime)
