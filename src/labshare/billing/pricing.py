"""How much a service costs under a price rule: the arithmetic only, reading and writing nothing.

A rule prices instrument time per hour or test work per sample, with a minimum charge, a billing
increment (time rounded up to whole increments, e.g. 15 minutes) and a basis: the booked time,
the used time, or the greater of the two. Late cancellations and no-shows have fees of their
own. Amounts are Decimals to the fen, rounded half up once, at the end (core.money); the charge
line keeps its quantity, unit price and basis so that anybody can redo the sum.

The price lists, tiers and charges that use this are the billing app's models; the estimate on
the booking and order forms is the same function, so what a customer is told is what is charged.
"""

from dataclasses import dataclass
from decimal import Decimal

from labshare.core.money import per_hour, to_fen

BOOKED, USED, GREATER = "booked", "used", "greater"
PER_HOUR, PER_SAMPLE = "hour", "sample"
BASES = (BOOKED, USED, GREATER)
UNITS = (PER_HOUR, PER_SAMPLE)


@dataclass(frozen=True)
class Rule:
    unit_price: Decimal
    unit: str = PER_HOUR
    minimum: Decimal = Decimal("0")
    increment_minutes: int = 15
    basis: str = BOOKED
    cancellation_fee: Decimal = Decimal("0")
    no_show_fee: Decimal = Decimal("0")

    def __post_init__(self):
        for name in ("unit_price", "minimum", "cancellation_fee", "no_show_fee"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
                raise ValueError(f"{name} must be a Decimal of at least 0, not {value!r}")
        if self.unit not in UNITS or self.basis not in BASES:
            raise ValueError(f"unknown unit {self.unit!r} or basis {self.basis!r}")
        if not 1 <= self.increment_minutes <= 24 * 60:
            raise ValueError("the increment is 1 minute to a day")


@dataclass(frozen=True)
class Line:
    """What a charge line shows: quantity (hours or samples), unit price, basis, amount."""

    quantity: Decimal
    unit_price: Decimal
    basis: str
    amount: Decimal
    minimum_applied: bool = False


def billable_minutes(rule: Rule, booked: int, used: int) -> int:
    """The minutes the basis counts, rounded up to whole increments."""
    if booked < 0 or used < 0:
        raise ValueError("minutes cannot be negative")
    minutes = {BOOKED: booked, USED: used, GREATER: max(booked, used)}[rule.basis]
    step = rule.increment_minutes
    return -(-minutes // step) * step


def time_line(rule: Rule, booked: int, used: int) -> Line:
    """The charge for instrument time: billable hours × hourly price, at least the minimum."""
    if rule.unit != PER_HOUR:
        raise ValueError("time is charged by a rule per hour")
    minutes = billable_minutes(rule, booked, used)
    amount = per_hour(rule.unit_price, minutes)
    hours = (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.0001"))
    return _at_least_minimum(rule, Line(hours, rule.unit_price, rule.basis, amount))


def sample_line(rule: Rule, samples: int) -> Line:
    """The charge for test work: samples × price per sample, at least the minimum."""
    if rule.unit != PER_SAMPLE:
        raise ValueError("samples are charged by a rule per sample")
    if samples < 0:
        raise ValueError("samples cannot be negative")
    amount = to_fen(rule.unit_price * samples)
    return _at_least_minimum(rule, Line(Decimal(samples), rule.unit_price, rule.basis, amount))


def fee_line(rule: Rule, fee: str) -> Line:
    """A late cancellation's or a no-show's fee, as one line of quantity 1."""
    amount = {"cancellation": rule.cancellation_fee, "no_show": rule.no_show_fee}[fee]
    return Line(Decimal(1), to_fen(amount), rule.basis, to_fen(amount))


def _at_least_minimum(rule: Rule, line: Line) -> Line:
    if line.amount > 0 and line.amount < rule.minimum:
        return Line(line.quantity, line.unit_price, line.basis, to_fen(rule.minimum), True)
    return line
