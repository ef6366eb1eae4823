"""Quarterly voucher settlements: the operator pays each provider what vouchers covered.

A draft gathers the provider's redemptions of the programme up to the quarter's end that no
settlement holds yet (reversals included, so a correction after a settlement is netted in the
next one); issuing numbers it and freezes it.
"""

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.billing.models import Programme, Redemption, Settlement
from labshare.billing.periods import next_quarter, quarter_label, quarter_of
from labshare.core import clock
from labshare.core.access import ensure_person, ensure_platform
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput, InvalidState
from labshare.core.money import to_fen
from labshare.core.sequences import next_values


@transaction.atomic
def start_settlement(
    actor: Actor, programme: Programme, provider: Organization, quarter
) -> Settlement:
    ensure_platform(actor, "platform.manage_vouchers")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    quarter = quarter_of(quarter)
    if quarter > quarter_of(clock.today()):
        raise InvalidInput(_("A quarter that has not begun cannot be settled."), field="quarter")
    settlement = (
        Settlement.objects.select_for_update()  # an issue running now finishes first
        .filter(programme=programme, provider=provider, quarter=quarter, status="draft")
        .first()
    )
    if settlement is not None:
        settlement.redemptions.update(settlement=None)
    open_ = Redemption.objects.filter(
        programme=programme,
        provider=provider,
        settlement=None,
        service_on__lt=next_quarter(quarter),
    )
    if not open_.exists():
        raise InvalidInput(
            _("Nothing of %(quarter)s or before is waiting to be settled with this provider.")
            % {"quarter": quarter_label(quarter)},
            field="quarter",
            code="nothing_to_settle",
        )
    if settlement is None:
        settlement = Settlement.objects.create(
            programme=programme, provider=provider, quarter=quarter, created_by=actor.user
        )
    count = open_.update(settlement=settlement)
    settlement.redemption_count = count
    settlement.total = to_fen(settlement.redemptions.aggregate(total=Sum("amount"))["total"])
    settlement.save(update_fields=["redemption_count", "total"])
    record(actor, "voucher.settlement_drafted", settlement, total=str(settlement.total))
    return settlement


@transaction.atomic
def issue_settlement(actor: Actor, settlement: Settlement) -> Settlement:
    settlement = (
        Settlement.objects.select_for_update().select_related("provider").get(pk=settlement.pk)
    )
    ensure_platform(actor, "platform.manage_vouchers")
    ensure_person(actor, _("A settlement is made by a person."))
    if settlement.status != Settlement.Status.DRAFT:
        raise InvalidState(_("This settlement was already made."))
    sums = settlement.redemptions.aggregate(total=Sum("amount"), count=Count("id"))
    label = quarter_label(settlement.quarter)
    code = settlement.provider.code or f"P{settlement.provider_id}"
    (seq,) = next_values(f"settlement:{label}", 1)
    settlement.number = f"VS-{label}-{code}-{seq:03d}"
    settlement.total, settlement.redemption_count = to_fen(sums["total"] or 0), sums["count"]
    settlement.status = Settlement.Status.ISSUED
    settlement.issued_at = clock.now()
    settlement.save(update_fields=["number", "total", "redemption_count", "status", "issued_at"])
    record(
        actor, "voucher.settled", settlement, number=settlement.number, total=str(settlement.total)
    )
    return settlement
