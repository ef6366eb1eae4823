"""Booking facts shown on other apps' pages (the catalogue's instrument page)."""

from django import template

from labshare.booking import queries

register = template.Library()


@register.inclusion_tag("booking/_rules_summary.html")
def booking_rules_summary(instrument):
    return {"rules_summary": queries.rules_summary(instrument)}
