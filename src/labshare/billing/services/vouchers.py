"""Innovation vouchers: the operator's programmes, verifications and grants, and what a grant
pays of a charge.

Redeeming locks the programme row, then the grant row (always in that order, so two charges
never wait for each other crosswise), computes the coverage from the locked counters and raises
them in the same transaction. The check constraints on both rows are the backstop: no cap and
no budget is exceeded, however many charges arrive at once.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.billing.coverage import covered
from labshare.billing.models import Attribute, Charge, Grant, Programme, Redemption, Verification
from labshare.billing.services.common import money
from labshare.billing.tiers import verified_attributes
from labshare.core import clock
from labshare.core.access import ensure_person, ensure_platform
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState

SERVICES = tuple(Charge.Service.values)
VOUCHER_KINDS = (Charge.Kind.TIME, Charge.Kind.TEST)  # fees are not R&D work


@transaction.atomic
def create_programme(
    actor: Actor,
    *,
    name: str,
    year: int,
    eligible_attributes: list[str],
    services: list[str],
    share,
    per_claim_cap,
    per_firm_cap,
    budget,
    valid_from,
    valid_until,
) -> Programme:
    ensure_platform(actor, "platform.manage_vouchers")
    name = name.strip()
    if not name:
        raise InvalidInput(_("Give the programme a name."), field="name")
    if not eligible_attributes or set(eligible_attributes) - set(Attribute.values):
        raise InvalidInput(
            _("Choose at least one eligible attribute."), field="eligible_attributes"
        )
    if not services or set(services) - set(SERVICES):
        raise InvalidInput(_("Choose at least one eligible service."), field="services")
    try:
        share = Decimal(str(share).strip().rstrip("%")) / (100 if "%" in str(share) else 1)
    except ArithmeticError:
        raise InvalidInput(_("Enter the share as 0.5 or 50%."), field="share") from None
    if share.is_finite():
        share = share.quantize(Decimal("0.0001"))
    if not share.is_finite() or not Decimal(0) < share <= Decimal(1):
        raise InvalidInput(_("The share lies above 0 and at most 1 (100 %)."), field="share")
    budget = money(budget, "budget", allow_zero=False)
    per_firm_cap = money(per_firm_cap, "per_firm_cap", allow_zero=False)
    per_claim_cap = money(per_claim_cap, "per_claim_cap", allow_zero=False)
    if per_firm_cap > budget:
        raise InvalidInput(_("The cap per firm is larger than the budget."), field="per_firm_cap")
    if per_claim_cap > per_firm_cap:
        raise InvalidInput(
            _("The cap per claim is larger than the cap per firm."), field="per_claim_cap"
        )
    if valid_until < valid_from:
        raise InvalidInput(_("The last day comes before the first."), field="valid_until")
    if not (valid_from.year <= year <= valid_until.year):
        raise InvalidInput(_("The programme's dates lie outside its year."), field="year")
    programme = Programme.objects.create(
        name=name[:100],
        year=year,
        eligible_attributes=sorted(set(eligible_attributes)),
        services=sorted(set(services)),
        share=share,
        per_claim_cap=per_claim_cap,
        per_firm_cap=per_firm_cap,
        budget=budget,
        valid_from=valid_from,
        valid_until=valid_until,
        created_by=actor.user,
    )
    record(actor, "voucher.programme_created", programme, budget=str(budget), share=str(share))
    return programme


@transaction.atomic
def verify_attribute(
    actor: Actor,
    organization: Organization,
    attribute: str,
    *,
    document_reference: str,
    verified_on=None,
    valid_until=None,
) -> Verification:
    """The operator saw the evidence (a certificate, the list it is on) and records it."""
    ensure_platform(actor, "platform.verify_attributes")
    ensure_person(actor, _("A verification is made by a person."))
    if attribute not in Attribute.values:
        raise InvalidInput(_("Choose the attribute verified."), field="attribute")
    document_reference = document_reference.strip()
    if not document_reference:
        raise InvalidInput(
            _("Name the document seen (its number and who issued it)."),
            field="document_reference",
        )
    verified_on = verified_on or clock.today()
    if verified_on > clock.today():
        raise InvalidInput(_("A verification cannot be dated in the future."), field="verified_on")
    if valid_until is not None and valid_until < verified_on:
        raise InvalidInput(_("The last day comes before the first."), field="valid_until")
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    Verification.objects.filter(
        organization=organization, attribute=attribute, revoked_at=None
    ).update(revoked_at=clock.now())  # a new verification replaces the current one
    verification = Verification.objects.create(
        organization=organization,
        attribute=attribute,
        verified_on=verified_on,
        valid_until=valid_until,
        document_reference=document_reference[:120],
        verified_by=actor.user,
    )
    record(
        actor,
        "organization.attribute_verified",
        organization,
        attribute=attribute,
        document=verification.document_reference,
        valid_until=valid_until,
    )
    return verification


@transaction.atomic
def revoke_verification(actor: Actor, verification: Verification, reason: str) -> Verification:
    ensure_platform(actor, "platform.verify_attributes")
    verification = Verification.objects.select_for_update().get(pk=verification.pk)
    if verification.revoked_at is not None:
        raise InvalidState(_("This verification was already revoked."))
    if not reason.strip():
        raise InvalidInput(_("Say why the verification is revoked."), field="reason")
    verification.revoked_at = clock.now()
    verification.save(update_fields=["revoked_at"])
    record(
        actor,
        "organization.attribute_revoked",
        verification.organization,
        attribute=verification.attribute,
        reason=reason.strip()[:200],
    )
    return verification


@transaction.atomic
def grant_voucher(actor: Actor, programme: Programme, organization: Organization, quota) -> Grant:
    """Give a verified firm a quota; the programme's grants never pass its budget."""
    ensure_platform(actor, "platform.manage_vouchers")
    ensure_person(actor, _("A grant is made by a person."))
    quota = money(quota, "quota", allow_zero=False)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    today = clock.today()
    if today > programme.valid_until:
        raise InvalidState(_("The programme has ended."), field="programme")
    if not verified_attributes(organization.pk, today) & set(programme.eligible_attributes):
        raise InvalidInput(
            _("The firm holds none of the programme's attributes as verified by the operator."),
            field="organization",
            code="not_verified",
        )
    if quota > programme.per_firm_cap:
        raise InvalidInput(
            _("The quota is above the programme's cap per firm (%(cap)s).")
            % {"cap": programme.per_firm_cap},
            field="quota",
        )
    if quota > programme.budget - programme.granted:
        raise InvalidInput(
            _("The quota is above what is left of the budget to grant (%(left)s).")
            % {"left": programme.budget - programme.granted},
            field="quota",
            code="over_budget",
        )
    try:
        with transaction.atomic():
            grant = Grant.objects.create(
                programme=programme,
                organization=organization,
                quota=quota,
                granted_on=today,
                granted_by=actor.user,
            )
    except IntegrityError:
        raise Conflict(
            _("The firm already has a grant of this programme."), field="organization"
        ) from None
    programme.granted += quota  # on the locked row, in Decimals (SQLite would add floats)
    programme.save(update_fields=["granted"])
    record(actor, "voucher.granted", grant, programme=programme.pk, quota=str(quota))
    return grant


