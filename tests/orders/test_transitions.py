"""The order's state machine: every service moves the order only along ServiceOrder.TRANSITIONS,
from the statuses it is meant for, and refuses every other status without changing anything."""

from datetime import timedelta

import pytest

from labshare.core import clock
from labshare.core.errors import InvalidState
from labshare.core.models import AuditEvent
from labshare.orders import services
from labshare.orders.models import Result, ServiceOrder
from labshare.orders.services.common import STAMPS, move
from tests.factories import act
from tests.orders.conftest import NOW, state_of, walk

S = ServiceOrder.Status


def order_in(status, customer, lab, items) -> ServiceOrder:
    """An order walked through the real services to the status (testing: every result checked)."""
    staff = act(lab["check"])
    if status == S.TESTING:
        return walk(customer, lab, items, "checked")
    if status == S.REJECTED:
        order = walk(customer, lab, items, S.SUBMITTED)
        return services.reject_order(staff, order, "本实验室暂不具备该试验条件")
    if status == S.DECLINED:
        order = walk(customer, lab, items, S.QUOTED)
        return services.decline_quote(act(customer), order, "价格过高")
    if status == S.CANCELLED:
        order = walk(customer, lab, items, S.DRAFT)
        return services.cancel_order(act(customer), order, "不再需要")
    return walk(customer, lab, items, status)


def _samples(order):
    return [(f"试样 {n}", "完好") for n in range(1, order.sample_count + 1)]


# Each service: the status it leads to, the statuses it starts from, and how it is called.
ACTIONS = {
    "submit_order": (S.SUBMITTED, {S.DRAFT}, lambda o, c, lab: services.submit_order(act(c), o)),
    "quote_order": (
        S.QUOTED,
        {S.SUBMITTED},
        lambda o, c, lab: services.quote_order(
            act(lab["check"]), o, [("拉伸试验", 2, "180")], clock.today() + timedelta(days=7)
        ),
    ),
    "reject_order": (
        S.REJECTED,
        {S.SUBMITTED},
        lambda o, c, lab: services.reject_order(act(lab["check"]), o, "设备检修"),
    ),
    "accept_quote": (S.ACCEPTED, {S.QUOTED}, lambda o, c, lab: services.accept_quote(act(c), o)),
    "decline_quote": (
        S.DECLINED,
        {S.QUOTED},
        lambda o, c, lab: services.decline_quote(act(c), o, "价格过高"),
    ),
    "cancel_order": (
        S.CANCELLED,
        set(ServiceOrder.CANCELLABLE),
        lambda o, c, lab: services.cancel_order(act(c), o, "不再需要"),
    ),
    "receive_samples": (
        S.SAMPLES_RECEIVED,
        {S.ACCEPTED},
        lambda o, c, lab: services.receive_samples(act(lab["check"]), o, _samples(o)),
    ),
    "start_testing": (
        S.TESTING,
        {S.SAMPLES_RECEIVED},
        lambda o, c, lab: services.start_testing(act(lab["enter"]), o),
    ),
    "approve_report": (
        S.REPORTED,
        {S.TESTING},
        lambda o, c, lab: services.approve_report(act(lab["approve"]), o),
    ),
    "start_correction": (
        S.TESTING,
        {S.REPORTED, S.COMPLETED},
        lambda o, c, lab: services.start_correction(act(lab["check"]), o, "单位写错"),
    ),
    "complete_order": (
        S.COMPLETED,
        {S.REPORTED},
        lambda o, c, lab: services.complete_order(act(c), o),
    ),
}


def test_the_services_cover_exactly_the_written_transitions():
    by_services = {
        (source, target) for target, sources, _call in ACTIONS.values() for source in sources
    }
    written = {
        (source, target)
        for source, targets in ServiceOrder.TRANSITIONS.items()
        for target in targets
    }
    assert by_services == written
    assert set(ServiceOrder.TRANSITIONS) == set(S)


CASES = [
    pytest.param(status, name, id=f"{status}-{name}")
    for status in ServiceOrder.TRANSITIONS
    for name in ACTIONS
]


@pytest.mark.parametrize(("status", "action"), CASES)
def test_each_service_moves_only_from_its_own_statuses(
    status, action, sme_member, lab, tensile, now
):
    target, sources, call = ACTIONS[action]
    order = order_in(status, sme_member, lab, [tensile])
    assert order.status == status
    if status in sources:
        assert target in ServiceOrder.TRANSITIONS[status]
        call(order, sme_member, lab)
        order.refresh_from_db()
        assert order.status == target
        assert getattr(order, STAMPS[target]) == NOW
        assert AuditEvent.objects.filter(verb=f"order.{target}", target_id=str(order.pk)).exists()
    else:
        before = state_of(order)
        with pytest.raises(InvalidState) as refusal:
            call(order, sme_member, lab)
        assert refusal.value.code == "invalid_state"
        assert str(S(status).label) in str(refusal.value)
        assert state_of(order) == before


def test_move_itself_refuses_a_transition_that_is_not_written(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.DRAFT)
    before = state_of(order)
    with pytest.raises(InvalidState):
        move(act(sme_member), order, S.COMPLETED)
    assert state_of(order) == before


# Inside testing: results before approval


def test_approval_waits_for_every_result(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.TESTING)
    sample, item = order.samples.first(), order.items.first()
    services.enter_result(act(lab["enter"]), order, sample, item, value="452", unit="MPa")
    services.check_results(act(lab["check"]), order)
    before = state_of(order)
    with pytest.raises(InvalidState) as refusal:
        services.approve_report(act(lab["approve"]), order)
    assert refusal.value.code == "results_missing"
    assert state_of(order) == before


def test_approval_waits_for_every_result_to_be_checked(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], "entered")
    result = Result.objects.filter(item__order=order).first()
    services.return_result(act(lab["check"]), result, "读数有误")
    services.check_results(act(lab["check"]), order)  # the other one
    before = state_of(order)
    with pytest.raises(InvalidState) as refusal:
        services.approve_report(act(lab["approve"]), order)
    assert refusal.value.code == "not_checked"
    assert state_of(order) == before


def test_a_returned_result_is_entered_again_then_checked(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], "entered")
    result = Result.objects.filter(item__order=order).first()
    services.return_result(act(lab["check"]), result, "读数有误")
    again = services.enter_result(
        act(lab["enter"]), order, result.sample, result.item, value="455", unit="MPa"
    )
    assert (again.pk, again.state, again.return_reason) == (result.pk, Result.State.ENTERED, "")
    assert services.check_results(act(lab["check"]), order) == 2


def test_a_checked_result_is_not_entered_over(sme_member, lab, tensile, now):
    """Only sending it back (test_permissions) reopens a checked result."""
    order = walk(sme_member, lab, [tensile], "checked")
    result = Result.objects.filter(item__order=order).first()
    before = state_of(order)
    with pytest.raises(InvalidState) as refusal:
        services.enter_result(
            act(lab["enter"]), order, result.sample, result.item, value="1", unit="MPa"
        )
    assert refusal.value.code == "checked"
    with pytest.raises(InvalidState) as refusal:
        services.check_results(act(lab["check"]), order)
    assert refusal.value.code == "nothing_to_check"
    assert state_of(order) == before
