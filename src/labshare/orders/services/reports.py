"""Approval and the report: authorised signatories, approving (批准) which issues the numbered,
immutable PDF, corrections that void and replace a report, and completion."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labshare.accounts.models import Membership
from labshare.catalog.accreditation import decide_marks
from labshare.catalog.models import TestService
from labshare.core import charging, clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput, InvalidState, NotAllowed
from labshare.core.sequences import next_value
from labshare.orders import notifications
from labshare.orders.models import Result, ServiceOrder, Signatory, TestReport
from labshare.orders.pdf import ReportContent, build_report_pdf
from labshare.orders.services.common import (
    ensure_customer,
    ensure_provider,
    ensure_status,
    locked,
    move,
    provider_code,
)

S = ServiceOrder.Status


@transaction.atomic
def appoint_signatory(actor: Actor, membership: Membership, test_services) -> Signatory | None:
    """Name a member of the provider authorised signatory for these test items (the whole
    scope is replaced); an empty scope removes the appointment."""
    organization = membership.organization
    ensure_can(actor, "orders.manage_signatories", organization.pk)
    services = list(test_services)
    if any(service.organization_id != organization.pk for service in services):
        raise InvalidInput(
            _("The scope holds only the provider's own test items."), field="test_services"
        )
    if not services:
        removed, _rows = Signatory.objects.filter(
            organization=organization, user=membership.user
        ).delete()
        if not removed:
            raise InvalidInput(
                _("Choose the test items the member may sign for."), field="test_services"
            )
        record(actor, "signatory.removed", organization, user=membership.user_id)
        return None
    signatory, _created = Signatory.objects.select_for_update().get_or_create(
        organization=organization, user=membership.user, defaults={"appointed_at": clock.now()}
    )
    signatory.test_services.set(services)
    record(
        actor,
        "signatory.appointed",
        organization,
        user=membership.user_id,
        items=[s.pk for s in services],
    )
    return signatory


def _ensure_signatory(actor: Actor, order: ServiceOrder, services: list[TestService]) -> None:
    signatory = Signatory.objects.filter(organization=order.provider, user=actor.user).first()
    allowed = set(signatory.test_services.values_list("pk", flat=True)) if signatory else set()
    outside = [service.name for service in services if service.pk not in allowed]
    if outside:
        raise NotAllowed(
            _("You are not an authorised signatory for: %(items)s.")
            % {"items": "、".join(outside)},
            code="not_signatory",
        )


def _complete_results(order: ServiceOrder) -> list[Result]:
    results = list(
        Result.objects.filter(item__order=order)
        .select_related("sample", "item__test_service", "entered_by", "checked_by")
        .order_by("sample__number", "item_id")
    )
    expected = order.sample_count * order.items.count()
    if len(results) < expected:
        raise InvalidState(
            _("%(missing)d results are still missing.") % {"missing": expected - len(results)},
            code="results_missing",
        )
    if any(result.state != Result.State.CHECKED for result in results):
        raise InvalidState(_("Every result must be checked first."), code="not_checked")
    return results


def _ensure_third_person(actor: Actor, results: list[Result]) -> None:
    """The signatory has neither entered nor checked any result, unless every item concerned
    allows self-verification."""
    for result in results:
        if result.item.self_verification:
            continue
        if actor.user.pk in (result.entered_by_id, result.checked_by_id):
            raise NotAllowed(
                _("You entered or checked results of this order: another person must approve."),
                code="same_person",
            )


@transaction.atomic
def approve_report(actor: Actor, order: ServiceOrder) -> TestReport:
    """批准: the authorised signatory approves; the report is numbered, built and stored in the
    same transaction, so a failed build leaves the order as it was and gives the number back.
    Two signatories approving at once: the second finds the order reported."""
    order = locked(order)
    ensure_provider(actor, order, "orders.test")
    ensure_person(actor, _("A report is approved by a person."))
    ensure_status(order, S.TESTING)
    results = _complete_results(order)
    items = list(order.items.select_related("test_service"))
    _ensure_signatory(actor, order, [item.test_service for item in items])
    _ensure_third_person(actor, results)
    now = clock.now()
    today = timezone.localdate(now)
    replaced = order.reports.filter(status=TestReport.Status.VALID).defer("pdf").first()
    decision = decide_marks(
        order.provider_id,
        [(item.test_service_id, item.test_service.name, item.method_code) for item in items],
        today,
    )
    sequence = next_value(f"report:{order.provider_id}:{today.year}")
    number = f"{provider_code(order.provider)}-{today.year}-{sequence:04d}"
    prepared = max(results, key=lambda r: r.entered_at).entered_by
    checked = max(results, key=lambda r: r.checked_at).checked_by
    report = TestReport(
        order=order,
        provider=order.provider,
        number=number,
        year=today.year,
        sequence=sequence,
        report_date=today,
        issued_at=now,
        prepared_by=prepared,
        checked_by=checked,
        approved_by=actor.user,
        marks=decision.marks,
        unaccredited_items=decision.unaccredited,
        replaces=replaced,
    )
    content = ReportContent.of(report, order, items, results)
    report.pdf = build_report_pdf(content)
    report.sha256 = hashlib.sha256(report.pdf).hexdigest()
    if replaced is not None:
        replaced.status, replaced.voided_at = TestReport.Status.VOID, now
        replaced.void_reason = order.correction_reason or _("Replaced by %(number)s") % {
            "number": number
        }
        replaced.save(update_fields=["status", "voided_at", "void_reason"])
        record(actor, "report.voided", replaced, replaced_by=number)
    report.save()
    move(actor, order, S.REPORTED, number=number, sha256=report.sha256)
    record(
        actor,
        "report.issued",
        report,
        marks=decision.kinds,
        replaces=getattr(replaced, "number", ""),
    )
    notifications.reported(order, report, replaced)
    return report


@transaction.atomic
def start_correction(actor: Actor, order: ServiceOrder, reason: str) -> ServiceOrder:
    """Reopen a reported order to correct its report: the results go back to be checked again,
    and the next approval issues a new report that voids and replaces the current one."""
    order = locked(order)
    ensure_provider(actor, order, "orders.test")
    ensure_status(order, S.REPORTED, S.COMPLETED)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give a reason."), field="reason")
    order.correction_reason = reason[:200]
    Result.objects.filter(item__order=order).update(
        state=Result.State.ENTERED, checked_by=None, checked_at=None
    )
    move(actor, order, S.TESTING, ("correction_reason",), reason=order.correction_reason)
    current = order.reports.filter(status=TestReport.Status.VALID).defer("pdf").first()
    if current is not None:
        notifications.correcting(order, current)
    return order


@transaction.atomic
def complete_order(actor: Actor, order: ServiceOrder) -> ServiceOrder:
    """The client confirms it has the report (or the provider closes the order)."""
    order = locked(order)
    try:
        ensure_customer(actor, order)
    except NotAllowed:
        ensure_provider(actor, order)
    ensure_status(order, S.REPORTED)
    move(actor, order, S.COMPLETED)
    charging.delivered(actor, charging.COMPLETED, order=order)
    notifications.completed(order)
    return order