def _eligible_grants(charge: Charge) -> list[Grant]:
    day = charge.delivered_on
    attributes = verified_attributes(charge.customer_id, day)
    grants = Grant.objects.filter(
        organization_id=charge.customer_id,
        revoked_at=None,
        programme__valid_from__lte=day,
        programme__valid_until__gte=day,
    ).select_related("programme")
    return [
        g
        # One order for every transaction (programme by programme), so two never lock crosswise.
        for g in grants.order_by("programme__valid_until", "programme_id")
        if charge.service in g.programme.services
        and attributes & set(g.programme.eligible_attributes)
    ]


def _redeem(grant: Grant, line: Charge, claim: Charge, amount: Decimal) -> Decimal:
    """Cover what the locked counters allow of amount; the charge line is the caller's, locked."""
    programme = Programme.objects.select_for_update().get(pk=grant.programme_id)
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    cover = covered(
        amount,
        programme.share,
        programme.per_claim_cap,
        grant.quota - grant.redeemed,
        programme.budget - programme.redeemed,
    )
    if cover <= 0:
        return cover
    Redemption.objects.create(
        grant=grant,
        programme=programme,
        provider_id=line.provider_id,
        charge=line,
        claim=claim,
        kind=Redemption.Kind.REDEEM,
        amount=cover,
        service_on=claim.delivered_on,
    )
    _count(grant, programme, cover)
    return cover


def _count(grant: Grant, programme: Programme, amount: Decimal) -> None:
    """Add amount to the locked grant's and programme's redeemed counters, in Decimals: SQLite
    keeps decimals as floats, and F() arithmetic there could drift past a cap by 1e-13."""
    grant.redeemed += amount
    grant.save(update_fields=["redeemed"])
    programme.redeemed += amount
    programme.save(update_fields=["redeemed"])


def _live_redemption(claim: Charge) -> Redemption | None:
    return (
        Redemption.objects.filter(claim=claim, kind=Redemption.Kind.REDEEM, reversed_by=None)
        .order_by("-id")
        .first()
    )


def apply_vouchers(charge: Charge) -> Decimal:
    """A new service charge: the first eligible grant with room pays its part."""
    if charge.kind not in VOUCHER_KINDS or charge.amount <= 0:
        return Decimal(0)
    for grant in _eligible_grants(charge):
        cover = _redeem(grant, charge, charge, charge.amount)
        if cover > 0:
            Charge.objects.filter(pk=charge.pk).update(voucher_amount=cover)
            charge.voucher_amount = cover
            return cover
    return Decimal(0)


def reapply_vouchers(adjustment: Charge, claim: Charge, net_amount: Decimal) -> Decimal:
    """An approved adjustment: the claim's live redemption is given back and the net amount
    covered afresh (by the same grant), both on the adjustment line. Returns the line's change."""
    live = _live_redemption(claim)
    if live is None:
        return Decimal(0)
    programme = Programme.objects.select_for_update().get(pk=live.programme_id)
    grant = Grant.objects.select_for_update().get(pk=live.grant_id)
    Redemption.objects.create(
        grant_id=live.grant_id,
        programme=programme,
        provider_id=adjustment.provider_id,
        charge=adjustment,
        claim=claim,
        kind=Redemption.Kind.REVERSAL,
        amount=-live.amount,
        reverses=live,
        service_on=claim.delivered_on,
    )
    _count(grant, programme, -live.amount)
    cover = _redeem(grant, adjustment, claim, net_amount)
    change = cover - live.amount
    Charge.objects.filter(pk=adjustment.pk).update(voucher_amount=change)
    adjustment.voucher_amount = change
    return change
