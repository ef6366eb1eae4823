"""Testing-service fixtures: a frozen clock, test items of the provider (one accredited under a
CMA certificate, one not), an authorised signatory, and a helper that walks an order through the
real services up to any status."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from labshare.accounts.models import Membership
from labshare.catalog import testing
from labshare.core import clock
from labshare.orders import services
from labshare.orders.models import ServiceOrder
from tests.factories import act, make_member

# Monday 2026-03-02 08:00 in Asia/Shanghai, a working day.
NOW = timezone.make_aware(datetime(2026, 3, 2, 8, 0))


@pytest.fixture
def now(monkeypatch):
    current = {"value": NOW}
    monkeypatch.setattr(clock, "now", lambda: current["value"])

    def move(to: datetime) -> datetime:
        current["value"] = to
        return to

    return move


def make_test_service(org, name="金属材料室温拉伸试验", **fields):
    defaults = {
        "code": fields.pop("code", f"TS-{name[:4]}"),
        "method_code": "GB/T 228.1-2021",
        "method_title": "金属材料 拉伸试验 第1部分：室温试验方法",
        "sample_type": "金属棒材或板材",
        "sample_amount": "每组 3 根",
        "result_unit": "MPa",
        "turnaround_days": 5,
        "price_per_sample": Decimal("180.00"),
    }
    defaults.update(fields)
    service = testing.create_test_service(act_system(), org, name=name, **defaults)
    return testing.publish_test_service(act_system(), service)


def act_system():
    from labshare.core.actors import system_actor

    return system_actor()


@pytest.fixture
def tensile(provider_org, now):
    return make_test_service(provider_org)


@pytest.fixture
def hardness(provider_org, now):
    return make_test_service(
        provider_org,
        "金属洛氏硬度试验",
        code="TS-HRC",
        method_code="GB/T 230.1-2018",
        method_title="金属材料 洛氏硬度试验",
        result_unit="HRC",
        price_per_sample=Decimal("60.00"),
    )


def add_cma(org, *items, valid_from=date(2024, 1, 1), valid_until=date(2029, 12, 31)):
    """A CMA certificate of the organisation whose scope holds the items."""
    accreditation = testing.add_accreditation(
        act_system(),
        org,
        kind="cma",
        number="210012345678",
        issuer="辽宁省市场监督管理局",
        valid_from=valid_from,
        valid_until=valid_until,
    )
    for item in items:
        testing.set_scope_line(act_system(), accreditation, item)
    return accreditation


def make_signer(org, admin, items, username="signer"):
    """A staff member of the provider, named authorised signatory for the items by its admin."""
    user = make_member(org, username, "staff")
    membership = Membership.objects.get(user=user, organization=org)
    services.appoint_signatory(act(admin), membership, items)
    return user


@pytest.fixture
def cma(provider_org, tensile):
    return add_cma(provider_org, tensile)


@pytest.fixture
def signer(provider_org, provider_admin, tensile, hardness):
    return make_signer(provider_org, provider_admin, [tensile, hardness])


@pytest.fixture
def lab(technician, provider_admin, signer):
    """Who does what in the lab: enters, checks, approves."""
    return {"enter": technician, "check": provider_admin, "approve": signer}


ORDER_FIELDS = {
    "sample_count": 2,
    "sample_description": "Q235 钢板拉伸试样 2 件，标记 A1、A2",
    "contact_name": "李工",
    "contact_phone": "13800000001",
}

STEPS = [
    ServiceOrder.Status.DRAFT,
    ServiceOrder.Status.SUBMITTED,
    ServiceOrder.Status.QUOTED,
    ServiceOrder.Status.ACCEPTED,
    ServiceOrder.Status.SAMPLES_RECEIVED,
    ServiceOrder.Status.TESTING,
    "entered",
    "checked",
    ServiceOrder.Status.REPORTED,
    ServiceOrder.Status.COMPLETED,
]


def walk(customer, lab, items, upto: str, **fields) -> ServiceOrder:
    """An order of the customer's organisation for the items, walked through the services to
    `upto` (a status, or "entered"/"checked" for testing with every result entered/checked)."""
    org = Membership.objects.get(user=customer).organization
    order = services.draft_order(act(customer), org, items, **(ORDER_FIELDS | fields))
    for step in STEPS[1 : STEPS.index(upto) + 1]:
        order = _step(order, step, customer, lab)
    return ServiceOrder.objects.get(pk=order.pk)


def _step(order, step, customer, lab):
    staff = act(lab["check"])
    if step == ServiceOrder.Status.SUBMITTED:
        return services.submit_order(act(customer), order)
    if step == ServiceOrder.Status.QUOTED:
        lines = [
            (item.test_service.name, order.sample_count, item.test_service.price_per_sample)
            for item in order.items.all()
        ]
        return services.quote_order(staff, order, lines, clock.today() + timedelta(days=10))
    if step == ServiceOrder.Status.ACCEPTED:
        return services.accept_quote(act(customer), order)
    if step == ServiceOrder.Status.SAMPLES_RECEIVED:
        samples = [(f"钢板试样 A{n}", "完好") for n in range(1, order.sample_count + 1)]
        services.receive_samples(staff, order, samples)
        return order
    if step == ServiceOrder.Status.TESTING:
        return services.start_testing(staff, order)
    if step == "entered":
        enter_all(order, lab["enter"])
        return order
    if step == "checked":
        services.check_results(act(lab["check"]), order)
        return order
    if step == ServiceOrder.Status.REPORTED:
        services.approve_report(act(lab["approve"]), order)
        return order
    if step == ServiceOrder.Status.COMPLETED:
        return services.complete_order(act(customer), order)
    raise AssertionError(step)


def enter_all(order, user, value="452"):
    for sample in order.samples.all():
        for item in order.items.select_related("test_service"):
            services.enter_result(
                act(user),
                order,
                sample,
                item,
                value=value,
                unit=item.test_service.result_unit,
                spec="≥ 370",
                verdict="pass",
            )


def state_of(order) -> dict:
    """Everything a refused service might have touched, to assert that nothing changed."""
    from labshare.core.models import AuditEvent, Counter, Notification, OutgoingMail
    from labshare.orders.models import QuoteLine, Result, Review, Sample, TestReport

    order = ServiceOrder.objects.get(pk=order.pk)
    return {
        "order": {f.attname: getattr(order, f.attname) for f in ServiceOrder._meta.concrete_fields},
        "quote_lines": list(QuoteLine.objects.filter(order=order).values_list("pk", "amount")),
        "samples": list(Sample.objects.filter(order=order).values_list("number", flat=True)),
        "results": list(
            Result.objects.filter(item__order=order)
            .order_by("pk")
            .values("pk", "state", "value", "unit", "entered_by", "checked_by", "return_reason")
        ),
        "reports": list(
            TestReport.objects.filter(order=order).order_by("pk").values_list("number", "status")
        ),
        "reviews": list(Review.objects.filter(order=order).values("rating", "reply")),
        "audit": AuditEvent.objects.count(),
        "notifications": Notification.objects.count(),
        "mails": OutgoingMail.objects.count(),
        "counters": dict(Counter.objects.values_list("key", "value")),
    }
