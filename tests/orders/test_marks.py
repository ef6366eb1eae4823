"""The CMA/CNAS mark: on a report only when every item lies inside a scope line of a certificate
of that kind, by the same method, valid on the report date; the other items are named."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from labshare.catalog import testing
from labshare.catalog.accreditation import decide_marks, same_method
from labshare.core.actors import system_actor
from labshare.orders import services
from labshare.orders.models import ServiceOrder, TestReport
from tests.factories import act
from tests.orders.conftest import walk

S = ServiceOrder.Status
ON = date(2026, 3, 2)


def certificate(org, kind="cma", number="210099999999", until=date(2029, 12, 31), **fields):
    return testing.add_accreditation(
        system_actor(),
        org,
        kind=kind,
        number=number,
        issuer=fields.pop("issuer", "中国合格评定国家认可委员会"),
        valid_from=fields.pop("valid_from", date(2024, 1, 1)),
        valid_until=until,
    )


def items(*services):
    return [(s.pk, s.name, s.method_code) for s in services]


def test_an_item_in_scope_carries_the_mark(provider_org, tensile, cma):
    decision = decide_marks(provider_org.pk, items(tensile), ON)
    assert decision.marks == [{"kind": "cma", "number": "210012345678"}]
    assert decision.unaccredited == []


def test_an_item_out_of_scope_carries_no_mark_and_is_named(provider_org, hardness, cma):
    decision = decide_marks(provider_org.pk, items(hardness), ON)
    assert decision.marks == []
    assert decision.unaccredited == [hardness.name]


def test_one_item_out_of_scope_takes_the_mark_off_the_whole_report(
    provider_org, tensile, hardness, cma
):
    decision = decide_marks(provider_org.pk, items(tensile, hardness), ON)
    assert decision.marks == []
    assert decision.unaccredited == [hardness.name]


@pytest.mark.parametrize(
    ("valid_from", "until", "marked"),
    [
        (date(2024, 1, 1), date(2026, 3, 2), True),  # its last day
        (date(2024, 1, 1), date(2026, 3, 1), False),  # expired the day before
        (date(2026, 3, 2), date(2029, 1, 1), True),  # its first day
        (date(2026, 3, 3), date(2029, 1, 1), False),  # not yet valid
    ],
)
def test_a_certificate_counts_only_on_the_days_it_is_valid(
    valid_from, until, marked, provider_org, tensile
):
    line = certificate(provider_org, valid_from=valid_from, until=until)
    testing.set_scope_line(system_actor(), line, tensile)
    decision = decide_marks(provider_org.pk, items(tensile), ON)
    assert decision.kinds == (["cma"] if marked else [])
    assert decision.unaccredited == ([] if marked else [tensile.name])


def test_a_scope_line_by_another_method_does_not_cover_the_item(provider_org, tensile):
    accreditation = certificate(provider_org)
    testing.set_scope_line(system_actor(), accreditation, tensile, "GB/T 228.1-2010")
    decision = decide_marks(provider_org.pk, items(tensile), ON)
    assert decision.marks == []
    assert decision.unaccredited == [tensile.name]


@pytest.mark.parametrize("written", ["gb/t 228.1-2021", "GB/T228.1—2021", " GB/T 228.1－2021 "])
def test_a_method_written_another_way_is_the_same_method(written, provider_org, tensile):
    assert same_method(written, "GB/T 228.1-2021")
    accreditation = certificate(provider_org)
    testing.set_scope_line(system_actor(), accreditation, tensile, written)
    assert decide_marks(provider_org.pk, items(tensile), ON).kinds == ["cma"]


def test_both_marks_when_both_certificates_cover_every_item(provider_org, tensile, hardness, cma):
    testing.set_scope_line(system_actor(), cma, hardness)
    cnas = certificate(provider_org, kind="cnas", number="CNAS L12345")
    testing.set_scope_line(system_actor(), cnas, tensile)
    testing.set_scope_line(system_actor(), cnas, hardness)
    decision = decide_marks(provider_org.pk, items(tensile, hardness), ON)
    assert decision.marks == [
        {"kind": "cma", "number": "210012345678"},
        {"kind": "cnas", "number": "CNAS L12345"},
    ]
    assert decision.unaccredited == []


def test_a_kind_that_covers_only_some_items_gives_no_mark_of_that_kind(
    provider_org, tensile, hardness, cma
):
    testing.set_scope_line(system_actor(), cma, hardness)
    cnas = certificate(provider_org, kind="cnas", number="CNAS L12345")
    testing.set_scope_line(system_actor(), cnas, tensile)
    decision = decide_marks(provider_org.pk, items(tensile, hardness), ON)
    assert decision.kinds == ["cma"]
    assert decision.unaccredited == []


def test_another_providers_certificate_does_not_count(
    provider_org, other_provider_org, tensile, cma
):
    assert decide_marks(other_provider_org.pk, items(tensile), ON).marks == []


def test_no_items_no_mark(provider_org, cma):
    decision = decide_marks(provider_org.pk, [], ON)
    assert (decision.marks, decision.unaccredited) == ([], [])


# Through approval


def test_an_accredited_order_gets_the_mark_on_its_report(sme_member, lab, tensile, cma, now):
    order = walk(sme_member, lab, [tensile], S.REPORTED)
    report = TestReport.objects.get(order=order)
    assert report.marks == [{"kind": "cma", "number": "210012345678"}]
    assert report.unaccredited_items == []


def test_a_mixed_order_gets_no_mark_and_names_the_unaccredited_item(
    sme_member, lab, tensile, hardness, cma, now
):
    order = walk(sme_member, lab, [tensile, hardness], S.REPORTED)
    report = TestReport.objects.get(order=order)
    assert report.marks == []
    assert report.unaccredited_items == [hardness.name]


def test_an_expiring_certificate_stops_its_mark_on_the_report_date_by_itself(
    sme_member, lab, tensile, provider_org, now
):
    accreditation = certificate(provider_org, until=date(2026, 3, 10))
    testing.set_scope_line(system_actor(), accreditation, tensile)
    order = walk(sme_member, lab, [tensile], "checked")
    now(timezone.make_aware(datetime(2026, 3, 10, 23, 30)))  # its last day, in Shanghai
    first = services.approve_report(act(lab["approve"]), order)
    assert first.marks == [{"kind": "cma", "number": "210099999999"}]

    now(timezone.make_aware(datetime(2026, 3, 11, 0, 30)))  # the next day (16:30 UTC before)
    services.start_correction(act(lab["check"]), order, "样品标记更正")
    services.check_results(act(lab["check"]), order)
    corrected = services.approve_report(act(lab["approve"]), order)
    assert corrected.report_date == date(2026, 3, 11)
    assert corrected.marks == []
    assert corrected.unaccredited_items == [tensile.name]


def test_a_scope_by_another_method_gives_the_report_no_mark(
    sme_member, lab, tensile, provider_org, now
):
    accreditation = certificate(provider_org)
    testing.set_scope_line(system_actor(), accreditation, tensile, "GB/T 228.1-2010")
    order = walk(sme_member, lab, [tensile], S.REPORTED)
    report = TestReport.objects.get(order=order)
    assert report.marks == []
    assert report.unaccredited_items == [tensile.name]


def test_the_order_keeps_the_method_it_was_placed_under(
    sme_member, lab, tensile, provider_org, cma, now
):
    """The item moves to a new edition of the standard after the order: the order was tested by
    the old one, which the (updated) scope no longer covers."""
    order = walk(sme_member, lab, [tensile], "checked")
    testing.update_test_service(system_actor(), tensile, method_code="GB/T 228.1-2030")
    testing.set_scope_line(system_actor(), cma, tensile, "GB/T 228.1-2030")
    report = services.approve_report(act(lab["approve"]), order)
    assert report.marks == []
    assert report.unaccredited_items == [tensile.name]
