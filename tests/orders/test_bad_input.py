"""Bad input to the order services: refused with InvalidInput naming the field, nothing written."""

from datetime import timedelta
from decimal import Decimal

import pytest

from labshare.catalog import testing
from labshare.core import clock
from labshare.core.actors import system_actor
from labshare.core.errors import InvalidInput
from labshare.orders import services
from labshare.orders.models import QuoteLine, Result, ServiceOrder
from tests.factories import act
from tests.orders.conftest import ORDER_FIELDS, enter_all, make_test_service, state_of, walk

S = ServiceOrder.Status


# Drafting


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sample_count": 0}, "sample_count"),
        ({"sample_count": 201}, "sample_count"),
        ({"sample_count": "2"}, "sample_count"),
        ({"sample_count": None}, "sample_count"),
        ({"sample_count": True}, "sample_count"),
        ({"contact_name": ""}, "contact_name"),
        ({"contact_phone": ""}, "contact_phone"),
        ({"sample_description": ""}, "sample_description"),
        ({"sample_description": "样" * 1001}, "sample_description"),
        ({"urgency": "asap"}, "urgency"),
        ({"remains": "keep"}, "remains"),
        ({"note": "备注" * 251}, "note"),
    ],
)
def test_a_draft_with_a_bad_field_is_refused_on_that_field(
    fields, field, sme_member, sme_org, tensile, now
):
    with pytest.raises(InvalidInput) as refusal:
        services.draft_order(act(sme_member), sme_org, [tensile], **(ORDER_FIELDS | fields))
    assert refusal.value.field == field
    assert not ServiceOrder.objects.exists()


def test_a_draft_needs_a_test_item(sme_member, sme_org, now):
    with pytest.raises(InvalidInput) as refusal:
        services.draft_order(act(sme_member), sme_org, [], **ORDER_FIELDS)
    assert refusal.value.field == "test_services"
    assert not ServiceOrder.objects.exists()


def test_one_order_goes_to_one_provider(sme_member, sme_org, tensile, other_provider_org, now):
    foreign = make_test_service(other_provider_org, "外单位拉伸试验", code="OT-1")
    with pytest.raises(InvalidInput) as refusal:
        services.draft_order(act(sme_member), sme_org, [tensile, foreign], **ORDER_FIELDS)
    assert refusal.value.field == "test_services"
    assert not ServiceOrder.objects.exists()


def test_an_item_no_longer_offered_cannot_be_ordered(sme_member, sme_org, tensile, now):
    testing.withdraw_test_service(system_actor(), tensile)
    with pytest.raises(InvalidInput) as refusal:
        services.draft_order(act(sme_member), sme_org, [tensile], **ORDER_FIELDS)
    assert refusal.value.field == "test_services"
    assert not ServiceOrder.objects.exists()


def test_a_provider_does_not_order_its_own_tests(provider_admin, provider_org, tensile, now):
    with pytest.raises(InvalidInput) as refusal:
        services.draft_order(act(provider_admin), provider_org, [tensile], **ORDER_FIELDS)
    assert refusal.value.field == "test_services"
    assert not ServiceOrder.objects.exists()


def test_a_draft_whose_item_was_withdrawn_cannot_be_submitted(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.DRAFT)
    testing.withdraw_test_service(system_actor(), tensile)
    before = state_of(order)
    with pytest.raises(InvalidInput) as refusal:
        services.submit_order(act(sme_member), order)
    assert refusal.value.field == "test_services"
    assert state_of(order) == before


# Quoting


