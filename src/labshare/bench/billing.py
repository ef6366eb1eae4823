"""`labshare bench billing`: a month of charges for one provider's customers, billed and settled.

The charges (and the vouchers' redemptions of a quarter of the customers, who hold grants) are
written in bulk, not through the services: 200,000 check-outs one by one would take hours and
are timed elsewhere. What is timed is what a provider and the operator do with them: the
billing run drafted, the statements issued, and the quarter's voucher settlement drafted and
issued, each through the real service, then the settlement's xlsx and PDF written as the worker
writes them, with the process's peak memory after each step: run it with
20,000 and with 200,000 charges to see that no step holds the charges in memory. A second run
bills a second bench provider, so it times the same work.
"""

import resource
import time as perf
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from labshare.accounts.models import Organization
from labshare.accounts.uscc import with_check_character
from labshare.bench.booking import bench_organization, bench_user
from labshare.bench.schedules import copy_rows
from labshare.billing import services
from labshare.billing.models import (
    Charge,
    Grant,
    Programme,
    Settlement,
    Statement,
)
from labshare.billing.periods import month_of, quarter_of
from labshare.core import clock
from labshare.core.actors import command_actor

PROVIDER = "基准测试收费服务单位"
CUSTOMER_PREFIX = "基准测试收费客户"
CUSTOMERS = 2000
GRANTED_EVERY = 4  # one customer in four holds a voucher grant
BATCH = 50_000
HELD_TASKS = "django_tasks.backends.dummy.DummyBackend"  # queued, then run by the bench itself


def _customers(count: int) -> list[int]:
    names = [f"{CUSTOMER_PREFIX}{n:05d}" for n in range(count)]
    have = dict(Organization.objects.filter(name__in=names).values_list("name", "pk"))
    missing = [
        Organization(
            name=name,
            name_sort=name,
            uscc=with_check_character(f"91210297{n:09d}"),
            is_customer=True,
            is_demo=True,
        )
        for n, name in enumerate(names)
        if name not in have
    ]
    Organization.objects.bulk_create(missing, batch_size=1000)
    return list(
        Organization.objects.filter(name__in=names).order_by("pk").values_list("pk", flat=True)
    )


def _programme(operator_user, customer_ids: list[int], year: int) -> Programme:
    programme = Programme.objects.filter(name="基准测试创新券", year=year).first()
    if programme is None:
        programme = services.create_programme(
            command_actor(operator_user),
            name="基准测试创新券",
            year=year,
            eligible_attributes=["tech_sme"],
            services=["instrument"],
            share="0.5",
            per_claim_cap="20000",
            per_firm_cap="1000000",
            budget="9999999999",
            valid_from=date(year, 1, 1),
            valid_until=date(year, 12, 31),
        )
    Grant.objects.filter(programme=programme).update(redeemed=0)
    Programme.objects.filter(pk=programme.pk).update(redeemed=0)
    granted = set(
        Grant.objects.filter(programme=programme).values_list("organization_id", flat=True)
    )
    Grant.objects.bulk_create(
        Grant(
            programme=programme,
            organization_id=pk,
            quota=Decimal("1000000"),
            granted_on=date(year, 1, 1),
            granted_by=operator_user,
        )
        for pk in customer_ids[::GRANTED_EVERY]
        if pk not in granted
    )
    return programme


def _charges(provider: Organization, customer_ids: list[int], charges: int, month: date, log):
    """charges lines spread over the month's working hours, 1 to 4 hours at 120 to 480 yuan."""
    granted = set(customer_ids[::GRANTED_EVERY])
    days = (
        month.replace(month=month.month % 12 + 1, year=month.year + month.month // 12) - month
    ).days
    now = clock.now()
    columns = [
        "provider_id", "customer_id", "kind", "service", "description", "quantity", "unit",
        "unit_price", "tier", "basis", "minimum_applied", "amount", "voucher_amount",
        "delivered_at", "delivered_on", "created_at",
    ]  # fmt: skip

    def rows():
        for number in range(charges):
            customer = customer_ids[number % len(customer_ids)]
            day = month + timedelta(days=number % days)
            hours = Decimal(1 + number % 4)
            price = Decimal(120 + 40 * (number % 10))
            amount = hours * price
            voucher = (
                (amount / 2).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
                if customer in granted
                else Decimal(0)
            )
            delivered = timezone.make_aware(datetime.combine(day, time(9 + number % 8)))
            yield (
                provider.pk, customer, "time", "instrument", f"仪器机时：基准测试仪器 {number % 50:02d}",
                hours, "hour", price, "sme" if customer in granted else "enterprise", "booked",
                False, amount, voucher, delivered, day, now,
            )  # fmt: skip
            if (number + 1) % BATCH == 0:
                log(f"  {number + 1:>8} / {charges} charges")

    with transaction.atomic():
        copy_rows(Charge, columns, rows())


def _redemptions(provider: Organization, programme: Programme) -> int:
    """One redemption per voucher-paid line, as the services would have written it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO billing_redemption
                (grant_id, programme_id, provider_id, charge_id, claim_id, kind, amount,
                 service_on, created_at)
            SELECT g.id, g.programme_id, c.provider_id, c.id, c.id, 'redeem', c.voucher_amount,
                   c.delivered_on, c.created_at
            FROM billing_charge c JOIN billing_grant g
              ON g.organization_id = c.customer_id AND g.programme_id = %s
            WHERE c.provider_id = %s AND c.voucher_amount > 0
            """,
            [programme.pk, provider.pk],
        )
        return cursor.rowcount


