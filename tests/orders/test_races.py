"""Threads with their own database connections race through the order services.

Runs on SQLite (BEGIN IMMEDIATE serialises writers) and on PostgreSQL (row locks on the order and
on the counter): report and sample numbers stay unique and gapless, one order gets one report.
"""

import pytest

from labshare.accounts.models import Membership
from labshare.core.models import Counter
from labshare.orders import services
from labshare.orders.models import Sample, ServiceOrder, TestReport
from labshare.orders.services import reports
from tests.factories import act, make_member
from tests.orders.conftest import walk
from tests.threads import race

S = ServiceOrder.Status
REPORTS = 16


def approving(user, order):
    return lambda: services.approve_report(act(user), order)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reports_issued_at_once_are_numbered_without_gap(sme_member, lab, tensile, now):
    orders = [walk(sme_member, lab, [tensile], "checked", sample_count=1) for _ in range(REPORTS)]
    outcomes = race([approving(lab["approve"], order) for order in orders])
    assert outcomes == ["won"] * REPORTS
    numbers = sorted(TestReport.objects.values_list("number", flat=True))
    assert numbers == [f"TSTU-2026-{n:04d}" for n in range(1, REPORTS + 1)]
    assert set(TestReport.objects.values_list("order", flat=True)) == {o.pk for o in orders}
    assert Counter.objects.get(key=f"report:{orders[0].provider_id}:2026").value == REPORTS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_builds_that_fail_during_the_race_give_their_numbers_back(
    sme_member, lab, tensile, monkeypatch, now
):
    working = reports.build_report_pdf

    def sometimes(content):
        if "损坏" in content.sample_summary:
            raise RuntimeError("reportlab fell over")
        return working(content)

    monkeypatch.setattr(reports, "build_report_pdf", sometimes)
    orders = [
        walk(
            sme_member, lab, [tensile], "checked", sample_count=1,
            sample_description="损坏的试样" if n % 3 == 0 else "完好的试样",
        )
        for n in range(12)
    ]  # fmt: skip
    outcomes = race([approving(lab["approve"], order) for order in orders])
    assert sorted(outcomes) == sorted(
        ["won"] * 8 + ["error: RuntimeError('reportlab fell over')"] * 4
    )
    numbers = sorted(TestReport.objects.values_list("number", flat=True))
    assert numbers == [f"TSTU-2026-{n:04d}" for n in range(1, 9)]
    assert ServiceOrder.objects.filter(status=S.TESTING).count() == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_signatories_approving_one_order_at_once_issue_one_report(
    sme_member, lab, tensile, hardness, provider_org, provider_admin, now
):
    second = make_member(provider_org, "signer2", "staff")
    membership = Membership.objects.get(user=second, organization=provider_org)
    services.appoint_signatory(act(provider_admin), membership, [tensile, hardness])
    order = walk(sme_member, lab, [tensile], "checked")
    outcomes = race([approving(lab["approve"], order), approving(second, order)])
    assert sorted(outcomes) == ["invalid_state", "won"]
    report = TestReport.objects.get(order=order)
    assert report.number == "TSTU-2026-0001"
    assert ServiceOrder.objects.get(pk=order.pk).status == S.REPORTED
    assert Counter.objects.get(key=f"report:{order.provider_id}:2026").value == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_samples_received_at_once_get_unique_gapless_numbers(
    sme_member, lab, tensile, technician, now
):
    orders = [walk(sme_member, lab, [tensile], S.ACCEPTED) for _ in range(8)]
    staff = [lab["check"], technician]

    def receiving(n, order):
        samples = [(f"试样 {n}-{k}", "完好") for k in (1, 2)]
        return lambda: services.receive_samples(act(staff[n % 2]), order, samples)

    outcomes = race([receiving(n, order) for n, order in enumerate(orders)])
    assert outcomes == ["won"] * 8
    numbers = sorted(Sample.objects.values_list("number", flat=True))
    assert numbers == [f"TSTU-260302-{n:03d}" for n in range(1, 17)]
    for order in orders:  # each order's own two samples
        assert Sample.objects.filter(order=order).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_order_received_twice_at_once_is_received_once(
    sme_member, lab, technician, tensile, now
):
    order = walk(sme_member, lab, [tensile], S.ACCEPTED)
    samples = [("A1", "完好"), ("A2", "完好")]
    outcomes = race(
        [
            lambda: services.receive_samples(act(lab["check"]), order, samples),
            lambda: services.receive_samples(act(technician), order, samples),
        ]
    )
    assert sorted(outcomes) == ["invalid_state", "won"]
    assert sorted(Sample.objects.values_list("number", flat=True)) == [
        "TSTU-260302-001",
        "TSTU-260302-002",
    ]
