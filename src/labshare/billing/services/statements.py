"""Billing runs and statements, payments and fapiao.

A run is set-based: one grouped query finds the customers with unbilled charges, one insert
makes their statements and one update puts every charge on its statement, so a month of
200,000 charges is billed without holding them in memory (`labshare bench billing`).
"""

from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.billing.models import BillingRun, Charge, Payment, Statement
from labshare.billing.periods import month_of, next_month
from labshare.billing.services.common import money
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record, record_many
from labshare.core.errors import Conflict, InvalidInput, InvalidState
from labshare.core.money import to_fen
from labshare.core.sequences import next_values

ZERO = Decimal("0.00")


def _unbilled(provider_id: int, end):
    return Charge.objects.filter(provider_id=provider_id, statement=None, delivered_on__lt=end)


@transaction.atomic
def start_billing_run(actor: Actor, provider: Organization, period) -> BillingRun:
    """Draft statements for the month: every charge of the provider delivered by the month's end
    and on no statement yet, one statement per customer. Running a draft again refreshes it."""
    ensure_can(actor, "billing.run", provider.pk)
    provider = Organization.objects.select_for_update().get(pk=provider.pk)
    period = month_of(period)
    if period > month_of(clock.today()):
        raise InvalidInput(_("A month that has not begun cannot be billed."), field="period")
    end = next_month(period)
    # Locked: an issue of this draft running now finishes first, and then it is no draft.
    run = (
        BillingRun.objects.select_for_update()
        .filter(provider=provider, period=period, status="draft")
        .first()
    )
    if run is not None:
        Charge.objects.filter(statement__run=run).update(statement=None)
        run.statements.all().delete()
    groups = (
        _unbilled(provider.pk, end)
        .values("customer_id")
        .annotate(count=Count("id"), total=Sum("amount"), voucher=Sum("voucher_amount"))
        .order_by("customer_id")
    )
    if not groups.exists():
        raise InvalidInput(
            _("No charges of %(month)s or before are waiting for a statement.")
            % {"month": f"{period:%Y-%m}"},
            field="period",
            code="nothing_to_bill",
        )
    if run is None:
        run = BillingRun.objects.create(provider=provider, period=period, started_by=actor.user)
    Statement.objects.bulk_create(
        (
            Statement(
                run=run,
                provider=provider,
                customer_id=g["customer_id"],
                period=period,
                charge_count=g["count"],
                total=to_fen(g["total"]),
                voucher_total=to_fen(g["voucher"]),
                due_total=to_fen(g["total"]) - to_fen(g["voucher"]),
            )
            for g in groups.iterator()
        ),
        batch_size=1000,
    )
    charged = _put_on_statements(run, provider.pk, end)
    sums = run.statements.aggregate(count=Count("id"), total=Sum("total"))
    run.statement_count = sums["count"]
    run.charge_count = charged
    run.total = to_fen(sums["total"] or ZERO)
    run.started_by = actor.user
    run.save(update_fields=["statement_count", "charge_count", "total", "started_by"])
    record(actor, "billing.run_drafted", run, statements=run.statement_count, charges=charged)
    return run


def _put_on_statements(run: BillingRun, provider_id: int, end) -> int:
    """Every unbilled charge onto its customer's statement of the run: one UPDATE … FROM, a
    join the database does at once (a correlated subquery would look the statement up row by
    row). Both engines take it (SQLite since 3.33)."""
    charge, statement = (connection.ops.quote_name(m._meta.db_table) for m in (Charge, Statement))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The planner must know of the statements just inserted, or it joins them row by row.
            cursor.execute(f"ANALYZE {statement}")
        cursor.execute(
            f"UPDATE {charge} SET statement_id = s.id FROM {statement} AS s"  # noqa: S608
            f" WHERE s.run_id = %s AND s.customer_id = {charge}.customer_id"
            f" AND {charge}.provider_id = %s AND {charge}.statement_id IS NULL"
            f" AND {charge}.delivered_on < %s",
            [run.pk, provider_id, end],
        )
        return cursor.rowcount


