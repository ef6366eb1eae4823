"""Insights fixtures: the billing tests' priced instrument, verified SME and frozen clock, and the
hand-built March 2026 of test_definitions.py (its docstring has the figures)."""

import pytest

from labshare.booking import services as booking
from labshare.orders import services as orders
from tests.billing import conftest as billing_fixtures
from tests.billing.conftest import use
from tests.booking.conftest import at
from tests.factories import act
from tests.orders.conftest import add_cma, enter_all, make_signer, make_test_service, walk

now = billing_fixtures.now
instrument = billing_fixtures.instrument
priced = billing_fixtures.priced
verified_sme = billing_fixtures.verified_sme


@pytest.fixture
def march(priced, verified_sme, sme_member, technician, provider_admin, provider_org, now):
    sme = verified_sme
    use(priced, sme_member, sme, technician, now, day=3)
    use(priced, sme_member, sme, technician, now, day=4, hours=3, used_minutes=90)
    corrected = booking.request_reservation(act(sme_member), priced, sme, at(6, 9), at(6, 11))
    booking.approve_reservation(act(technician), corrected)
    now(at(6, 9))
    booking.check_in(act(technician), corrected)
    now(at(6, 11))
    booking.check_out(act(technician), corrected, effective_minutes=60, reason="开机预热不计")
    cancelled = booking.request_reservation(act(sme_member), priced, sme, at(9, 9), at(9, 10))
    booking.cancel_reservation(act(sme_member), cancelled, "计划改变")
    missed = booking.request_reservation(act(sme_member), priced, sme, at(10, 9), at(10, 10))
    booking.approve_reservation(act(technician), missed)
    booking.add_blackout(act(provider_admin), priced, at(13, 9), at(13, 12), "检修")
    booking.add_extra_opening(act(provider_admin), priced, at(14, 9), at(14, 12))
    now(at(10, 10, 30))
    booking.mark_no_show(act(technician), missed)
    now(at(2, 9, month=4))
    for start, end, org in (
        (at(5, 14), at(5, 16), provider_org),
        (at(31, 22), at(1, 2, month=4), sme),
    ):
        booking.record_usage(
            act(technician),
            priced,
            start=start,
            end=end,
            operator=technician,
            user_organization=org,
        )
    return priced


@pytest.fixture
def reported(provider_org, provider_admin, technician, sme_member, now):
    """An order of 2 samples received on 2 March 09:00 and first reported on 5 March 21:00, then
    corrected in April (a second report): one order, 3.5 days."""
    tensile = make_test_service(provider_org)
    add_cma(provider_org, tensile)
    signer = make_signer(provider_org, provider_admin, [tensile])
    lab = {"enter": technician, "check": provider_admin, "approve": signer}
    now(at(2, 9))
    order = walk(sme_member, lab, [tensile], "checked", sample_count=2)
    now(at(5, 21))
    orders.approve_report(act(signer), order)
    orders.complete_order(act(sme_member), order)
    orders.review_order(act(sme_member), order, 5, "good", "很专业")
    now(at(3, 10, month=4))
    orders.start_correction(act(technician), order, "单位写错")
    enter_all(order, technician)
    orders.check_results(act(provider_admin), order)
    orders.approve_report(act(signer), order)
    return order
