"""An issued statement never changes, and neither do the lines on it: the database refuses it.

Payments and the fapiao may still be recorded on an issued statement (paid_total, fapiao_*);
its number, month, customer, totals and status may not change, and a line on it may not leave
it or change its amounts. PostgreSQL: row triggers that also refuse a DELETE (TRUNCATE, which
only a test database's flush uses, is not a row event). SQLite: update triggers (its flush
deletes row by row, and the foreign keys' PROTECT already keeps the ORM from deleting them).
"""

from django.db import migrations

STATEMENT_FIELDS = ("number", "period", "customer_id", "total", "voucher_total", "due_total",
                    "charge_count", "status")  # fmt: skip
CHARGE_FIELDS = ("statement_id", "amount", "voucher_amount", "quantity", "unit_price")


def _changed(fields, distinct: str) -> str:
    return " OR ".join(f"NEW.{f} {distinct} OLD.{f}" for f in fields)


POSTGRES_FORWARD = [
    f"""CREATE FUNCTION billing_statement_frozen() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'issued' AND (TG_OP = 'DELETE'
                OR {_changed(STATEMENT_FIELDS, "IS DISTINCT FROM")}) THEN
            RAISE EXCEPTION 'statement_frozen' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER statement_frozen BEFORE UPDATE OR DELETE ON billing_statement
        FOR EACH ROW EXECUTE FUNCTION billing_statement_frozen()""",
    f"""CREATE FUNCTION billing_charge_frozen() RETURNS trigger AS $$
    BEGIN
        IF OLD.statement_id IS NOT NULL
                AND EXISTS (SELECT 1 FROM billing_statement s
                            WHERE s.id = OLD.statement_id AND s.status = 'issued')
                AND (TG_OP = 'DELETE' OR {_changed(CHARGE_FIELDS, "IS DISTINCT FROM")}) THEN
            RAISE EXCEPTION 'charge_frozen' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER charge_frozen BEFORE UPDATE OR DELETE ON billing_charge
        FOR EACH ROW EXECUTE FUNCTION billing_charge_frozen()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER statement_frozen ON billing_statement",
    "DROP FUNCTION billing_statement_frozen()",
    "DROP TRIGGER charge_frozen ON billing_charge",
    "DROP FUNCTION billing_charge_frozen()",
]
SQLITE_FORWARD = [
    f"""CREATE TRIGGER statement_frozen BEFORE UPDATE ON billing_statement
        WHEN OLD.status = 'issued' AND ({_changed(STATEMENT_FIELDS, "IS NOT")})
        BEGIN SELECT RAISE(ABORT, 'statement_frozen'); END""",
    f"""CREATE TRIGGER charge_frozen BEFORE UPDATE ON billing_charge
        WHEN OLD.statement_id IS NOT NULL
            AND (SELECT status FROM billing_statement WHERE id = OLD.statement_id) = 'issued'
            AND ({_changed(CHARGE_FIELDS, "IS NOT")})
        BEGIN SELECT RAISE(ABORT, 'charge_frozen'); END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER statement_frozen", "DROP TRIGGER charge_frozen"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("billing", "0004_billing_job")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
