"""The user's funding source and subject areas (the national service record's), asked on the
booking and order forms: kept when right, refused on the field when wrong, nothing written."""

import pytest
from django.urls import reverse

from labshare.booking import services
from labshare.booking.models import Reservation
from labshare.core.errors import InvalidInput
from labshare.orders import services as orders
from labshare.orders.models import ServiceOrder
from tests.booking.conftest import at
from tests.factories import act
from tests.orders.conftest import ORDER_FIELDS, make_test_service

pytestmark = pytest.mark.django_db


def test_a_reservation_keeps_them(instrument, sme_member, sme_org):
    reservation = services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 9), at(3, 10), "拉伸断口",
        "地方财政资金", ["430", "430", "460"],
    )  # fmt: skip
    reservation.refresh_from_db()
    assert (reservation.funding_source, reservation.subject_areas) == (
        "地方财政资金",
        ["430", "460"],
    )


@pytest.mark.parametrize(
    ("funding", "areas", "field"),
    [
        ("自己的钱", [], "funding_source"),
        ("", ["110", "120", "130", "140", "150"], "subject_areas"),
        ("", ["999"], "subject_areas"),
    ],
)
def test_wrong_ones_are_refused(
    instrument, sme_member, sme_org, provider_org, funding, areas, field
):
    with pytest.raises(InvalidInput) as refused:
        services.request_reservation(
            act(sme_member), instrument, sme_org, at(3, 9), at(3, 10), "", funding, areas
        )
    assert refused.value.field == field
    with pytest.raises(InvalidInput) as refused:
        orders.draft_order(
            act(sme_member),
            sme_org,
            [make_test_service(provider_org)],
            **(ORDER_FIELDS | {"funding_source": funding, "subject_areas": areas}),
        )
    assert refused.value.field == field
    assert not Reservation.objects.exists() and not ServiceOrder.objects.exists()


def test_the_booking_form_asks_for_them(client_of, instrument, sme_member):
    url = reverse("booking:reservation_new", args=[instrument.pk])
    page = client_of(sme_member).get(url).content.decode()
    assert 'name="funding_source"' in page and 'name="subject_areas"' in page
    client_of(sme_member).post(
        url,
        {
            "start": "2026-03-03T09:00",
            "end": "2026-03-03T10:00",
            "purpose": "断口形貌",
            "funding_source": "单位自有资金",
            "subject_areas": ["430"],
        },
    )
    assert Reservation.objects.get().subject_areas == ["430"]
