"""The demo district's testing service (检验测试): test items with sample requirements, prices
and instruments, CMA/CNAS certificates (one expired), a lab team with an authorised signatory at
every provider that offers tests, and test orders in every status.

The content is data/testing.json. Orders are replayed like the booking history, through the real
services with the clock set back; the steps of all orders run in time order, so sample numbers
and the gapless report numbers of each provider follow the dates. A step's day counts working
days from the day the order was placed (`placed` working days before today), so every step lies
before today and the due dates, counted in working days by the services, fall where the data
says: one order is overdue, one report is corrected (the first is void, the second replaces it).
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from labshare.accounts.models import Membership, Organization, User
from labshare.catalog import testing
from labshare.catalog.models import Instrument, TestService
from labshare.core import clock
from labshare.core.actors import command_actor
from labshare.core.errors import DomainError
from labshare.core.workdays import add_workdays, is_workday
from labshare.orders import services
from labshare.orders.models import Result, Review, ServiceOrder

TESTING_FILE = Path(__file__).resolve().parent / "data" / "testing.json"
S = ServiceOrder.Status
# The last step of the ordinary path for each status, and the branches that leave it.
STOPS = {
    S.DRAFT: "draft",
    S.SUBMITTED: "submit",
    S.QUOTED: "quote",
    S.ACCEPTED: "accept",
    S.SAMPLES_RECEIVED: "receive",
    S.TESTING: "start",
    S.REPORTED: "approve",
    S.COMPLETED: "complete",
}
BRANCHES = {
    S.REJECTED: ("submit", "reject"),
    S.DECLINED: ("quote", "decline"),
    S.CANCELLED: ("quote", "cancel"),
}
PATH = [
    "draft",
    "submit",
    "quote",
    "accept",
    "receive",
    "start",
    "enter",
    "check",
    "approve",
    "complete",
]
# Instrument time booked for a test: tried in this order on the next working days.
TEST_SLOTS = [(time(9, 0), time(11, 0)), (time(14, 0), time(16, 0)), (time(10, 0), time(12, 0))]


@dataclass
class LabTeam:
    """Three people, so the three-step sign-off is real: enters, checks, approves (and quotes)."""

    tester: User
    checker: User
    signatory: User


@dataclass
class Replay:
    """One order of the data being replayed, with what its steps need."""

    entry: dict
    team: LabTeam
    booker: User
    customer: Organization
    items: list[TestService]
    today: date  # the demo's today, while the clock is set back
    quote_note: str
    order: ServiceOrder | None = None
    review: Review | None = None
    plan: list[tuple[str, int, time]] = field(default_factory=list)


def _local(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _workdays_before(day: date, count: int) -> date:
    while count:
        day -= timedelta(days=1)
        count -= is_workday(day)
    return day


def _plan(entry: dict, items: list[TestService]) -> list[tuple[str, int, time]]:
    """(step, working day from placing, time of day) of every step the order goes through."""
    # Results are entered the working day before the due date (later by the data's "late").
    tested = 2 + max(max(item.turnaround_days for item in items) - 1, 1) + entry.get("late", 0)
    when = {
        "draft": (0, time(9, 20)),
        "submit": (0, time(9, 30)),
        "quote": (0, time(15, 0)),
        "reject": (0, time(15, 0)),
        "accept": (1, time(10, 0)),
        "decline": (1, time(10, 0)),
        "cancel": (1, time(10, 0)),
        "receive": (2, time(9, 30)),
        "book": (2, time(10, 0)),
        "start": (2, time(14, 0)),
        "enter": (tested, time(10, 0)),
        "check": (tested, time(15, 0)),
        "return": (tested, time(15, 0)),
        "approve": (tested + 1, time(10, 0)),
        "complete": (tested + 2, time(10, 0)),
        "review": (tested + 2, time(11, 0)),
        "reply": (tested + 3, time(9, 30)),
        "correct": (tested + 4, time(10, 0)),
        "reenter": (tested + 4, time(11, 0)),
        "recheck": (tested + 4, time(15, 0)),
        "reapprove": (tested + 5, time(10, 0)),
        "recomplete": (tested + 6, time(10, 0)),
    }
    status = entry["status"]
    if status in BRANCHES:
        last, branch = BRANCHES[status]
        steps = [*PATH[: PATH.index(last) + 1], branch]
    else:
        steps = PATH[: PATH.index(STOPS[status]) + 1]
    if "book" in entry:
        steps.insert(steps.index("receive") + 1, "book")
    steps += {"entered": ["enter"], "returned": ["enter", "return"]}.get(entry.get("stage"), [])
    if "review" in entry:
        steps += ["review", "reply"] if "reply" in entry["review"] else ["review"]
    if "correction" in entry:
        steps += ["correct", "reenter", "recheck", "reapprove", "recomplete"]
    plan = [(step, *when[step]) for step in steps]
    if any(day >= entry["placed"] for _step, day, _at in plan):
        raise ValueError(f"Demo order placed {entry['placed']} working days ago ends today.")
    return plan


def _entries(run: Replay) -> list[dict]:
    order, results = run.order, run.entry["results"]
    entries = []
    for number, sample in enumerate(order.samples.order_by("number")):
        for item in order.items.select_related("test_service"):
            data = results[item.test_service.code]
            entries.append(
                {
                    "sample": sample,
                    "item": item,
                    "value": data["values"][number % len(data["values"])],
                    "unit": item.test_service.result_unit,
                    "spec": data.get("spec", ""),
                    "verdict": data.get("verdict", ""),
                }
            )
    return entries


def _value(entry: dict, path: str):
    for key in path.split("."):
        entry = entry[key]
    return entry


def _act(service, who: str, *paths: str):
    """A step that calls one service as one person, on the order, with values of the entry."""

    def step(run: Replay) -> None:
        person = run.booker if who == "customer" else getattr(run.team, who)
        values = [_value(run.entry, path) for path in paths]
        service(command_actor(person), run.order, *values)

    return step


def _draft(run: Replay) -> None:
    entry, customer = run.entry, run.customer
    run.order = services.draft_order(
        command_actor(run.booker),
        customer,
        run.items,
        sample_count=len(entry["samples"]),
        sample_description=entry["description"],
        contact_name=customer.contact_name or run.booker.full_name,
        contact_phone=customer.contact_phone,
    )


def _quote(run: Replay) -> None:
    count = run.order.sample_count
    lines = [(item.name, count, item.price_per_sample) for item in run.items]
    turnaround = max(item.turnaround_days for item in run.items)
    expected = add_workdays(clock.today(), turnaround + 3)
    services.quote_order(
        command_actor(run.team.signatory), run.order, lines, expected, run.quote_note
    )


def _receive(run: Replay) -> None:
    samples = [tuple(sample) for sample in run.entry["samples"]]
    services.receive_samples(command_actor(run.team.tester), run.order, samples)


def _book(run: Replay) -> None:
    """Instrument time for the test on the first free slot of the demo's coming working days
    (never today's, which book_today fills)."""
    instrument = Instrument.objects.get(code=run.entry["book"])
    day = run.today
    for _day in range(5):
        day = add_workdays(day, 1)
        for start, end in TEST_SLOTS:
            try:
                services.book_test_time(
                    command_actor(run.team.tester),
                    run.order,
                    instrument,
                    _local(day, start),
                    _local(day, end),
                )
                return
            except DomainError:
                continue  # a customer holds it: the next slot


def _enter(run: Replay) -> None:
    services.enter_results(command_actor(run.team.tester), run.order, _entries(run))


def _return(run: Replay) -> None:
    result = Result.objects.filter(item__order=run.order).order_by("sample__number").first()
    services.return_result(command_actor(run.team.checker), result, run.entry["returned"])


def _review(run: Replay) -> None:
    data = run.entry["review"]
    run.review = services.review_order(
        command_actor(run.booker), run.order, data["rating"], data["sentiment"], data["comment"]
    )


def _reply(run: Replay) -> None:
    reply = run.entry["review"]["reply"]
    services.reply_to_review(command_actor(run.team.signatory), run.review, reply)


def _reenter(run: Replay) -> None:
    """The corrected value, entered again; the other results wait to be checked again."""
    correction = run.entry["correction"]
    sample = run.order.samples.order_by("number")[correction["sample"] - 1]
    item = run.order.items.select_related("test_service").get(test_service__code=correction["item"])
    data = run.entry["results"][correction["item"]]
    services.enter_result(
        command_actor(run.team.tester),
        run.order,
        sample,
        item,
        value=correction["value"],
        unit=item.test_service.result_unit,
        spec=data.get("spec", ""),
        verdict=data.get("verdict", ""),
    )


STEPS = {
    "draft": _draft,
    "submit": _act(services.submit_order, "customer"),
    "quote": _quote,
    "reject": _act(services.reject_order, "signatory", "reason"),
    "accept": _act(services.accept_quote, "customer"),
    "decline": _act(services.decline_quote, "customer", "reason"),
    "cancel": _act(services.cancel_order, "customer", "reason"),
    "receive": _receive,
    "book": _book,
    "start": _act(services.start_testing, "tester"),
    "enter": _enter,
    "return": _return,
    "check": _act(services.check_results, "checker"),
    "approve": _act(services.approve_report, "signatory"),
    "complete": _act(services.complete_order, "customer"),
    "review": _review,
    "reply": _reply,
    "correct": _act(services.start_correction, "signatory", "correction.reason"),
    "reenter": _reenter,
    "recheck": _act(services.check_results, "checker"),
    "reapprove": _act(services.approve_report, "signatory"),
    "recomplete": _act(services.complete_order, "customer"),
}


def _lab_teams(providers, staff_by_provider: dict, new_account) -> dict[str, LabTeam]:
    """Provider code → its lab team: the provider's admin is the signatory, its demo staff
    member (or a new one) enters results, a new staff member checks them."""
    teams = {}
    for org in providers:
        admin = (
            Membership.objects.filter(organization=org, role="admin").order_by("id").first().user
        )
        tester = staff_by_provider[org.pk]
        if tester == admin:
            tester = new_account(f"{org.code.lower()}_tester", "检测员（演示）", org, "staff")
        checker = new_account(f"{org.code.lower()}_checker", "审核员（演示）", org, "staff")
        teams[org.code] = LabTeam(tester, checker, admin)
    return teams


def _catalogue(content: dict, providers: dict, teams: dict, today: date) -> dict:
    """The test items, certificates and signatories; returns test item code → item."""
    instruments = {
        i.code: i for i in Instrument.objects.filter(organization__in=providers.values())
    }
    items = {}
    for data in content["test_services"]:
        fields = {key: data[key] for key in testing.TEST_SERVICE_FIELDS if key in data}
        fields["price_per_sample"] = Decimal(fields["price_per_sample"])
        actor = command_actor(teams[data["provider"]].signatory)
        item = testing.create_test_service(
            actor,
            providers[data["provider"]],
            instruments=[instruments[code] for code in data["instruments"]],
            **fields,
        )
        if data.get("published", True):
            item = testing.publish_test_service(actor, item)
        items[item.code] = item
    for data in content["accreditations"]:
        actor = command_actor(teams[data["provider"]].signatory)
        accreditation = testing.add_accreditation(
            actor,
            providers[data["provider"]],
            kind=data["kind"],
            number=data["number"],
            issuer=data["issuer"],
            valid_from=today + timedelta(days=data["valid_from_days"]),
            valid_until=today + timedelta(days=data["valid_until_days"]),
        )
        for code in data["scope"]:
            testing.set_scope_line(actor, accreditation, items[code])
    for code, team in teams.items():
        membership = Membership.objects.get(user=team.signatory, organization=providers[code])
        scope = [
            item for item in items.values() if item.organization_id == membership.organization_id
        ]
        services.appoint_signatory(command_actor(team.signatory), membership, scope)
    return items


def load_testing(providers, staff_by_provider: dict, bookers, new_account) -> None:
    """Test items, certificates, signatories and the replayed orders of the demo district.

    bookers: the demo's (user, customer organisation) pairs, which the data's orders name by
    index; new_account(username, full name, organisation, role) makes a demo account."""
    content = json.loads(TESTING_FILE.read_text(encoding="utf-8"))
    today = clock.today()
    codes = {data["provider"] for data in content["test_services"]}
    offering = {org.code: org for org in providers if org.code in codes}
    runs = []
    with clock.frozen(_local(_workdays_before(today, 45), time(9, 0))):
        teams = _lab_teams(offering.values(), staff_by_provider, new_account)
        items = _catalogue(content, offering, teams, today)
    for entry in content["orders"]:
        booker, customer = bookers[entry["customer"]]
        chosen = [items[code] for code in entry["items"]]
        provider = chosen[0].organization.code
        run = Replay(entry, teams[provider], booker, customer, chosen, today, content["quote_note"])
        run.plan = _plan(entry, chosen)
        runs.append((_workdays_before(today, entry["placed"]), run))
    # Every step of every order, in the order they happened.
    events = sorted(
        (_local(add_workdays(placed, day), at), number, index, step, run)
        for number, (placed, run) in enumerate(runs)
        for index, (step, day, at) in enumerate(run.plan)
    )
    for when, _number, _index, step, run in events:
        with clock.frozen(when):
            STEPS[step](run)
