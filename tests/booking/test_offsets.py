"""Times typed with a UTC offset: honoured within what clocks use, refused beyond ±15:59 (which
PostgreSQL cannot store, so it used to answer 500) on every form that takes a time."""

import pytest
from django.urls import reverse

from labshare.booking.models import Blackout, ExtraOpening, Reservation, UsageRecord
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db

FORMS = [
    ("booking:reservation_new", "sme_member", {"purpose": "x"}, Reservation),
    ("booking:blackout_add", "provider_admin", {"reason": "检修"}, Blackout),
    ("booking:opening_add", "provider_admin", {"note": "加开"}, ExtraOpening),
    ("booking:usage_new", "technician", {"note": "补录"}, UsageRecord),
]


def post(client_of, request, instrument, name, persona, extra, start, end):
    user = request.getfixturevalue(persona)
    data = {"start": start, "end": end, **extra}
    if name == "booking:usage_new":
        url = reverse(name)
        data.update(instrument=instrument.pk, operator=user.pk)
    else:
        url = reverse(name, args=[instrument.pk])
    return client_of(user).post(url, data)


@pytest.mark.parametrize(("name", "persona", "extra", "model"), FORMS)
@pytest.mark.parametrize("offset", ["+16:00", "-16:00", "+23:59", "-1600"])
def test_an_offset_no_clock_uses_is_refused(
    client_of, request, instrument, name, persona, extra, model, offset
):
    response = post(
        client_of,
        request,
        instrument,
        name,
        persona,
        extra,
        f"2026-03-04T09:00{offset}",
        "2026-03-04T10:00",
    )
    assert response.status_code == 200
    forms = [response.context.get(key) for key in ("form", "blackout_form", "opening_form")]
    errors = [form.errors.as_data()["start"] for form in forms if form and "start" in form.errors]
    assert [e.code for e in errors[0]] == ["offset"]
    assert not model.objects.exists()


def test_a_real_offset_is_read_into_the_platform_zone(client_of, request, instrument):
    # 01:00 UTC is 09:00 in Shanghai.
    response = post(
        client_of,
        request,
        instrument,
        "booking:blackout_add",
        "provider_admin",
        {"reason": "检修"},
        "2026-03-04T01:00+00:00",
        "2026-03-04T10:00",
    )
    assert response.status_code == 302
    assert Blackout.objects.get().start == at(4, 9)
