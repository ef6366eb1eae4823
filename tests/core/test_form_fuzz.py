"""The guard against the whole class of 500s: every POST form of the pages, found by reading
the pages as a persona allowed to use them, gets hypothesis-generated values in every field
(very long strings, control characters, odd Unicode, out-of-range numbers, impossible dates and
UTC offsets). No answer may be a 5xx, and an answer that refuses the input must have written
nothing. On PostgreSQL, whose types are the strict ones."""

from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.apps import apps
from django.contrib.messages import constants, get_messages
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labshare.booking import services as booking_services
from labshare.cooperation import services as cooperation_services
from labshare.cooperation.models import IndustryField
from labshare.core import clock
from labshare.core.actors import system_actor
from labshare.orders import services as order_services
from tests.billing.conftest import PROGRAMME
from tests.booking import conftest as booking_fixtures
from tests.booking.conftest import at
from tests.cooperation.conftest import milestone, post, propose, sign
from tests.factories import act, apply_as_provider, make_member
from tests.orders.conftest import add_cma, make_signer, make_test_service
from tests.orders.conftest import walk as walk_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# The booking fixtures: a frozen clock, a staff-operated and a self-operated instrument.
now = booking_fixtures.now
instrument = booking_fixtures.instrument
self_operated = booking_fixtures.self_operated

SKIPPED_ACTIONS = ("/accounts/logout/", "/i18n/")
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "测" * 300,
    "99999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "２０２６",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "2026-03-04T09:00+16:00",
    "2026-03-04T09:00-23:59",
    "2026-03-04T25:61",
    "10000-01-01T00:00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u202e反转",
    "line\nbreak\r\n",
    "\U0001f9ea🧪",
    "https://evil.example/",
    "//evil.example",
]


class _Forms(HTMLParser):
    """The POST forms of a page: action and, per field, the values the page offers."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
        elif self._form is not None and tag in ("input", "textarea", "select"):
            name = attrs.get("name")
            kind = attrs.get("type", "text")
            if not name or name == "csrfmiddlewaretoken" or kind in ("file", "submit"):
                return
            offered = self._form["fields"].setdefault(name, [])
            if attrs.get("value"):
                offered.append(attrs["value"])
            if tag == "select":
                self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            self._form["fields"][self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def post_forms(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Forms()
    parser.feed(response.content.decode())
    forms = []
    for form in parser.forms:
        form["action"] = urljoin(url, form["action"]) if form["action"] else url
        if not form["action"].startswith(SKIPPED_ACTIONS):
            forms.append(form)
    return forms


def row_counts() -> dict[str, int]:
    ours = ("core", "accounts", "catalog", "booking", "orders", "billing", "cooperation")
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ours
    }


def refused(response) -> bool:
    if response.status_code != 302:
        return True
    return any(m.level >= constants.ERROR for m in get_messages(response.wsgi_request))


def value_for(offered: list[str]):
    choices = [st.sampled_from(NASTY), st.text(max_size=40)]
    if offered:
        choices.append(st.sampled_from(offered))
    return st.one_of(choices)


@pytest.fixture
def world(
    now,  # noqa: F811 (the booking fixture)
    provider_org,
    provider_admin,
    technician,
    sme_org,
    sme_admin,
    sme_member,
    instrument,
    self_operated,
):
    pending = booking_services.request_reservation(
        act(sme_member), instrument, sme_org, at(4, 9), at(4, 11)
    )
    confirmed = booking_services.approve_reservation(
        act(technician),
        booking_services.request_reservation(
            act(sme_member), instrument, sme_org, at(4, 13), at(4, 15)
        ),
    )
    used = booking_services.approve_reservation(
        act(technician),
        booking_services.request_reservation(
            act(sme_member), instrument, sme_org, at(3, 9), at(3, 10)
        ),
    )
    now(at(3, 9))
    booking_services.check_in(act(technician), used)
    now(at(3, 10))
    booking_services.check_out(act(technician), used)  # its rating form is on the page
    booking_services.request_training(act(sme_member), self_operated, sme_org)
    now(at(4, 13, 5))  # the confirmed one is under way: its check-out form is on the pages
    booking_services.check_in(act(technician), confirmed)
    make_member(sme_org, "colleague", "member")
    world = {
        "instrument": instrument,
        "self_operated": self_operated,
        "pending": pending,
        "confirmed": confirmed,
        "used": used,
        **_testing_world(provider_org, provider_admin, technician, sme_member),
    }
    world.update(_billing_world(world, provider_org, provider_admin, sme_admin))
    world["cooperation"] = _cooperation_world(
        provider_org, provider_admin, technician, sme_admin, sme_member
    )
    return world


def _cooperation_world(provider_org, provider_admin, technician, sme_admin, sme_member) -> dict:
    """The firm's needs (one with the provider's proposal, one to propose on, confidential ones:
    unread, asked for, the provider invited), a draft agreement with a milestone, one in force
    with a milestone due and one delivered, and a field the provider follows."""
    secret = {"is_confidential": True, "public_summary": "铝合金焊接件的疲劳问题"}
    need = post(sme_member)
    asked = cooperation_services.request_access(
        act(technician), post(sme_member, title="保密需求甲", **secret), provider_org
    )
    invited = cooperation_services.invite_provider(
        act(sme_member), post(sme_member, title="保密需求乙", **secret), provider_org
    )
    draft = cooperation_services.accept_proposal(
        act(sme_admin), propose(technician, post(sme_member, title="待签协议的需求"))
    )
    milestone(sme_admin, draft)
    in_force = cooperation_services.accept_proposal(
        act(sme_admin), propose(technician, post(sme_member, title="已生效协议的需求"))
    )
    milestone(sme_admin, in_force, "30000")
    delivered = milestone(provider_admin, in_force, "60000", days=90, deliverable="工艺方案")
    sign(in_force, sme_admin, provider_admin, day=clock.today())
    cooperation_services.deliver_milestone(act(technician), delivered)
    field = IndustryField.objects.get(pk="high-end-equipment")
    cooperation_services.follow_field(act(technician), provider_org, field)
    return {
        "need": need,
        "proposal": propose(technician, need),
        "fresh_need": post(sme_member, title="表面涂层耐磨性评价"),
        "unread_need": post(sme_member, title="保密需求丙", **secret),
        "asked_access": asked,
        "invited_access": invited,
        "draft": draft,
        "in_force": in_force,
    }


def _billing_world(world, provider_org, provider_admin, sme_admin) -> dict:
    """Prices, the completed order's charge under dispute, an issued statement, a programme."""
    from labshare.billing import services as billing
    from labshare.billing.models import Charge

    billing.set_price(
        act(provider_admin), world["instrument"], "sme", date(2026, 1, 1), unit_price="300"
    )
    charge = Charge.objects.get(order=world["orders"]["completed"])
    billing.dispute_charge(act(sme_admin), charge, "报价外的费用")
    run = billing.start_billing_run(act(provider_admin), provider_org, date(2026, 3, 1))
    billing.issue_billing_run(act(provider_admin), run)
    programme = billing.create_programme(system_actor(), **PROGRAMME)
    from labshare.insights import indicators

    indicator = indicators.create_indicator(
        system_actor(), code="forest", name="森林覆盖率", unit="%"
    )
    return {"statement": run.statements.get(), "programme": programme, "indicator": indicator}


