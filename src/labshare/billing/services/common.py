"""What the billing services share: money input and the database's refusals in words."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from labshare.core.errors import InvalidInput
from labshare.core.money import to_fen

MAX_AMOUNT = Decimal("9999999999.99")  # what the columns hold


def money(value, field: str, *, allow_zero: bool = True, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """An amount as typed or sent, to the fen; a float, text, a negative or absurd number is
    refused with a message on the field."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal, an int or a string.")
    try:
        amount = to_fen(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Enter an amount in yuan, e.g. 120.50."), field=field) from None
    if not amount.is_finite():
        raise InvalidInput(_("Enter an amount in yuan, e.g. 120.50."), field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InvalidInput(_("The amount must be more than zero."), field=field)
    if amount > maximum:
        raise InvalidInput(
            _("%(amount)s is more than the largest amount allowed here, %(max)s.")
            % {"amount": amount, "max": maximum},
            field=field,
        )
    return amount
