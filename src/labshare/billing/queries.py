"""Reads of the billing app: prices in force, lists for the pages, balances.

Sums are rounded to the fen here: SQLite adds decimals as numbers and hands back 200 for
200.00."""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from labshare.accounts.models import Organization
from labshare.billing.models import (
    BillingJob,
    BillingRun,
    Charge,
    Dispute,
    ExportJob,
    Grant,
    Price,
    Programme,
    Redemption,
    Settlement,
    Statement,
    Verification,
)
from labshare.billing.tiers import tier_of
from labshare.catalog.models import Instrument, TestService
from labshare.core.money import to_fen


def item_filter(item) -> Q:
    """Prices of an instrument or a test item (whichever the item is)."""
    if item._meta.model_name == "instrument":
        return Q(instrument_id=item.pk)
    return Q(test_service_id=item.pk)


def price_in_force(item, tier: str, day) -> Price | None:
    """The price of the item for the tier on the day (at most one holds: migration 0002)."""
    return (
        Price.objects.filter(item_filter(item), tier=tier, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .first()
    )


def price_for(item, customer, day) -> tuple[str, Price | None]:
    """The customer's tier at the item's provider on the day, and the item's price for it."""
    tier = tier_of(customer, item.organization_id, day)
    return tier, price_in_force(item, tier, day)


def prices_of(item) -> QuerySet:
    return Price.objects.filter(item_filter(item)).order_by("tier", "-valid_from", "-id")


def overlapping(item, tier: str, valid_from, valid_until, exclude_pk=None) -> Price | None:
    found = Price.objects.filter(item_filter(item), tier=tier).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from)
    )
    if valid_until is not None:
        found = found.filter(valid_from__lte=valid_until)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.first()


def in_period(queryset: QuerySet, field: str, start, end) -> QuerySet:
    """Rows whose date field lies in [start, end); either bound may be None."""
    if start is not None:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset


def charges_of_customer(customer_id: int, start=None, end=None) -> QuerySet:
    charges = Charge.objects.filter(customer_id=customer_id).select_related("provider", "statement")
    return in_period(charges, "delivered_on", start, end).order_by("-delivered_at", "-id")


def charges_of_provider(provider_id: int, start=None, end=None) -> QuerySet:
    charges = Charge.objects.filter(provider_id=provider_id).select_related("customer", "statement")
    return in_period(charges, "delivered_on", start, end).order_by("-delivered_at", "-id")


def statements_of_customer(customer_id: int, start=None, end=None) -> QuerySet:
    found = Statement.objects.filter(customer_id=customer_id, status=Statement.Status.ISSUED)
    return in_period(found.select_related("provider"), "period", start, end)


def statements_of_provider(provider_id: int, start=None, end=None) -> QuerySet:
    found = Statement.objects.filter(provider_id=provider_id).select_related("customer")
    return in_period(found, "period", start, end)


def runs_of(provider_id: int, start=None, end=None) -> QuerySet:
    return in_period(BillingRun.objects.filter(provider_id=provider_id), "period", start, end)


def disputes_of_provider(provider_id: int, status: str = "", start=None, end=None) -> QuerySet:
    found = Dispute.objects.filter(charge__provider_id=provider_id).select_related(
        "charge__customer", "raised_by", "adjustment"
    )
    found = in_period(found, "charge__delivered_on", start, end)
    return found.filter(status=status) if status else found


def balance_of(customer_id: int, provider_id: int | None = None) -> Decimal:
    """What the customer still owes on issued statements (all providers, or one)."""
    found = Statement.objects.filter(customer_id=customer_id, status=Statement.Status.ISSUED)
    if provider_id is not None:
        found = found.filter(provider_id=provider_id)
    sums = found.aggregate(due=Sum("due_total"), paid=Sum("paid_total"))
    return to_fen((sums["due"] or 0) - (sums["paid"] or 0))


def unbilled_total(customer_id: int) -> Decimal:
    found = Charge.objects.filter(customer_id=customer_id, statement__isnull=True)
    sums = found.aggregate(amount=Sum("amount"), voucher=Sum("voucher_amount"))
    return to_fen((sums["amount"] or 0) - (sums["voucher"] or 0))


