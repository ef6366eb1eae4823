"""Audit rows say who acted, for which organisation, how they came in; admins read their trail."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from labshare.accounts import services as account_services
from labshare.booking import services as booking_services
from labshare.catalog import services as catalog_services
from labshare.catalog.importer import import_instruments
from labshare.core.actors import Channel, Kind
from labshare.core.models import AuditEvent
from tests.booking import conftest as booking_fixtures
from tests.booking.conftest import at
from tests.catalog.test_import_export import row, upload, xlsx
from tests.factories import act, make_instrument

TRAIL = reverse("core:audit_trail")
# The booking app's fixtures: a frozen clock and an instrument open on weekdays.
now = booking_fixtures.now
instrument = booking_fixtures.instrument


def test_a_page_action_records_its_channel_request_and_organisations(
    client_of, technician, provider_org
):
    instrument = make_instrument(provider_org, publish=False)
    client = client_of(technician)
    url = reverse("catalog:instrument_publish", args=[instrument.pk])
    response = client.post(url, HTTP_X_REQUEST_ID="proxy-req-0001")
    assert response.status_code == 302
    assert response["X-Request-ID"] == "proxy-req-0001"
    event = AuditEvent.objects.get(verb="instrument.published", actor=technician)
    assert (event.actor_kind, event.channel, event.request_id) == (
        Kind.USER,
        Channel.PAGE,
        "proxy-req-0001",
    )
    assert event.organization_id == provider_org.pk
    assert event.actor_organization_id == provider_org.pk


def test_a_made_up_request_id_is_replaced(client_of, technician):
    response = client_of(technician).get("/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


def test_a_customer_request_belongs_to_the_customer(sme_member, sme_org, instrument):
    booking_services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 11))
    event = AuditEvent.objects.get(verb="reservation.requested")
    assert event.organization_id == sme_org.pk
    assert event.actor_organization_id == sme_org.pk


def test_the_providers_decision_is_the_providers(
    sme_member, sme_org, technician, provider_org, instrument
):
    reservation = booking_services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 9), at(3, 11)
    )
    booking_services.approve_reservation(act(technician), reservation)
    event = AuditEvent.objects.get(verb="reservation.approved")
    assert (event.organization_id, event.actor_organization_id) == (sme_org.pk, provider_org.pk)


def test_an_import_is_recorded_as_an_import(technician, provider_org):
    with translation.override("en"):
        import_instruments(act(technician), provider_org, upload(xlsx(row())))
    channels = set(AuditEvent.objects.filter(actor=technician).values_list("channel", flat=True))
    assert channels == {Channel.IMPORT}


def test_a_command_is_recorded_as_the_system(sme_member, sme_org, technician, instrument, now):
    reservation = booking_services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 9), at(3, 11)
    )
    booking_services.approve_reservation(act(technician), reservation)
    now(at(2, 10))
    call_command("tick", stdout=io.StringIO())
    event = AuditEvent.objects.get(verb="reservation.reminded")
    assert (event.actor, event.actor_kind, event.channel) == (None, Kind.SYSTEM, Channel.COMMAND)


def test_factory_writes_are_the_systems(provider_org):
    event = AuditEvent.objects.get(verb="organization.created", target_id=str(provider_org.pk))
    assert (event.actor, event.actor_kind, event.channel) == (None, Kind.SYSTEM, Channel.COMMAND)
    assert event.organization_id == provider_org.pk and event.actor_organization_id is None


def test_a_token_is_named_in_its_events(technician, provider_org):
    from labshare.accounts.tokens import actor_for_key

    token, key = account_services.create_api_token(
        act(technician), provider_org, name="脚本", scopes=["catalog.edit_instrument"]
    )
    instrument = make_instrument(provider_org, publish=False)
    catalog_services.publish_instrument(actor_for_key(key), instrument)
    event = AuditEvent.objects.get(verb="instrument.published")
    assert (event.actor, event.actor_kind, event.channel, event.token_id) == (
        technician,
        Kind.TOKEN,
        Channel.API,
        token.pk,
    )


# The trail pages


def shown(response) -> set[str]:
    return {event.verb for event in response.context["page_obj"].object_list}


def test_an_admin_reads_their_organisations_trail_only(
    client_of, provider_admin, provider_org, other_provider_org
):
    make_instrument(provider_org, "本单位仪器", publish=False)
    make_instrument(other_provider_org, "别家仪器", publish=False)
    response = client_of(provider_admin).get(TRAIL)
    assert response.status_code == 200
    targets = {e.target_repr for e in response.context["page_obj"].object_list}
    assert "本单位仪器" in targets and "别家仪器" not in targets


@pytest.mark.parametrize("persona", ["technician", "provider_member", "sme_member"])
def test_staff_and_members_may_not_read_the_trail(request, client_of, persona):
    assert client_of(request.getfixturevalue(persona)).get(TRAIL).status_code == 403


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(TRAIL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_operator_reads_everybody_and_filters_by_organisation(
    client_of, operator, provider_org, other_provider_org
):
    make_instrument(provider_org, "本单位仪器", publish=False)
    make_instrument(other_provider_org, "别家仪器", publish=False)
    client = client_of(operator)
    everything = client.get(TRAIL)
    targets = {e.target_repr for e in everything.context["page_obj"].object_list}
    assert {"本单位仪器", "别家仪器"} <= targets
    only = client.get(TRAIL, {"organization": other_provider_org.pk})
    assert {e.organization_id for e in only.context["page_obj"].object_list} == {
        other_provider_org.pk
    }


def test_filters_by_action_channel_and_user(client_of, provider_admin, technician, provider_org):
    instrument = make_instrument(provider_org, publish=False)
    catalog_services.publish_instrument(act(technician), instrument)
    client = client_of(provider_admin)
    assert shown(client.get(TRAIL, {"verb": "instrument."})) <= {
        "instrument.created",
        "instrument.published",
    }
    assert shown(client.get(TRAIL, {"actor": "technician"})) == {"instrument.published"}
    assert shown(client.get(TRAIL, {"channel": "import"})) == set()


def test_bad_filters_say_so(client_of, provider_admin):
    with translation.override("en"):
        response = client_of(provider_admin).get(
            TRAIL, {"since": "2026-05-02", "until": "2026-05-01"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert "end date is before" in response.content.decode()


def test_the_trail_runs_the_same_queries_for_1_or_30_events(
    client_of, provider_admin, provider_org, settings
):
    settings.PAGE_SIZE = 50
    client = client_of(provider_admin)
    make_instrument(provider_org, publish=False)
    with CaptureQueriesContext(connection) as few:
        client.get(TRAIL)
    for number in range(15):
        make_instrument(provider_org, f"仪器{number}")
    with CaptureQueriesContext(connection) as many:
        client.get(TRAIL)
    assert len(many) == len(few)
