"""The lab's work on an accepted order: receive and number the samples, book instrument time,
start testing, enter results (编制), check them (审核) or send them back."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labshare.booking.services import request_reservation
from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.core.access import ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput, InvalidState, NotAllowed
from labshare.core.sequences import next_value
from labshare.core.workdays import add_workdays
from labshare.orders import notifications
from labshare.orders.models import OrderBooking, OrderItem, Result, Sample, ServiceOrder
from labshare.orders.services.common import (
    ensure_provider,
    ensure_status,
    locked,
    move,
    provider_code,
)

S = ServiceOrder.Status


def sample_number(provider, day) -> str:
    """{provider code}-{yymmdd}-{seq}: the seq counts the provider's samples of that day."""
    stamp = day.strftime("%y%m%d")
    seq = next_value(f"sample:{provider.pk}:{stamp}")
    return f"{provider_code(provider)}-{stamp}-{seq:03d}"


@transaction.atomic
def receive_samples(actor: Actor, order: ServiceOrder, samples: list[tuple[str, str]]):
    """Record the samples as they arrived (description, condition), one per ordered sample;
    each gets its number, and the due date is counted in working days from today."""
    order = locked(order)
    ensure_provider(actor, order)
    ensure_person(actor, _("Samples are received by a person."))
    ensure_status(order, S.ACCEPTED)
    if len(samples) != order.sample_count:
        raise InvalidInput(
            _("The order is for %(count)d samples: record each one.")
            % {"count": order.sample_count},
            field="samples",
        )
    now = clock.now()
    today = timezone.localdate(now)
    rows = []
    for description, condition in samples:
        description, condition = (description or "").strip(), (condition or "").strip()
        if not description or not condition:
            raise InvalidInput(
                _("Describe every sample and its condition on receipt."), field="samples"
            )
        rows.append(
            Sample(
                order=order,
                number=sample_number(order.provider, today),
                description=description[:200],
                condition=condition[:200],
                received_at=now,
                received_by=actor.user,
            )
        )
    Sample.objects.bulk_create(rows)
    turnaround = max(item.test_service.turnaround_days for item in _items(order))
    order.due_date = add_workdays(today, turnaround)
    move(actor, order, S.SAMPLES_RECEIVED, ("due_date",), samples=[s.number for s in rows])
    notifications.received(order)
    return rows


def _items(order: ServiceOrder) -> list[OrderItem]:
    return list(order.items.select_related("test_service"))


@transaction.atomic
def start_testing(actor: Actor, order: ServiceOrder) -> ServiceOrder:
    order = locked(order)
    ensure_provider(actor, order, "orders.test")
    ensure_status(order, S.SAMPLES_RECEIVED)
    return move(actor, order, S.TESTING)


def book_test_time(
    actor: Actor, order: ServiceOrder, instrument: Instrument, start: datetime, end: datetime
) -> OrderBooking:
    """Reserve the provider's instrument for the order, through the booking service: the time
    shows on the calendar and can never overlap a customer's booking."""
    with transaction.atomic():
        order = locked(order)
        ensure_provider(actor, order, "orders.test")
        ensure_status(order, S.ACCEPTED, S.SAMPLES_RECEIVED, S.TESTING)
        if instrument.organization_id != order.provider_id:
            raise InvalidInput(_("Book one of the provider's own instruments."), field="instrument")
        reservation = request_reservation(
            actor,
            instrument,
            order.provider,
            start,
            end,
            _("Test order %(number)s") % {"number": order.number},
        )
        booking = OrderBooking.objects.create(order=order, reservation=reservation)
        record(actor, "order.time_booked", order, reservation=reservation.pk)
    return booking


def _check_result(item: OrderItem, value: str, unit: str, spec: str, verdict: str):
    value, unit, spec = (value or "").strip(), (unit or "").strip(), (spec or "").strip()
    if not value:
        raise InvalidInput(_("Enter the result."), field="value")
    if item.test_service.result_unit and not unit:
        raise InvalidInput(
            _("Give the unit (this item reports in %(unit)s).")
            % {"unit": item.test_service.result_unit},
            field="unit",
        )
    if spec and verdict not in (Result.Verdict.PASS, Result.Verdict.FAIL):
        raise InvalidInput(_("Against a specification, say pass or fail."), field="verdict")
    if not spec and verdict:
        raise InvalidInput(
            _("A pass or fail needs the limit or specification it is judged by."), field="spec"
        )
    return value[:60], unit[:20], spec[:60]


@transaction.atomic
def enter_result(
    actor: Actor,
    order: ServiceOrder,
    sample: Sample,
    item: OrderItem,
    *,
    value: str,
    unit: str = "",
    spec: str = "",
    verdict: str = "",
) -> Result:
    """Enter (or enter again) one sample's result for one item. A checked result is final
    until a correction reopens the order."""
    order = _open_for_results(actor, order)
    return _enter(actor, order, sample, item, value, unit, spec, verdict)


