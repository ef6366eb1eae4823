"""The lab's worklist puts each order testing in the queue of the step it waits for."""

from labshare.orders import queries, services
from labshare.orders.models import Result, ServiceOrder
from tests.factories import act
from tests.orders.conftest import walk


def queues(user, org) -> dict[str, set[int]]:
    work = queries.worklist(org, user)
    return {name: {o.pk for o in work[name]} for name in ("to_enter", "to_check", "to_approve")}


def test_each_order_waits_in_the_queue_of_its_next_step(sme_member, lab, tensile, provider_org):
    fresh = walk(sme_member, lab, [tensile], ServiceOrder.Status.TESTING)
    entered = walk(sme_member, lab, [tensile], "entered")
    checked = walk(sme_member, lab, [tensile], "checked")
    sent_back = walk(sme_member, lab, [tensile], "entered")
    result = Result.objects.filter(item__order=sent_back).first()
    services.return_result(act(lab["check"]), result, "数据有误")
    signer = queues(lab["approve"], provider_org)
    assert signer["to_enter"] == {fresh.pk, sent_back.pk}
    assert signer["to_check"] == {entered.pk, sent_back.pk}
    assert signer["to_approve"] == {checked.pk}
    assert queues(lab["enter"], provider_org)["to_approve"] == set()  # not a signatory
    counts = queries.worklist(provider_org, lab["approve"])
    assert (counts["to_enter_count"], counts["to_check_count"], counts["to_approve_count"]) == (
        2,
        2,
        1,
    )


def test_a_partly_entered_order_waits_for_the_rest(sme_member, lab, tensile, provider_org):
    order = walk(sme_member, lab, [tensile], ServiceOrder.Status.TESTING)
    sample, item = order.samples.first(), order.items.first()
    services.enter_result(act(lab["enter"]), order, sample, item, value="450", unit="MPa")
    work = queues(lab["approve"], provider_org)
    assert order.pk in work["to_enter"] and order.pk in work["to_check"]
    services.check_results(act(lab["check"]), order)
    assert order.pk not in queues(lab["approve"], provider_org)["to_approve"]