def grants_of(organization_id: int) -> QuerySet:
    return Grant.objects.filter(organization_id=organization_id).select_related("programme")


def programmes() -> QuerySet:
    return Programme.objects.all()


def grants_of_programme(programme_id: int) -> QuerySet:
    return Grant.objects.filter(programme_id=programme_id).select_related("organization")


def verification_queue() -> QuerySet:
    """Organisations that declare an attribute the operator has not verified (yet)."""
    declared = (
        Q(is_tech_sme=True) | Q(is_high_tech=True) | Q(is_gazelle=True) | Q(is_eaglet=True)
    ) | Q(kind=Organization.Kind.TEAM)
    return Organization.objects.filter(declared).prefetch_related("verifications")


def verifications() -> QuerySet:
    return Verification.objects.select_related("organization", "verified_by")


def redemptions_of_settlement(settlement_id: int) -> QuerySet:
    return Redemption.objects.filter(settlement_id=settlement_id).select_related(
        "grant__organization",
        "claim__reservation__instrument",
        "claim__order",
        "charge__statement",
    )


def settlements(programme_id: int | None = None) -> QuerySet:
    found = Settlement.objects.select_related("programme", "provider")
    return found.filter(programme_id=programme_id) if programme_id else found


def priced_items(provider_id: int, kind: str, day) -> QuerySet:
    """The provider's instruments (or test items), each with the number of tiers priced today;
    unpriced first, since nothing of theirs can be charged."""
    model = Instrument if kind == "instrument" else TestService
    in_force = Q(prices__valid_from__lte=day) & (
        Q(prices__valid_until__isnull=True) | Q(prices__valid_until__gte=day)
    )
    return (
        model.objects.filter(organization_id=provider_id, retired_at__isnull=True)
        .annotate(tiers_priced=Count("prices", filter=in_force))
        .order_by("tiers_priced", "name_sort", "id")
    )


def unbilled_of_provider(provider_id: int) -> dict:
    found = Charge.objects.filter(provider_id=provider_id, statement__isnull=True)
    sums = found.aggregate(count=Count("id"), amount=Sum("amount"))
    return {"count": sums["count"], "amount": to_fen(sums["amount"] or 0)}


def public_redemptions(start=None, end=None) -> QuerySet:
    """What vouchers paid, in settled settlements: the list for public notice (公示)."""
    settled = Redemption.objects.filter(settlement__status=Settlement.Status.ISSUED)
    return (
        in_period(settled, "service_on", start, end)
        .select_related("grant__organization", "provider", "programme", "settlement")
        .order_by("-service_on", "-id")
    )


def eligible_firms(programme: Programme, day) -> QuerySet:
    """Firms with a current verification of one of the programme's attributes and no grant."""
    verified = Verification.objects.filter(
        attribute__in=programme.eligible_attributes, revoked_at=None, verified_on__lte=day
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    return (
        Organization.objects.filter(pk__in=verified.values("organization_id"))
        .exclude(grants__programme=programme)
        .order_by("name_sort", "id")
    )


def providers_to_settle(programme_id: int) -> list[dict]:
    """Providers with redemptions no settlement holds yet: name and the amount waiting."""
    waiting = (
        Redemption.objects.filter(programme_id=programme_id, settlement=None)
        .values("provider_id")
        .annotate(amount=Sum("amount"), count=Count("id"))
        .order_by("provider_id")
    )
    names = dict(
        Organization.objects.filter(pk__in=[w["provider_id"] for w in waiting]).values_list(
            "pk", "name"
        )
    )
    return [w | {"name": names[w["provider_id"]], "amount": to_fen(w["amount"])} for w in waiting]


def job_or_none(provider_id: int, pk) -> BillingJob | None:
    """The provider's billing job named in the address, if it is one of theirs."""
    if not str(pk or "").isdigit():
        return None
    return BillingJob.objects.filter(provider_id=provider_id, pk=int(pk)).first()


def latest_exports(settlement_id: int) -> list[ExportJob]:
    """The newest export of the settlement in each format (Excel first), for its page."""
    latest = []
    for file_format in ExportJob.Format.values:
        job = ExportJob.objects.filter(settlement_id=settlement_id, format=file_format).first()
        if job is not None:
            latest.append(job)
    return latest
