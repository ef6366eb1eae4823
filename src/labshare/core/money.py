"""Money in CNY: a Decimal to the fen (0.01), rounded half up, never a float.

Every amount the platform shows, charges or settles goes through here, so that one rounding rule
holds everywhere and a float (which cannot hold 0.1 exactly) is refused where it would slip in.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_fen(value: Decimal | int | str) -> Decimal:
    """The amount rounded half up to the fen. A float is refused: it has already lost the fen."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal, an int or a string.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def per_hour(rate: Decimal, minutes: int) -> Decimal:
    """An hourly rate for a number of minutes, rounded once, at the end."""
    return to_fen(rate * Decimal(minutes) / Decimal(60))
