"""Who may do what to an order: each side only its own steps, nobody from another organisation,
never one person for two of the three steps (编制, 审核, 批准) unless the item allows it, and
approval only by an authorised signatory for every item of the report."""

import pytest

from labshare.accounts.models import Membership
from labshare.core import clock
from labshare.core.actors import system_actor
from labshare.core.errors import InvalidInput, InvalidState, NotAllowed
from labshare.orders import services
from labshare.orders.models import Result, ServiceOrder, Signatory, TestReport
from tests.factories import act, make_member
from tests.orders.conftest import enter_all, make_test_service, state_of, walk

S = ServiceOrder.Status


def _first_result(order):
    return Result.objects.filter(item__order=order).first()


def _sample_and_item(order):
    return order.samples.first(), order.items.select_related("test_service").first()


# action: (the order's step, how a person calls it)
CUSTOMER_ACTIONS = {
    "submit_order": (S.DRAFT, lambda a, o: services.submit_order(a, o)),
    "accept_quote": (S.QUOTED, lambda a, o: services.accept_quote(a, o)),
    "decline_quote": (S.QUOTED, lambda a, o: services.decline_quote(a, o, "价格过高")),
    "cancel_order": (S.SUBMITTED, lambda a, o: services.cancel_order(a, o, "不再需要")),
    "review_order": (S.COMPLETED, lambda a, o: services.review_order(a, o, 5, "good")),
}
PROVIDER_ACTIONS = {
    "quote_order": (
        S.SUBMITTED,
        lambda a, o: services.quote_order(a, o, [("拉伸", 2, "180")], clock.today()),
    ),
    "reject_order": (S.SUBMITTED, lambda a, o: services.reject_order(a, o, "设备检修")),
    "receive_samples": (
        S.ACCEPTED,
        lambda a, o: services.receive_samples(a, o, [("A1", "完好"), ("A2", "完好")]),
    ),
    "start_testing": (S.SAMPLES_RECEIVED, lambda a, o: services.start_testing(a, o)),
    "enter_result": (
        S.TESTING,
        lambda a, o: services.enter_result(a, o, *_sample_and_item(o), value="452", unit="MPa"),
    ),
    "check_results": ("entered", lambda a, o: services.check_results(a, o)),
    "return_result": ("entered", lambda a, o: services.return_result(a, _first_result(o), "重测")),
    "approve_report": ("checked", lambda a, o: services.approve_report(a, o)),
    "start_correction": (S.REPORTED, lambda a, o: services.start_correction(a, o, "笔误")),
    "reply_to_review": (
        "reviewed",
        lambda a, o: services.reply_to_review(a, o.review, "感谢您的评价"),
    ),
}


def order_at(step, customer, lab, items):
    if step == "reviewed":
        order = walk(customer, lab, items, S.COMPLETED)
        services.review_order(act(customer), order, 4, "good", "很快")
        return ServiceOrder.objects.get(pk=order.pk)
    return walk(customer, lab, items, step)


@pytest.fixture
def people(outsider, other_provider_admin, provider_member, technician, sme_admin):
    return {
        "outsider": outsider,
        "other_provider_admin": other_provider_admin,
        "provider_member": provider_member,  # the provider's, with too low a role
        "technician": technician,
        "sme_admin": sme_admin,  # the client's administrator
    }


@pytest.mark.parametrize("persona", ["outsider", "other_provider_admin", "technician"])
@pytest.mark.parametrize("action", CUSTOMER_ACTIONS)
def test_only_the_client_takes_the_clients_steps(
    action, persona, people, sme_member, lab, tensile, now
):
    step, call = CUSTOMER_ACTIONS[action]
    order = order_at(step, sme_member, lab, [tensile])
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        call(act(people[persona]), order)
    assert refusal.value.code == "not_allowed"
    assert state_of(order) == before


@pytest.mark.parametrize(
    "persona", ["outsider", "other_provider_admin", "provider_member", "sme_admin"]
)
@pytest.mark.parametrize("action", PROVIDER_ACTIONS)
def test_only_the_providers_staff_take_the_labs_steps(
    action, persona, people, sme_member, lab, tensile, now
):
    step, call = PROVIDER_ACTIONS[action]
    order = order_at(step, sme_member, lab, [tensile])
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        call(act(people[persona]), order)
    assert refusal.value.code == "not_allowed"
    assert state_of(order) == before


@pytest.mark.parametrize("persona", ["outsider", "other_provider_admin", "provider_member"])
def test_completion_is_for_the_client_or_the_providers_staff(
    persona, people, sme_member, lab, tensile, now
):
    order = walk(sme_member, lab, [tensile], S.REPORTED)
    before = state_of(order)
    with pytest.raises(NotAllowed):
        services.complete_order(act(people[persona]), order)
    assert state_of(order) == before
    services.complete_order(act(people["technician"]), order)
    assert ServiceOrder.objects.get(pk=order.pk).status == S.COMPLETED


@pytest.mark.parametrize(
    "action", ["receive_samples", "enter_result", "check_results", "approve_report"]
)
def test_the_system_cannot_sign_for_a_person(action, sme_member, lab, tensile, now):
    step, call = PROVIDER_ACTIONS[action]
    order = order_at(step, sme_member, lab, [tensile])
    before = state_of(order)
    with pytest.raises(NotAllowed):
        call(system_actor(), order)
    assert state_of(order) == before


# Three people for three steps


def test_whoever_entered_a_result_does_not_check_it(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], "entered")
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        services.check_results(act(lab["enter"]), order)
    assert refusal.value.code == "same_person"
    assert state_of(order) == before


