"""Billing months and settlement quarters as [first day, first day of the next)."""

from datetime import date


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def quarter_of(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def next_quarter(first: date) -> date:
    month = first.month + 3
    return date(first.year + (month > 12), (month - 1) % 12 + 1, 1)


def quarter_label(first: date) -> str:
    return f"{first.year}Q{(first.month - 1) // 3 + 1}"
