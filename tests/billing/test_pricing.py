"""The price rule's arithmetic: bases, increments, minimum, fees; Decimals to the fen."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labshare.billing import pricing
from labshare.billing.pricing import Rule
from labshare.core.money import to_fen

prices = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
minutes = st.integers(min_value=0, max_value=24 * 60)


def test_booked_time_in_quarter_hours():
    rule = Rule(Decimal("300.00"))
    line = pricing.time_line(rule, booked=70, used=40)
    assert (line.quantity, line.amount) == (Decimal("1.2500"), Decimal("375.00"))


def test_used_time_and_the_greater_of_the_two():
    used = Rule(Decimal("300.00"), basis=pricing.USED)
    greater = Rule(Decimal("300.00"), basis=pricing.GREATER)
    assert pricing.time_line(used, booked=120, used=50).amount == Decimal("300.00")  # 1 h
    # 1 h 35 used is more than 1 h booked, and counts as 1 h 45.
    assert pricing.time_line(greater, booked=60, used=95).amount == Decimal("525.00")


def test_minimum_charge():
    rule = Rule(Decimal("100.00"), minimum=Decimal("200.00"))
    line = pricing.time_line(rule, booked=30, used=0)
    assert (line.amount, line.minimum_applied) == (Decimal("200.00"), True)
    assert pricing.time_line(Rule(Decimal("100.00"), basis=pricing.USED), 30, 0).amount == 0


def test_samples_and_fees():
    rule = Rule(Decimal("85.50"), unit=pricing.PER_SAMPLE, cancellation_fee=Decimal("50"))
    assert pricing.sample_line(rule, 3).amount == Decimal("256.50")
    assert pricing.fee_line(rule, "cancellation").amount == Decimal("50.00")
    assert pricing.fee_line(rule, "no_show").amount == Decimal("0.00")


def test_odd_increments_round_once_half_up():
    rule = Rule(Decimal("100.00"), increment_minutes=7)
    # 10 minutes → 14 billable → 23.333… → 23.33
    assert pricing.time_line(rule, 10, 0).amount == Decimal("23.33")


@pytest.mark.parametrize(
    "fields",
    [
        {"unit_price": Decimal("-1")},
        {"unit_price": Decimal("NaN")},
        {"unit_price": 1.5},
        {"unit_price": Decimal("1"), "basis": "planned"},
        {"unit_price": Decimal("1"), "increment_minutes": 0},
        {"unit_price": Decimal("1"), "minimum": Decimal("-0.01")},
    ],
)
def test_bad_rules_are_refused(fields):
    with pytest.raises(ValueError):
        Rule(**fields)


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        to_fen(0.1)
    assert to_fen("0.005") == Decimal("0.01")
    assert to_fen(Decimal("2.345")) == Decimal("2.35")


@given(price=prices, booked=minutes, used=minutes, basis=st.sampled_from(pricing.BASES))
def test_time_lines_are_in_fen_and_grow_with_time(price, booked, used, basis):
    rule = Rule(price, basis=basis)
    line = pricing.time_line(rule, booked, used)
    assert line.amount == line.amount.quantize(Decimal("0.01"))
    assert line.amount >= 0
    more = pricing.time_line(rule, booked + 15, used + 15)
    assert more.amount >= line.amount
    assert pricing.billable_minutes(rule, booked, used) % rule.increment_minutes == 0


@given(price=prices, minimum=prices, samples=st.integers(min_value=1, max_value=500))
def test_minimum_is_a_floor_not_an_addition(price, minimum, samples):
    rule = Rule(price, unit=pricing.PER_SAMPLE, minimum=minimum)
    line = pricing.sample_line(rule, samples)
    plain = to_fen(price * samples)
    assert line.amount == (max(plain, to_fen(minimum)) if plain > 0 else plain)
