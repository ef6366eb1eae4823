from labshare.orders.models import ServiceOrder, TestReport
from tests.orders.conftest import walk


def test_an_order_walks_from_draft_to_completed(sme_member, lab, tensile, cma):
    order = walk(sme_member, lab, [tensile], ServiceOrder.Status.COMPLETED)
    assert order.status == ServiceOrder.Status.COMPLETED
    report = TestReport.objects.get(order=order)
    assert report.number == "TSTU-2026-0001"
    assert report.marks == [{"kind": "cma", "number": "210012345678"}]
    assert bytes(report.pdf).startswith(b"%PDF")
