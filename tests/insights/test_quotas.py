"""Quota hours (定额机时): the provider sets another figure for one instrument, the default
clears it, bad input and other tenants are refused with nothing written, 利用率 follows."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from labshare.core.errors import InvalidInput, NotAllowed
from labshare.insights import definitions as d
from labshare.insights import quotas
from labshare.insights.models import QuotaHours
from labshare.insights.periods import year
from tests.factories import act

pytestmark = pytest.mark.django_db


def test_a_quota_of_its_own_and_back_to_the_default(instrument, provider_admin):
    assert quotas.quota_of(instrument) == 1400
    quotas.set_quota_hours(act(provider_admin), instrument, "1000")
    assert quotas.quota_of(instrument) == 1000
    assert d.quota_hours(year(2026)) == {instrument.pk: Decimal("1000.00")}
    quotas.set_quota_hours(act(provider_admin), instrument, 1400)
    assert not QuotaHours.objects.exists()


@pytest.mark.parametrize("bad", ["", "abc", "0", "9000", "-5", "12.5"])
def test_bad_hours_are_refused(instrument, provider_admin, bad):
    with pytest.raises(InvalidInput) as refused:
        quotas.set_quota_hours(act(provider_admin), instrument, bad)
    assert refused.value.field == "hours"
    assert not QuotaHours.objects.exists()


def test_only_the_units_administrators_set_it(
    instrument, technician, other_provider_admin, operator
):
    for person in (technician, other_provider_admin, operator):
        with pytest.raises(NotAllowed):
            quotas.set_quota_hours(act(person), instrument, "900")
    assert not QuotaHours.objects.exists()


def test_the_page_and_its_form(
    client_of, instrument, provider_admin, technician, other_provider_admin
):
    page = reverse("insights:quotas", args=[instrument.organization_id])
    assert 'name="hours"' in client_of(provider_admin).get(page).content.decode()
    assert 'name="hours"' not in client_of(technician).get(page).content.decode()
    post = reverse("insights:set_quota", args=[instrument.pk])
    assert client_of(technician).post(post, {"hours": "900"}).status_code == 403
    assert client_of(other_provider_admin).post(post, {"hours": "900"}).status_code == 404
    assert client_of(other_provider_admin).get(page).status_code == 404
    response = client_of(provider_admin).post(post, {"hours": "abc"}, follow=True)
    assert "整数" in response.content.decode()
    client_of(provider_admin).post(post, {"hours": "900"})
    assert QuotaHours.objects.get().hours == 900
    assert d.quota_hours(year(date(2026, 1, 1).year))[instrument.pk] == Decimal("900.00")
