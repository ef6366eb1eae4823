"""Ratings where the catalogue shows a provider or a test item: the catalogue does not know the
orders app, so its pages ask for them here."""

from django import template

from labshare.orders.queries import rating_of

register = template.Library()


@register.inclusion_tag("catalog/_test_service_rating.html")
def test_service_rating(service):
    return {"rating": rating_of(order__items__test_service=service)}


@register.inclusion_tag("catalog/_test_service_rating.html")
def provider_rating(provider):
    return {"rating": rating_of(order__provider=provider)}