def _max_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _timed(action) -> tuple[object, dict]:
    """The action's wall time, and the process's peak memory (its high-water mark) after it:
    compare runs with 10× the charges to see that it does not grow with them."""
    started = perf.perf_counter()
    result = action()
    seconds = perf.perf_counter() - started
    return result, {"seconds": round(seconds, 2), "max_rss_mb": _max_rss_mb()}


def _export(operator, settlement, file_format: str) -> dict:
    """The worker's side of a settlement export, timed: rows streamed into a temporary file,
    then kept in the media storage (the job is queued without running and run here)."""
    from labshare.billing import jobs
    from labshare.billing.models import ExportJob

    with override_settings(TASKS={"default": {"BACKEND": HELD_TASKS}}):
        job = jobs.queue_settlement_export(operator, settlement, file_format)
    status, timed = _timed(lambda: jobs.run_export_job(job.pk))
    job = ExportJob.objects.get(pk=job.pk)
    return timed | {"status": status, "rows": job.rows_done, "bytes": job.file.size}


def run(charges: int, log) -> dict:
    customers_count = min(CUSTOMERS, charges)
    # A new provider each run: issued statements and their lines can never be deleted (the
    # database refuses it), so a second run bills a fresh one the same way.
    runs = Organization.objects.filter(name__startswith=PROVIDER).count()
    provider = bench_organization(
        f"{PROVIDER}{runs + 1:02d}", 99900 + runs, is_provider=True, code=f"BENCH{runs + 1:02d}"
    )
    admin = bench_user(f"bench-billing-{runs + 1:02d}", provider, "admin")
    operator_org = bench_organization("基准测试运营方", 99991, is_operator=True, is_customer=False)
    operator_user = bench_user("bench-billing-operator", operator_org, "admin")
    month = month_of(month_of(clock.today()) - timedelta(days=1))
    log(f"customers: {customers_count}")
    customer_ids = _customers(customers_count)
    programme = _programme(operator_user, customer_ids, month.year)
    started = perf.perf_counter()
    _charges(provider, customer_ids, charges, month, log)
    redeemed = _redemptions(provider, programme)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    built = round(perf.perf_counter() - started, 1)
    log(f"charges written in {built} s; billing run …")
    before = _max_rss_mb()
    actor = command_actor(admin)
    draft, drafted = _timed(lambda: services.start_billing_run(actor, provider, month))
    _issued, issued = _timed(lambda: services.issue_billing_run(actor, draft))
    log("settlement …")
    operator = command_actor(operator_user)
    quarter = quarter_of(month)
    settlement, settled_draft = _timed(
        lambda: services.start_settlement(operator, programme, provider, quarter)
    )
    _done, settled = _timed(lambda: services.issue_settlement(operator, settlement))
    statement = Statement.objects.filter(run=draft).order_by("-charge_count").first()
    log("settlement files …")
    exports = {fmt: _export(operator, settlement, fmt) for fmt in ("xlsx", "pdf")}
    totals = Statement.objects.filter(run=draft)
    return {
        "database": connection.vendor,
        "charges": charges,
        "customers": customers_count,
        "month": f"{month:%Y-%m}",
        "setup_seconds": built,
        "max_rss_mb_before_timed_steps": before,
        "billing_run": {
            "draft": drafted,
            "issue": issued,
            "total_seconds": round(drafted["seconds"] + issued["seconds"], 2),
            "statements": totals.count(),
            "charges_on_statements": Charge.objects.filter(statement__run=draft).count(),
            "largest_statement_lines": statement.charge_count if statement else 0,
        },
        "settlement": {
            "draft": settled_draft,
            "issue": settled,
            "redemptions": redeemed,
            "total_yuan": str(Settlement.objects.get(pk=settlement.pk).total),
            "xlsx_export": exports["xlsx"],
            "pdf_export": exports["pdf"],
        },
    }