def _testing_world(provider_org, provider_admin, technician, sme_member) -> dict:
    """A test item under a certificate, a signatory, and orders at each status with forms."""
    tensile = make_test_service(provider_org)
    cma = add_cma(provider_org, tensile)
    signer = make_signer(provider_org, provider_admin, [tensile])
    lab = {"enter": technician, "check": provider_admin, "approve": signer}
    statuses = ("submitted", "quoted", "accepted", "samples_received", "testing", "entered")
    orders = {status: walk_order(sme_member, lab, [tensile], status) for status in statuses}
    orders["completed"] = walk_order(sme_member, lab, [tensile], "completed")
    order_services.review_order(act(sme_member), orders["completed"], 3, "neutral", "还行")
    orders["reported"] = walk_order(sme_member, lab, [tensile], "reported")
    return {"tensile": tensile, "cma": cma, "orders": orders}


def pages_by_persona(world) -> dict[str, list[str]]:
    instrument_pk = world["instrument"].pk
    coop = world["cooperation"]
    agreements = [
        reverse("cooperation:agreement_detail", args=[coop[key].pk])
        for key in ("draft", "in_force")
    ]
    return {
        "anonymous": [
            reverse("accounts:register"),
            reverse("accounts:login"),
            reverse("accounts:password_reset"),
        ],
        "sme_admin": [
            reverse("accounts:organization"),
            reverse("accounts:organization_edit"),
            reverse("accounts:apply_as_provider"),
            reverse("booking:reservation_new", args=[instrument_pk]),
            reverse("booking:reservation_cancel", args=[world["pending"].pk]),
            reverse("booking:reservation_detail", args=[world["confirmed"].pk]),
            reverse("booking:reservation_detail", args=[world["used"].pk]),
            reverse("booking:instrument_calendar", args=[world["self_operated"].pk]),
            reverse("billing:charges"),
            reverse("orders:order_new") + f"?service={world['tensile'].pk}",
            *[
                reverse("orders:order_detail", args=[world["orders"][status].pk])
                for status in ("submitted", "quoted", "completed")
            ],
            # The firm: its needs, a provider's request, the proposal's decisions (its page
            # before the need's, so that the need's withdrawal is posted after them), and both
            # agreements' steps.
            reverse("cooperation:need_new"),
            reverse("cooperation:need_edit", args=[coop["need"].pk]),
            reverse("cooperation:need_detail", args=[coop["asked_access"].need_id]),
            reverse("cooperation:proposal_detail", args=[coop["proposal"].pk]),
            reverse("cooperation:need_detail", args=[coop["need"].pk]),
            *agreements,
        ],
        "provider_admin": [
            reverse("catalog:instrument_create"),
            reverse("catalog:instrument_edit", args=[instrument_pk]),
            reverse("booking:instrument_schedule", args=[instrument_pk]),
            reverse("booking:qualification_list", args=[instrument_pk]),
            reverse("booking:usage_new"),
            reverse("booking:approval_queue"),
            reverse("booking:staff_today"),
            reverse("booking:reservation_detail", args=[world["pending"].pk]),
            reverse("booking:reservation_detail", args=[world["confirmed"].pk]),
            reverse("booking:training_requests"),
            reverse("catalog:instrument_import"),
            reverse("accounts:organization"),
            reverse("catalog:test_service_new"),
            reverse("catalog:test_service_edit", args=[world["tensile"].pk]),
            reverse("catalog:console_accreditations"),
            reverse("catalog:accreditation_scope", args=[world["cma"].pk]),
            reverse("orders:signatories"),
            reverse("billing:item_prices", args=["instrument", instrument_pk]),
            reverse("billing:item_prices", args=["test", world["tensile"].pk]),
            reverse("billing:runs"),
            reverse("billing:statement", args=[world["statement"].pk]),
            reverse("billing:disputes"),
            reverse("insights:quotas", args=[world["instrument"].organization_id]),
            *[
                reverse("orders:console_order", args=[order.pk])
                for order in world["orders"].values()
            ],
            # The provider: followed fields, a confidential need, the undertaking, a proposal
            # form, its proposal's thread, and both agreements' steps.
            reverse("cooperation:lab_needs"),
            reverse("cooperation:need_detail", args=[coop["unread_need"].pk]),
            reverse("cooperation:undertaking", args=[coop["invited_access"].pk]),
            reverse("cooperation:propose", args=[coop["fresh_need"].pk]),
            reverse("cooperation:proposal_detail", args=[coop["proposal"].pk]),
            *agreements,
        ],
        "operator": [
            reverse("accounts:provider_applications"),
            reverse("core:working_days"),
            reverse("billing:new_programme"),
            reverse("billing:verifications"),
            reverse("billing:programme", args=[world["programme"].pk]),
            reverse("insights:indicator_new"),
            reverse("insights:indicator_detail", args=[world["indicator"].pk]),
        ],
    }


