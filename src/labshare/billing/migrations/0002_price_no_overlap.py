"""Two prices of one item and tier never hold on the same day: the database enforces it.

PostgreSQL: exclusion constraints over (item, tier, daterange(valid_from, valid_until, '[]'));
an empty valid_until is an open upper bound. SQLite: triggers that abort an insert or update
creating an overlap. The price service checks first and says so in words; this is the backstop.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    *(
        f"""ALTER TABLE billing_price ADD CONSTRAINT price_{column}_no_overlap
        EXCLUDE USING gist ({column}_id WITH =, tier WITH =,
            daterange(valid_from, valid_until, '[]') WITH &&)
        WHERE ({column}_id IS NOT NULL)"""
        for column in ("instrument", "test_service")
    ),
]
POSTGRES_BACKWARD = [
    "ALTER TABLE billing_price DROP CONSTRAINT price_instrument_no_overlap",
    "ALTER TABLE billing_price DROP CONSTRAINT price_test_service_no_overlap",
]

_SQLITE_OVERLAP = """
    SELECT RAISE(ABORT, 'price_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM billing_price AS other
        WHERE other.id IS NOT NEW.id
          AND other.tier = NEW.tier
          AND (other.instrument_id = NEW.instrument_id
               OR other.test_service_id = NEW.test_service_id)
          AND (other.valid_until IS NULL OR other.valid_until >= NEW.valid_from)
          AND (NEW.valid_until IS NULL OR NEW.valid_until >= other.valid_from)
    );
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER price_no_overlap_insert BEFORE INSERT ON billing_price BEGIN {_SQLITE_OVERLAP} END",
    f"""CREATE TRIGGER price_no_overlap_update
        BEFORE UPDATE OF instrument_id, test_service_id, tier, valid_from, valid_until
        ON billing_price BEGIN {_SQLITE_OVERLAP} END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER price_no_overlap_insert", "DROP TRIGGER price_no_overlap_update"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
