"""The demo district's money: price lists for every instrument and test item, the district's
innovation voucher programme with Fujian-style rules, verified firms with grants, and, once the
history has been replayed (and charged as it went), last month's statements with a full and a
partial payment, an open dispute and a settled quarter.

Prices and vouchers are set up before the history is replayed, so every completed reservation,
late cancellation, no-show and completed test order of the history was charged by the real
services at the price in force on its day, and vouchers paid their share as it happened.
"""

from datetime import date, timedelta
from decimal import Decimal

from labshare.billing import services
from labshare.billing.models import Charge, Statement, Tier
from labshare.billing.periods import month_of, quarter_of
from labshare.catalog.models import Instrument, TestService
from labshare.core import clock
from labshare.core.actors import command_actor
from labshare.core.errors import DomainError
from labshare.core.money import to_fen

# Each tier's price as a share of the published reference fee.
TIER_SHARES = {
    Tier.INTERNAL: Decimal("0.5"),
    Tier.ACADEMIC: Decimal("0.7"),
    Tier.ENTERPRISE: Decimal("1"),
    Tier.SME: Decimal("0.8"),
}
VERIFIED = (  # customer index, attribute, document, quota
    (0, "tech_sme", "科技型中小企业入库登记编号 202621020300118", "200000"),
    (1, "tech_sme", "科技型中小企业入库登记编号 202621020300254", "100000"),
    (2, "tech_sme", "科技型中小企业入库登记编号 202621020300397", "50000"),
)


def load_prices(admins_by_provider: dict) -> None:
    """Every instrument per hour and every test item per sample, four tiers, from a year ago."""
    since = clock.today() - timedelta(days=365)
    for instrument in Instrument.objects.filter(organization_id__in=admins_by_provider):
        admin = command_actor(admins_by_provider[instrument.organization_id])
        for tier, share in TIER_SHARES.items():
            services.set_price(
                admin,
                instrument,
                tier,
                since,
                unit_price=to_fen(instrument.hourly_fee * share),
                minimum=to_fen(instrument.hourly_fee * share / 2),
                increment_minutes=30,
                basis="greater",
                cancellation_fee=to_fen(instrument.hourly_fee * share / 2),
                no_show_fee=to_fen(instrument.hourly_fee * share),
            )


def load_test_prices(admins_by_provider: dict) -> None:
    since = clock.today() - timedelta(days=365)
    for item in TestService.objects.filter(organization_id__in=admins_by_provider):
        admin = command_actor(admins_by_provider[item.organization_id])
        for tier, share in TIER_SHARES.items():
            services.set_price(
                admin, item, tier, since, unit_price=to_fen(item.price_per_sample * share)
            )


def load_vouchers(operator_user, customers) -> None:
    """The district's programme for this year, three verified firms with grants."""
    today = clock.today()
    actor = command_actor(operator_user)
    programme = services.create_programme(
        actor,
        name="甘井子区科技创新券",
        year=today.year,
        eligible_attributes=["tech_sme", "startup_team"],
        services=["instrument", "testing", "cooperation"],
        share="0.5",
        per_claim_cap="20000",
        per_firm_cap="200000",
        budget="5000000",
        valid_from=date(today.year, 1, 1),
        valid_until=date(today.year, 12, 31),
    )
    verified_on = max(date(today.year, 1, 1), today - timedelta(days=120))
    for index, attribute, document, quota in VERIFIED:
        firm = customers[index]
        services.verify_attribute(
            actor, firm, attribute, document_reference=document, verified_on=verified_on
        )
        services.grant_voucher(actor, programme, firm, quota)


def load_statements(provider, provider_admin, sme_admin, operator_user) -> None:
    """Last month's billing run at the first provider, issued; the persona customer's statement
    paid in full, the next one's in part; a dispute of a recent charge; the quarter settled."""
    admin = command_actor(provider_admin)
    today = clock.today()
    last_month = month_of(month_of(today) - timedelta(days=1))
    try:
        run = services.start_billing_run(admin, provider, last_month)
    except DomainError:
        return  # no history was charged (a demo loaded on an odd day): nothing to bill
    services.issue_billing_run(admin, run)
    persona_firm = sme_admin.memberships.first().organization
    owing = Statement.objects.filter(run=run, due_total__gt=0)
    statements = sorted(owing, key=lambda s: (s.customer_id != persona_firm.pk, -s.due_total))[:2]
    for number, statement in enumerate(statements):
        amount = statement.balance if number == 0 else to_fen(statement.balance / 2)
        services.record_payment(
            admin, statement, amount, today, f"网银回单 {today:%Y%m%d}{number + 1:04d}"
        )
        if number == 0:
            services.record_fapiao(admin, statement, f"2621200000{statement.pk:010d}", today)
    recent = (
        Charge.objects.filter(customer=persona_firm)
        .exclude(kind=Charge.Kind.ADJUSTMENT)
        .order_by("-delivered_at")
        .first()
    )
    if recent is not None and recent.delivered_at >= clock.now() - timedelta(days=25):
        services.dispute_charge(
            command_actor(sme_admin), recent, "当天仪器中途停机约半小时，请核减机时。"
        )
    _settle(operator_user, provider, quarter_of(last_month))


def _settle(operator_user, provider, quarter) -> None:
    from labshare.billing.models import Programme

    actor = command_actor(operator_user)
    for programme in Programme.objects.all():
        try:
            settlement = services.start_settlement(actor, programme, provider, quarter)
        except DomainError:
            continue
        services.issue_settlement(actor, settlement)