@pytest.mark.parametrize("persona", ["anonymous", "sme_admin", "provider_admin", "operator"])
def test_no_post_form_answers_5xx_and_refused_input_writes_nothing(
    request, client, world, persona, sme_org
):
    if persona == "operator":
        request.getfixturevalue("operator")
        registered = make_member(sme_org, "applicant", "admin")
        from labshare.accounts.models import Membership

        apply_as_provider(Membership.objects.get(user=registered, organization=sme_org))
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    forms = [form for url in pages_by_persona(world)[persona] for form in post_forms(client, url)]
    assert len(forms) >= 2, "the pages offer forms to fuzz"
    if persona == "provider_admin":
        actions = {form["action"].rstrip("/").rsplit("/", 1)[-1] for form in forms}
        assert {"check-out", "reject", "staff-cancel", "schedule", "rules"} <= actions, actions
        testing_steps = {"quote", "receive", "book", "results", "check", "return", "correct"}
        assert testing_steps | {"close", "reply", "signatories"} <= actions, actions
        cooperation_steps = {"follow", "unfollow", "request-access", "undertaking", "propose"}
        agreement_steps = {"message", "terms", "milestones", "remove", "sign", "deliver"}
        assert cooperation_steps | agreement_steps | {"register", "terminate"} <= actions, actions
    if persona == "sme_admin":
        actions = {form["action"].rstrip("/").rsplit("/", 1)[-1] for form in forms}
        firm_steps = {"new", "edit", "grant", "refuse", "invite", "withdraw"}
        proposal_steps = {"shortlist", "decline", "accept", "message"}
        agreement_steps = {"terms", "milestones", "remove", "sign", "return", "register"}
        closing = {"complete", "terminate", "link"}
        assert firm_steps | proposal_steps | agreement_steps | closing <= actions, actions

    @settings(
        max_examples=6,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def post_everything(data):
        for form in forms:
            values = {
                name: data.draw(value_for(offered), label=f"{form['action']} {name}")
                for name, offered in form["fields"].items()
            }
            before = row_counts()
            client.cookies.pop("messages", None)  # so only this answer's messages are read
            response = client.post(form["action"], values)
            assert response.status_code < 500, (form["action"], values)
            if refused(response):
                assert row_counts() == before, (form["action"], values, response.status_code)

    post_everything()