@transaction.atomic
def issue_billing_run(actor: Actor, run: BillingRun) -> BillingRun:
    """Number and issue the run's statements; from now on they never change."""
    run = BillingRun.objects.select_for_update().select_related("provider").get(pk=run.pk)
    ensure_can(actor, "billing.run", run.provider_id)
    ensure_person(actor, _("Statements are issued by a person."))
    if run.status != BillingRun.Status.DRAFT:
        raise InvalidState(_("This billing run was already issued."))
    if not run.provider.code:
        raise InvalidState(
            _(
                "Set the provider code in the organization's profile first; statement numbers use it."
            ),
            code="no_code",
        )
    statements = list(
        run.statements.order_by("customer__name_sort", "customer_id").values_list("pk", flat=True)
    )
    if not statements:
        raise InvalidState(_("The run has no statements to issue."))
    # What the lines add up to now is what the statements say: re-read in one grouped query,
    # to the fen in Python (SQLite would add the decimals as floats).
    sums = {
        row["statement_id"]: row
        for row in Charge.objects.filter(statement__run=run)
        .values("statement_id")
        .annotate(total=Sum("amount"), voucher=Sum("voucher_amount"), count=Count("id"))
        .order_by()
    }
    month = f"{run.period:%Y%m}"
    numbers = next_values(f"statement:{run.provider_id}:{month}", len(statements))
    now = clock.now()
    rows = []
    for pk, seq in zip(statements, numbers, strict=True):
        total, voucher = to_fen(sums[pk]["total"]), to_fen(sums[pk]["voucher"])
        number = f"{run.provider.code}-ST-{month}-{seq:04d}"
        rows.append(
            (number, total, voucher, total - voucher, sums[pk]["count"], now, actor.user.pk, pk)
        )
    table = connection.ops.quote_name(Statement._meta.db_table)
    with connection.cursor() as cursor:  # one prepared statement, many rows
        cursor.executemany(
            f"UPDATE {table} SET number = %s, total = %s, voucher_total = %s, due_total = %s,"  # noqa: S608
            " charge_count = %s, status = 'issued', issued_at = %s, issued_by_id = %s"
            " WHERE id = %s",
            rows,
        )
    run.status = BillingRun.Status.ISSUED
    run.issued_at = now
    run.save(update_fields=["status", "issued_at"])
    record(actor, "billing.run_issued", run, statements=len(statements))
    issued = run.statements.only("pk", "number", "provider_id", "customer_id")
    record_many(actor, "statement.issued", issued.iterator(), lambda s: {"number": s.number})
    return run


def _locked_issued(actor: Actor, statement: Statement) -> Statement:
    """The statement, locked, for the provider's staff who run billing, once issued."""
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    ensure_can(actor, "billing.run", statement.provider_id)
    if statement.status != Statement.Status.ISSUED:
        raise InvalidState(_("The statement is still a draft; issue it first."))
    return statement


@transaction.atomic
def record_payment(actor: Actor, statement: Statement, amount, paid_on, reference: str) -> Payment:
    """The provider received a bank transfer for the statement (in full or in part)."""
    statement = _locked_issued(actor, statement)
    ensure_person(actor, _("A payment is recorded by a person."))
    amount = money(amount, "amount", allow_zero=False)
    if amount > statement.balance:
        raise InvalidInput(
            _("The payment is more than the %(balance)s still owed on this statement.")
            % {"balance": statement.balance},
            field="amount",
            code="over_balance",
        )
    if paid_on > clock.today():
        raise InvalidInput(_("A payment cannot be dated in the future."), field="paid_on")
    if paid_on < statement.period:
        raise InvalidInput(_("The payment is dated before the month it pays for."), field="paid_on")
    reference = reference.strip()
    if not reference:
        raise InvalidInput(_("Enter the bank transfer reference."), field="reference")
    payment = Payment.objects.create(
        statement=statement,
        amount=amount,
        paid_on=paid_on,
        reference=reference[:60],
        recorded_by=actor.user,
    )
    statement.paid_total += amount  # on the locked row, in Decimals
    statement.save(update_fields=["paid_total"])
    record(actor, "statement.paid", statement, amount=str(amount), reference=payment.reference)
    return payment


@transaction.atomic
def record_fapiao(actor: Actor, statement: Statement, number: str, issued_on) -> Statement:
    """The fapiao (发票) the provider issued for the statement: its number and date, once."""
    statement = _locked_issued(actor, statement)
    number = number.strip()
    if not (number.isdigit() and 8 <= len(number) <= 20):
        raise InvalidInput(_("A fapiao number is 8 to 20 digits."), field="number")
    if issued_on > clock.today():
        raise InvalidInput(_("A fapiao cannot be dated in the future."), field="issued_on")
    if statement.fapiao_number:
        raise Conflict(
            _("Fapiao %(number)s is already recorded for this statement.")
            % {"number": statement.fapiao_number},
            field="number",
        )
    statement.fapiao_number, statement.fapiao_date = number, issued_on
    statement.save(update_fields=["fapiao_number", "fapiao_date"])
    record(actor, "statement.fapiao", statement, number=number, date=issued_on)
    return statement
