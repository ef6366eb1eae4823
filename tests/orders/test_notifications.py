"""Each step of an order tells the side that must act next, and only them: the provider's staff
when the client acted, the client when the lab did, the signatories when results are checked,
the person who entered a result that was sent back."""

from datetime import timedelta

import pytest
from django.urls import reverse

from labshare.core import clock
from labshare.core.errors import NotAllowed
from labshare.core.models import Notification, OutgoingMail
from labshare.orders import services
from labshare.orders.models import Result, ServiceOrder
from tests.factories import act
from tests.orders.conftest import walk

S = ServiceOrder.Status
CLIENT = {"sme_member", "sme_admin"}  # who ordered, and the client's other people who order
PROVIDER = {"provider_admin", "technician", "signer"}  # the staff; provider_member is not


def _result(order):
    return Result.objects.filter(item__order=order).first()


STEPS = {
    "submit": (S.DRAFT, lambda o, c, lab: services.submit_order(act(c), o), PROVIDER),
    "quote": (
        S.SUBMITTED,
        lambda o, c, lab: services.quote_order(
            act(lab["check"]), o, [("拉伸", 2, "180")], clock.today() + timedelta(days=9)
        ),
        CLIENT,
    ),
    "reject": (
        S.SUBMITTED,
        lambda o, c, lab: services.reject_order(act(lab["check"]), o, "设备检修"),
        CLIENT,
    ),
    "accept": (S.QUOTED, lambda o, c, lab: services.accept_quote(act(c), o), PROVIDER),
    "decline": (
        S.QUOTED,
        lambda o, c, lab: services.decline_quote(act(c), o, "价格过高"),
        PROVIDER,
    ),
    "cancel": (
        S.ACCEPTED,
        lambda o, c, lab: services.cancel_order(act(c), o, "不再需要"),
        PROVIDER,
    ),
    "cancel_draft": (
        S.DRAFT,
        lambda o, c, lab: services.cancel_order(act(c), o, "不再需要"),
        set(),
    ),
    "receive": (
        S.ACCEPTED,
        lambda o, c, lab: services.receive_samples(
            act(lab["check"]), o, [("A1", "完好"), ("A2", "完好")]
        ),
        CLIENT | PROVIDER,
    ),
    "check": (
        "entered",
        lambda o, c, lab: services.check_results(act(lab["check"]), o),
        {"signer"},
    ),
    "return": (
        "entered",
        lambda o, c, lab: services.return_result(act(lab["check"]), _result(o), "读数有误"),
        {"technician"},
    ),
    "approve": (
        "checked",
        lambda o, c, lab: services.approve_report(act(lab["approve"]), o),
        CLIENT,
    ),
    "complete": (S.REPORTED, lambda o, c, lab: services.complete_order(act(c), o), CLIENT),
    "correct": (
        S.REPORTED,
        lambda o, c, lab: services.start_correction(act(lab["check"]), o, "单位录入有误"),
        CLIENT | {"provider_admin", "technician", "signer"},
    ),
    "review": (
        S.COMPLETED,
        lambda o, c, lab: services.review_order(act(c), o, 5, "good", "专业"),
        PROVIDER,
    ),
}


def new_notes(since: int):
    return list(Notification.objects.filter(pk__gt=since).select_related("user"))


def last_note() -> int:
    return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def everyone(sme_member, sme_admin, provider_member, outsider, lab):
    """Everybody who could be told, so that telling the wrong side shows."""


@pytest.mark.parametrize("step", STEPS)
def test_each_step_tells_the_side_that_acts_next(step, everyone, sme_member, lab, tensile, now):
    start, call, expected = STEPS[step]
    order = walk(sme_member, lab, [tensile], start)
    since = last_note()
    mails_before = OutgoingMail.objects.count()
    call(order, sme_member, lab)
    notes = new_notes(since)
    assert {note.user.username for note in notes} == expected
    assert len(notes) == len(expected)  # once each
    assert OutgoingMail.objects.count() - mails_before == len(expected)
    for note in notes:
        side = "order_detail" if note.user.username in CLIENT else "console_order"
        assert note.url == reverse(f"orders:{side}", args=[order.pk])
        assert order.number in note.title + note.body


def test_a_returned_result_tells_its_author_why(everyone, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], "entered")
    since = last_note()
    services.return_result(act(lab["check"]), _result(order), "读数有误")
    (note,) = new_notes(since)
    assert note.user == lab["enter"]
    assert "读数有误" in note.body


def test_a_rejection_tells_the_client_why(everyone, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    since = last_note()
    services.reject_order(act(lab["check"]), order, "设备检修至四月")
    assert all("设备检修至四月" in note.body for note in new_notes(since))


def test_a_corrected_report_tells_the_client_which_report_it_replaces(
    everyone, sme_member, lab, tensile, now
):
    order = walk(sme_member, lab, [tensile], S.REPORTED)
    services.start_correction(act(lab["check"]), order, "笔误")
    services.check_results(act(lab["check"]), order)
    since = last_note()
    services.approve_report(act(lab["approve"]), order)
    notes = new_notes(since)
    assert {note.user.username for note in notes} == CLIENT
    for note in notes:
        assert "TSTU-2026-0001" in note.title + note.body
        assert "TSTU-2026-0002" in note.title + note.body


def test_a_refused_step_tells_nobody(everyone, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], "entered")
    since = last_note()
    with pytest.raises(NotAllowed):
        services.check_results(act(lab["enter"]), order)
    assert new_notes(since) == []


def test_who_left_the_client_hears_no_more_of_its_orders(everyone, sme_member, lab, tensile, now):
    from labshare.accounts import services as account_services
    from labshare.accounts.models import Membership
    from labshare.core.actors import system_actor

    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    membership = Membership.objects.get(user=sme_member)
    account_services.remove_member(system_actor(), membership)
    since = last_note()
    services.reject_order(act(lab["check"]), order, "设备检修")
    assert {note.user.username for note in new_notes(since)} == {"sme_admin"}