def test_whoever_checked_does_not_approve(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], "entered")
    services.check_results(act(lab["approve"]), order)  # the signatory checks …
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        services.approve_report(act(lab["approve"]), order)  # … so may not approve as well
    assert refusal.value.code == "same_person"
    assert state_of(order) == before


def test_whoever_entered_does_not_approve(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.TESTING)
    enter_all(order, lab["approve"])
    services.check_results(act(lab["check"]), order)
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        services.approve_report(act(lab["approve"]), order)
    assert refusal.value.code == "same_person"
    assert state_of(order) == before


@pytest.fixture
def self_verified(provider_org, provider_admin, signer, tensile, hardness):
    """An item whose provider lets one person verify their own results, in the signer's scope."""
    service = make_test_service(
        provider_org, "金属材料维氏硬度试验", code="TS-HV", result_unit="HV",
        method_code="GB/T 4340.1-2024", allow_self_verification=True,
    )  # fmt: skip
    membership = Membership.objects.get(user=signer, organization=provider_org)
    services.appoint_signatory(act(provider_admin), membership, [tensile, hardness, service])
    return service


def test_an_item_that_allows_self_verification_lets_one_person_do_all_three(
    sme_member, lab, self_verified, now
):
    order = walk(sme_member, lab, [self_verified], S.TESTING)
    signer = lab["approve"]
    enter_all(order, signer)
    assert services.check_results(act(signer), order) == 2
    report = services.approve_report(act(signer), order)
    assert report.prepared_by == report.checked_by == report.approved_by == signer


def test_self_verification_of_one_item_does_not_cover_the_others(
    sme_member, lab, tensile, self_verified, now
):
    """The person who entered both items checks only the self-verifiable one; the other waits
    for a second person."""
    order = walk(sme_member, lab, [tensile, self_verified], S.TESTING)
    enter_all(order, lab["enter"])
    assert services.check_results(act(lab["enter"]), order) == order.sample_count
    states = dict(
        Result.objects.filter(item__order=order).values_list("item__test_service", "state")
    )
    assert states == {tensile.pk: Result.State.ENTERED, self_verified.pk: Result.State.CHECKED}
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        services.check_results(act(lab["enter"]), order)
    assert refusal.value.code == "same_person"
    assert state_of(order) == before


def test_a_signatory_sends_a_checked_result_back_before_approving(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], "checked")
    result = Result.objects.filter(item__order=order).first()
    services.return_result(act(lab["approve"]), result, "原始记录与录入值不符")
    result.refresh_from_db()
    assert (result.state, result.checked_by, result.checked_at) == (
        Result.State.RETURNED,
        None,
        None,
    )
    with pytest.raises(InvalidState):
        services.approve_report(act(lab["approve"]), order)


# Authorised signatories


def test_a_member_who_is_no_signatory_cannot_approve(sme_member, lab, tensile, provider_admin, now):
    lab = lab | {"check": lab["approve"]}  # the signer checks, the administrator would approve
    order = walk(sme_member, lab, [tensile], "checked")
    assert not Signatory.objects.filter(user=provider_admin).exists()
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        services.approve_report(act(provider_admin), order)
    assert refusal.value.code == "not_signatory"
    assert state_of(order) == before


def test_a_signatory_cannot_approve_an_item_outside_their_scope(
    sme_member, lab, tensile, hardness, provider_org, provider_admin, now
):
    order = walk(sme_member, lab, [tensile, hardness], "checked")
    membership = Membership.objects.get(user=lab["approve"], organization=provider_org)
    services.appoint_signatory(act(provider_admin), membership, [tensile])
    before = state_of(order)
    with pytest.raises(NotAllowed) as refusal:
        services.approve_report(act(lab["approve"]), order)
    assert refusal.value.code == "not_signatory"
    assert hardness.name in str(refusal.value)
    assert tensile.name not in str(refusal.value)
    assert state_of(order) == before


def test_a_signatory_whose_appointment_was_removed_cannot_approve(
    sme_member, lab, tensile, provider_org, provider_admin, now
):
    order = walk(sme_member, lab, [tensile], "checked")
    membership = Membership.objects.get(user=lab["approve"], organization=provider_org)
    services.appoint_signatory(act(provider_admin), membership, [])
    assert not Signatory.objects.filter(user=lab["approve"]).exists()
    with pytest.raises(NotAllowed):
        services.approve_report(act(lab["approve"]), order)
    assert not TestReport.objects.filter(order=order).exists()


@pytest.mark.parametrize("persona", ["technician", "provider_member", "other_provider_admin"])
def test_only_the_providers_administrator_appoints_signatories(
    persona, people, provider_org, tensile, now
):
    user = make_member(provider_org, "candidate", "staff")
    membership = Membership.objects.get(user=user, organization=provider_org)
    with pytest.raises(NotAllowed):
        services.appoint_signatory(act(people[persona]), membership, [tensile])
    assert not Signatory.objects.filter(user=user).exists()


def test_a_signatory_scope_holds_only_the_providers_own_items(
    provider_org, provider_admin, other_provider_org, tensile, now
):
    foreign = make_test_service(other_provider_org, "外单位拉伸试验", code="OT-1")
    user = make_member(provider_org, "candidate", "staff")
    membership = Membership.objects.get(user=user, organization=provider_org)
    with pytest.raises(InvalidInput):
        services.appoint_signatory(act(provider_admin), membership, [tensile, foreign])
    assert not Signatory.objects.filter(user=user).exists()
