"""An agreement's terms and milestones, both signatures, delivery and acceptance, registration
and its end (the instrument time and test orders linked to it: test_agreement_links.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labshare.cooperation import queries, services
from labshare.cooperation.models import Agreement, Milestone
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from tests.cooperation.conftest import NOW, TODAY, milestone, post, propose, sign
from tests.factories import act, reload


def terms(user, agreement, value, title="焊接工艺合作", contract_type="commissioned"):
    return services.edit_terms(
        act(user), agreement, title=title, contract_type=contract_type, value=value
    )


def add(user, agreement, amount_due, days=30):
    """A milestone with the amount as typed (the conftest helper takes a Decimal)."""
    return services.add_milestone(
        act(user),
        agreement,
        deliverable="阶段报告",
        due_on=TODAY + timedelta(days=days),
        amount_due=amount_due,
    )


def allocated(agreement) -> Decimal:
    return sum(agreement.milestones.values_list("amount", flat=True), Decimal(0))


# Terms and milestones ---------------------------------------------------------------------


def test_milestones_exactly_using_up_the_value_are_accepted(
    now, agreement, sme_admin, provider_admin
):
    assert agreement.value == Decimal("90000.00")
    milestone(sme_admin, agreement, "30000")
    milestone(provider_admin, agreement, "59999.99")
    milestone(sme_admin, agreement, "0.01")
    assert allocated(agreement) == agreement.value


def test_milestone_passing_the_value_is_refused_on_its_amount(now, agreement, sme_admin):
    milestone(sme_admin, agreement, "60000")
    with pytest.raises(InvalidInput) as refusal:
        milestone(sme_admin, agreement, "30000.01")
    assert refusal.value.field == "amount"
    assert agreement.milestones.count() == 1


@pytest.mark.parametrize("amount", ["-1", "abc", "", "1e40", "90000.01"])
def test_bad_milestone_amount_is_refused(now, agreement, sme_admin, amount):
    with pytest.raises(InvalidInput) as refusal:
        add(sme_admin, agreement, amount)
    assert refusal.value.field == "amount"
    assert Milestone.objects.count() == 0


def test_milestone_due_in_the_past_is_refused(now, agreement, sme_admin):
    with pytest.raises(InvalidInput) as refusal:
        add(sme_admin, agreement, "1000", days=-1)
    assert refusal.value.field == "due_on"


def test_value_below_the_milestones_is_refused(now, agreement, sme_admin, provider_admin):
    milestone(sme_admin, agreement, "50000")
    with pytest.raises(InvalidInput) as refusal:
        terms(provider_admin, agreement, "49999.99")
    assert refusal.value.field == "value"
    assert reload(agreement).value == Decimal("90000.00")
    assert terms(provider_admin, agreement, "50000").value == Decimal("50000.00")


def test_only_contract_holders_settle_the_terms(now, agreement, sme_member, technician, outsider):
    for user in (sme_member, technician, outsider):
        with pytest.raises(NotAllowed):
            terms(user, agreement, "80000")
        with pytest.raises(NotAllowed):
            milestone(user, agreement, "1000")
    assert reload(agreement).value == Decimal("90000.00")
    assert Milestone.objects.count() == 0


AMOUNTS = st.builds(
    lambda yuan, fen: Decimal(f"{yuan}.{fen:02d}"),
    st.integers(0, 60000),
    st.integers(0, 99),
)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), AMOUNTS),
        st.tuples(st.just("remove"), st.integers(0, 30)),
        st.tuples(st.just("value"), AMOUNTS.map(lambda a: a + Decimal("0.01"))),
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_milestones_never_add_up_to_more_than_the_value(
    now, agreement, sme_admin, provider_admin, steps
):
    for kind, number in steps:
        before, value = allocated(agreement), reload(agreement).value
        try:
            if kind == "add":
                add(sme_admin, agreement, str(number))
                assert allocated(agreement) == before + number
            elif kind == "value":
                terms(provider_admin, agreement, str(number))
                assert number >= before
            else:
                rows = list(agreement.milestones.order_by("id"))
                if rows:
                    services.remove_milestone(act(provider_admin), rows[number % len(rows)])
        except InvalidInput as refusal:
            # Refused only when it would pass the value (or at the cap on milestones).
            if refusal.field == "amount":
                assert before + number > value
            elif refusal.field == "value":
                assert number < before
            else:
                assert refusal.field == "deliverable"
        assert allocated(agreement) <= reload(agreement).value


# Signing ----------------------------------------------------------------------------------


def test_signing_needs_a_milestone(now, agreement, sme_admin):
    with pytest.raises(InvalidInput) as refusal:
        services.sign_agreement(act(sme_admin), agreement, TODAY)
    assert refusal.value.field == "milestones"
    assert reload(agreement).customer_signed_at is None


def test_each_side_signs_once_and_both_put_it_in_force(
    now, agreement, sme_admin, provider_admin, sme_org
):
    milestone(sme_admin, agreement, "90000")
    first = services.sign_agreement(act(sme_admin), agreement, TODAY)
    assert first.status == Agreement.Status.DRAFT and first.signed_on is None
    assert (first.customer_signed_by, first.customer_signed_at) == (sme_admin, NOW)
    with pytest.raises(Conflict):
        services.sign_agreement(act(sme_admin), agreement, TODAY)
    now(NOW + timedelta(days=2))
    both = services.sign_agreement(act(provider_admin), agreement, TODAY + timedelta(days=1))
    both = reload(both)
    assert both.status == Agreement.Status.ACTIVE
    assert both.signed_on == TODAY + timedelta(days=1)
    assert both.provider_signed_by == provider_admin
    with pytest.raises(InvalidState):
        services.sign_agreement(act(provider_admin), agreement, TODAY)


def test_signing_date_in_the_future_is_refused(now, agreement, sme_admin):
    milestone(sme_admin, agreement, "1000")
    with pytest.raises(InvalidInput) as refusal:
        services.sign_agreement(act(sme_admin), agreement, TODAY + timedelta(days=1))
    assert refusal.value.field == "signed_on"
    assert reload(agreement).customer_signed_at is None


def test_signing_date_before_the_agreement_was_opened_is_refused(now, agreement, sme_admin):
    milestone(sme_admin, agreement, "1000")
    with pytest.raises(InvalidInput) as refusal:
        services.sign_agreement(act(sme_admin), agreement, TODAY - timedelta(days=5))
    assert refusal.value.field == "signed_on"


def test_editing_terms_or_milestones_clears_the_signatures(
    now, agreement, sme_admin, provider_admin
):
    milestone(sme_admin, agreement, "30000")
    services.sign_agreement(act(sme_admin), agreement, TODAY)
    terms(provider_admin, agreement, "85000")
    cleared = reload(agreement)
    assert cleared.customer_signed_at is None and cleared.customer_signed_by is None
    services.sign_agreement(act(provider_admin), agreement, TODAY)
    milestone(sme_admin, agreement, "1000", deliverable="补充测试")
    assert reload(agreement).provider_signed_at is None
    services.sign_agreement(act(provider_admin), agreement, TODAY)
    assert reload(agreement).status == Agreement.Status.DRAFT


@pytest.mark.parametrize("who", ["sme_member", "technician", "outsider"])
def test_without_the_contract_permission_nobody_signs(now, agreement, sme_admin, request, who):
    milestone(sme_admin, agreement, "1000")
    with pytest.raises(NotAllowed):
        services.sign_agreement(act(request.getfixturevalue(who)), agreement, TODAY)
    fresh = reload(agreement)
    assert fresh.customer_signed_at is None and fresh.provider_signed_at is None


def test_terms_are_frozen_once_in_force(now, active, provider_admin, sme_admin):
    with pytest.raises(InvalidState):
        terms(provider_admin, active, "100000")
    with pytest.raises(InvalidState):
        milestone(sme_admin, active, "0")
    with pytest.raises(InvalidState):
        services.remove_milestone(act(sme_admin), active.milestones.first())
    assert active.milestones.count() == 2


# Delivery and acceptance ------------------------------------------------------------------


def test_delivery_only_once_the_agreement_is_in_force(now, agreement, sme_admin, technician):
    step = milestone(sme_admin, agreement, "1000")
    with pytest.raises(InvalidState):
        services.deliver_milestone(act(technician), step)
    assert reload(step).delivered_at is None


def test_technician_delivers_and_the_firms_admin_accepts(now, active, technician, sme_admin):
    step = active.milestones.first()
    with pytest.raises(InvalidState):
        services.accept_milestone(act(sme_admin), step)
    services.deliver_milestone(act(technician), step)
    assert (reload(step).delivered_by, reload(step).delivered_at) == (technician, NOW)
    with pytest.raises(Conflict):
        services.deliver_milestone(act(technician), step)
    services.accept_milestone(act(sme_admin), step)
    assert reload(step).accepted_by == sme_admin
    with pytest.raises(Conflict):
        services.accept_milestone(act(sme_admin), step)


def test_wrong_people_neither_deliver_nor_accept(
    now, active, provider_member, sme_member, technician, outsider
):
    step = active.milestones.first()
    for user in (provider_member, sme_member, outsider):
        with pytest.raises(NotAllowed):
            services.deliver_milestone(act(user), step)
    services.deliver_milestone(act(technician), step)
    for user in (sme_member, technician, outsider):
        with pytest.raises(NotAllowed):
            services.accept_milestone(act(user), step)
    assert reload(step).accepted_at is None


def test_returned_milestone_is_no_longer_delivered(now, active, technician, sme_admin):
    step = active.milestones.first()
    with pytest.raises(InvalidState):
        services.return_milestone(act(sme_admin), step, "缺少原始数据")
    services.deliver_milestone(act(technician), step)
    services.return_milestone(act(sme_admin), step, "缺少原始数据")
    step = reload(step)
    assert step.delivered_at is None and step.delivered_by is None
    with pytest.raises(InvalidState):
        services.accept_milestone(act(sme_admin), step)
    services.deliver_milestone(act(technician), step)
    services.accept_milestone(act(sme_admin), step)
    assert reload(step).accepted_at is not None


def test_timeline_marks_a_milestone_overdue_after_its_due_date(now, active, technician, sme_admin):
    first, second = active.milestones.order_by("due_on")
    now(NOW + timedelta(days=30))
    assert queries.timeline(active).overdue == 0
    services.deliver_milestone(act(technician), first)
    now(NOW + timedelta(days=31))
    line = queries.timeline(active)
    assert [m.overdue for m in line.milestones] == [True, False]
    assert line.overdue == 1 and line.allocated == Decimal("90000.00")
    services.accept_milestone(act(sme_admin), first)
    now(NOW + timedelta(days=91))
    assert [m.overdue for m in queries.timeline(active).milestones] == [False, True]


def test_complete_waits_for_every_milestone(now, active, technician, sme_admin):
    first, second = active.milestones.all()
    for step in (first, second):
        services.deliver_milestone(act(technician), step)
    services.accept_milestone(act(sme_admin), first)
    with pytest.raises(InvalidState) as refusal:
        services.complete_agreement(act(sme_admin), active)
    assert refusal.value.code == "milestones_open"
    services.accept_milestone(act(sme_admin), second)
    done = services.complete_agreement(act(sme_admin), active)
    assert done.status == Agreement.Status.COMPLETED and done.closed_at == NOW


def test_draft_agreement_is_not_completed(now, agreement, sme_admin):
    with pytest.raises(InvalidState):
        services.complete_agreement(act(sme_admin), agreement)


def test_terminate_a_draft_with_a_reason(now, agreement, provider_admin):
    ended = services.terminate_agreement(act(provider_admin), agreement, "双方未就里程碑达成一致")
    ended = reload(ended)
    assert ended.status == Agreement.Status.TERMINATED
    assert ended.end_reason == "双方未就里程碑达成一致" and ended.closed_at == NOW


def test_terminate_an_agreement_in_force(now, active, sme_admin):
    ended = reload(services.terminate_agreement(act(sme_admin), active, "企业停产"))
    assert ended.status == Agreement.Status.TERMINATED and ended.signed_on == TODAY


@pytest.mark.parametrize("reason", ["", "   "])
def test_terminate_needs_a_reason(now, active, sme_admin, reason):
    with pytest.raises(InvalidInput) as refusal:
        services.terminate_agreement(act(sme_admin), active, reason)
    assert refusal.value.field == "reason"
    assert reload(active).status == Agreement.Status.ACTIVE


def test_technician_does_not_terminate(now, active, technician):
    with pytest.raises(NotAllowed):
        services.terminate_agreement(act(technician), active, "不做了")
    assert reload(active).status == Agreement.Status.ACTIVE


def test_completed_agreement_is_not_terminated(now, active, sme_admin, technician):
    for step in active.milestones.all():
        services.deliver_milestone(act(technician), step)
        services.accept_milestone(act(sme_admin), step)
    services.complete_agreement(act(sme_admin), active)
    with pytest.raises(InvalidState):
        services.terminate_agreement(act(sme_admin), active, "太晚了")
    assert reload(active).status == Agreement.Status.COMPLETED


# Registration -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["", "1234", "2026-21/0200", "二〇二六年第一号合同", "A" * 31])
def test_bad_registration_number_is_refused(now, active, sme_admin, number):
    with pytest.raises(InvalidInput) as refusal:
        services.register_contract(act(sme_admin), active, number, TODAY)
    assert refusal.value.field == "registration_number"
    assert reload(active).registration_number == ""


def test_registration_number_is_written_as_issued(now, active, provider_admin):
    done = services.register_contract(act(provider_admin), active, " 2026 2102 0000 01ab ", TODAY)
    assert reload(done).registration_number == "20262102000001AB"


def test_registration_before_signing_or_in_the_future_is_refused(now, active, sme_admin):
    for day in (TODAY - timedelta(days=1), TODAY + timedelta(days=1), None):
        with pytest.raises(InvalidInput) as refusal:
            services.register_contract(act(sme_admin), active, "2026210200000123", day)
        assert refusal.value.field == "registered_on"
    assert reload(active).registered_on is None


def test_draft_agreement_is_not_registered(now, agreement, sme_admin):
    with pytest.raises(InvalidState):
        services.register_contract(act(sme_admin), agreement, "2026210200000123", TODAY)


def test_one_registration_number_for_one_agreement(
    now, active, sme_member, sme_admin, other_provider_admin
):
    need = post(sme_member, title="焊缝无损检测方法开发")
    second = services.accept_proposal(act(sme_admin), propose(other_provider_admin, need))
    milestone(sme_admin, second, "1000")
    sign(second, sme_admin, other_provider_admin)
    services.register_contract(act(sme_admin), active, "2026210200000123", TODAY)
    with pytest.raises(Conflict) as refusal:
        services.register_contract(act(sme_admin), second, "2026 2102 0000 0123", TODAY)
    assert refusal.value.field == "registration_number"
    assert reload(second).registration_number == ""