def _quote(order, lab, lines, expected=None):
    expected = clock.today() + timedelta(days=7) if expected is None else expected
    return services.quote_order(act(lab["check"]), order, lines, expected)


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([], id="no-line"),
        pytest.param([("拉伸", 2, None)], id="no-price"),
        pytest.param([("拉伸", 2, "")], id="empty-price"),
        pytest.param([("拉伸", 2, "一百八")], id="price-not-a-number"),
        pytest.param([("拉伸", 2, "NaN")], id="price-nan"),
        pytest.param([("拉伸", 2, "1e99")], id="price-astronomic"),
        pytest.param([("拉伸", 2, Decimal("100000000"))], id="price-too-many-digits"),
        pytest.param([("拉伸", 2, "-1")], id="negative-price"),
        pytest.param([("拉伸", 0, "180")], id="zero-quantity"),
        pytest.param([("拉伸", "2", "180")], id="quantity-text"),
        pytest.param([("拉伸", 1.5, "180")], id="quantity-fraction"),
        pytest.param([("  ", 2, "180")], id="no-description"),
        pytest.param([("拉伸", 2, "180"), ("", 1, "50")], id="second-line-bad"),
        pytest.param([("拉伸", 1, "1")] * 21, id="too-many-lines"),
    ],
)
def test_a_bad_quote_line_is_refused(lines, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    before = state_of(order)
    with pytest.raises(InvalidInput) as refusal:
        _quote(order, lab, lines)
    assert refusal.value.field == "lines"
    assert state_of(order) == before


@pytest.mark.parametrize("days", [-1, None])
def test_the_expected_date_is_not_in_the_past(days, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    before = state_of(order)
    expected = None if days is None else clock.today() + timedelta(days=days)
    with pytest.raises(InvalidInput) as refusal:
        services.quote_order(act(lab["check"]), order, [("拉伸", 2, "180")], expected)
    assert refusal.value.field == "expected_date"
    assert state_of(order) == before


def test_a_quote_rounds_half_up_to_the_cent_and_sums_the_lines(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    order = _quote(order, lab, [("拉伸", 3, "33.335"), ("制样", 1, 20)], clock.today())
    lines = list(QuoteLine.objects.filter(order=order).values_list("unit_price", "amount"))
    assert lines == [(Decimal("33.34"), Decimal("100.02")), (Decimal("20.00"), Decimal("20.00"))]
    assert ServiceOrder.objects.get(pk=order.pk).quote_total == Decimal("120.02")


@pytest.mark.parametrize(
    ("step", "call"),
    [
        (S.SUBMITTED, lambda c, lab, o: services.reject_order(act(lab["check"]), o, "  ")),
        (S.QUOTED, lambda c, lab, o: services.decline_quote(act(c), o, "")),
        (S.ACCEPTED, lambda c, lab, o: services.cancel_order(act(c), o, None)),
        (S.REPORTED, lambda c, lab, o: services.start_correction(act(lab["check"]), o, " ")),
    ],
    ids=["reject", "decline", "cancel", "correct"],
)
def test_a_refusal_or_a_correction_needs_a_reason(step, call, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], step)
    before = state_of(order)
    with pytest.raises(InvalidInput) as refusal:
        call(sme_member, lab, order)
    assert refusal.value.field == "reason"
    assert state_of(order) == before


# Samples


@pytest.mark.parametrize(
    "samples",
    [
        pytest.param([("A1", "完好")], id="one-of-two"),
        pytest.param([("A1", "完好")] * 3, id="three-of-two"),
        pytest.param([("A1", "完好"), ("A2", " ")], id="no-condition"),
        pytest.param([("", "完好"), ("A2", "完好")], id="no-description"),
    ],
)
def test_each_ordered_sample_is_recorded_with_its_condition(samples, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.ACCEPTED)
    before = state_of(order)
    with pytest.raises(InvalidInput) as refusal:
        services.receive_samples(act(lab["check"]), order, samples)
    assert refusal.value.field == "samples"
    assert state_of(order) == before  # no sample number was used up either


# Results


@pytest.fixture
def testing_order(sme_member, lab, tensile, now):
    return walk(sme_member, lab, [tensile], S.TESTING)


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({"value": " "}, "value"),
        ({"unit": ""}, "unit"),  # the item reports in MPa
        ({"spec": "≥ 370", "verdict": ""}, "verdict"),
        ({"spec": "≥ 370", "verdict": "maybe"}, "verdict"),
        ({"spec": "", "verdict": "pass"}, "spec"),
    ],
)
def test_a_bad_result_is_refused_on_its_field(entry, field, testing_order, lab):
    order = testing_order
    sample, item = order.samples.first(), order.items.first()
    values = {"value": "452", "unit": "MPa", "spec": "", "verdict": ""} | entry
    before = state_of(order)
    with pytest.raises(InvalidInput) as refusal:
        services.enter_result(act(lab["enter"]), order, sample, item, **values)
    assert refusal.value.field == field
    assert state_of(order) == before


def test_an_item_without_a_unit_takes_a_result_without_one(sme_member, lab, provider_org, now):
    looks = make_test_service(provider_org, "外观检查", code="TS-VIS", result_unit="")
    order = walk(sme_member, lab, [looks], S.TESTING)
    result = services.enter_result(
        act(lab["enter"]), order, order.samples.first(), order.items.first(), value="无裂纹"
    )
    assert (result.value, result.unit) == ("无裂纹", "")


def test_a_sample_of_another_order_is_refused(testing_order, sme_member, lab, tensile):
    other = walk(sme_member, lab, [tensile], S.TESTING)
    before = state_of(testing_order)
    with pytest.raises(InvalidInput):
        services.enter_result(
            act(lab["enter"]),
            testing_order,
            other.samples.first(),
            testing_order.items.first(),
            value="452",
            unit="MPa",
        )
    assert state_of(testing_order) == before
    assert not Result.objects.exists()


def test_the_results_grid_is_written_whole_or_not_at_all(testing_order, lab):
    order = testing_order
    first, second = order.samples.all()
    item = order.items.select_related("test_service").get()
    entries = [
        {"sample": first, "item": item, "value": "452", "unit": "MPa"},
        {"sample": second, "item": item, "value": "448", "unit": ""},
    ]
    before = state_of(order)
    with pytest.raises(InvalidInput) as refusal:
        services.enter_results(act(lab["enter"]), order, entries)
    assert refusal.value.field == "unit"
    assert second.number in str(refusal.value) and item.test_service.name in str(refusal.value)
    assert state_of(order) == before


def test_an_empty_results_grid_is_refused(testing_order, lab):
    order = testing_order
    entries = [{"sample": s, "item": order.items.get(), "value": " "} for s in order.samples.all()]
    with pytest.raises(InvalidInput) as refusal:
        services.enter_results(act(lab["enter"]), order, entries)
    assert refusal.value.field == "value"
    assert not Result.objects.exists()


def test_a_result_is_sent_back_only_with_a_reason(testing_order, lab):
    enter_all(testing_order, lab["enter"])
    result = Result.objects.filter(item__order=testing_order).first()
    before = state_of(testing_order)
    with pytest.raises(InvalidInput) as refusal:
        services.return_result(act(lab["check"]), result, "")
    assert refusal.value.field == "reason"
    assert state_of(testing_order) == before