@transaction.atomic
def enter_results(actor: Actor, order: ServiceOrder, entries: list[dict]) -> list[Result]:
    """The results grid: every entry (sample, item, value, unit, spec, verdict) or none. Rows
    left without a value are skipped; a bad row names its sample and item."""
    order = _open_for_results(actor, order)
    written = []
    for entry in entries:
        if not (entry.get("value") or "").strip():
            continue
        try:
            written.append(
                _enter(
                    actor,
                    order,
                    entry["sample"],
                    entry["item"],
                    entry.get("value", ""),
                    entry.get("unit", ""),
                    entry.get("spec", ""),
                    entry.get("verdict", ""),
                )
            )
        except InvalidInput as error:
            where = _("%(sample)s · %(item)s: ") % {
                "sample": entry["sample"].number,
                "item": entry["item"].test_service.name,
            }
            raise InvalidInput(where + str(error.message), field=error.field) from error
    if not written:
        raise InvalidInput(_("Enter at least one result."), field="value")
    return written


def _open_for_results(actor: Actor, order: ServiceOrder) -> ServiceOrder:
    order = locked(order)
    ensure_provider(actor, order, "orders.test")
    ensure_person(actor, _("Results are entered by a person."))
    ensure_status(order, S.TESTING)
    return order


def _enter(actor, order, sample, item, value, unit, spec, verdict) -> Result:
    if sample.order_id != order.pk or item.order_id != order.pk:
        raise InvalidInput(_("The sample or the item belongs to another order."))
    value, unit, spec = _check_result(item, value, unit, spec, verdict)
    result = Result.objects.select_for_update().filter(sample=sample, item=item).first()
    if result is not None and result.state == Result.State.CHECKED:
        raise InvalidState(_("This result is checked already."), code="checked")
    result = result or Result(sample=sample, item=item)
    result.value, result.unit, result.spec, result.verdict = value, unit, spec, verdict
    result.method_code = item.method_code
    result.state = Result.State.ENTERED
    result.entered_by, result.entered_at = actor.user, clock.now()
    result.return_reason = ""
    result.save()
    record(actor, "result.entered", order, sample=sample.number, item=item.pk, value=value)
    return result


def _may_verify_own(result: Result) -> bool:
    return result.item.self_verification


@transaction.atomic
def check_results(actor: Actor, order: ServiceOrder) -> int:
    """Check the order's entered results (审核) that the actor did not enter (unless the item
    allows self-verification); the actor's own wait for somebody else. Returns how many."""
    order = locked(order)
    ensure_provider(actor, order, "orders.test")
    ensure_person(actor, _("Results are checked by a person."))
    ensure_status(order, S.TESTING)
    waiting = list(
        Result.objects.select_for_update(of=("self",))
        .select_related("item__test_service")
        .filter(item__order=order, state=Result.State.ENTERED)
    )
    if not waiting:
        raise InvalidState(_("No result is waiting to be checked."), code="nothing_to_check")
    mine = [r for r in waiting if r.entered_by_id == actor.user.pk and not _may_verify_own(r)]
    checkable = [r for r in waiting if r not in mine]
    if not checkable:
        raise NotAllowed(
            _("You entered these results: another person must check them."),
            code="same_person",
        )
    now = clock.now()
    for result in checkable:
        result.state, result.checked_by, result.checked_at = Result.State.CHECKED, actor.user, now
    Result.objects.bulk_update(checkable, ["state", "checked_by", "checked_at"])
    record(actor, "result.checked", order, count=len(checkable), left_for_others=len(mine))
    notifications.checked(order)
    return len(checkable)


@transaction.atomic
def return_result(actor: Actor, result: Result, reason: str) -> Result:
    """The checker, or a signatory who finds a mistake before approving, sends one result back
    to be entered again, with the reason (a checked one loses its check)."""
    order = locked(result.item.order)
    ensure_provider(actor, order, "orders.test")
    ensure_status(order, S.TESTING)
    result = Result.objects.select_for_update().select_related("sample").get(pk=result.pk)
    if result.state not in (Result.State.ENTERED, Result.State.CHECKED):
        raise InvalidState(_("This result is sent back already."), code="returned")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give a reason."), field="reason")
    result.state, result.return_reason = Result.State.RETURNED, reason[:200]
    result.checked_by, result.checked_at = None, None
    result.save(update_fields=["state", "return_reason", "checked_by", "checked_at"])
    record(actor, "result.returned", order, sample=result.sample.number, reason=reason)
    notifications.returned(order, result)
    return result
