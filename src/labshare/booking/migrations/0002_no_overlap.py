"""No two active reservations of one instrument overlap: the database enforces it.

PostgreSQL: an exclusion constraint over (instrument, tstzrange(start, end, '[)')) for active rows,
with btree_gist for the equality part. SQLite: triggers that abort an insert or update creating an
overlap (SQLite has no exclusion constraints; writes are serialised by BEGIN IMMEDIATE anyway).
Both surface as IntegrityError, which the booking service turns into a clear message.
"""

from django.db import migrations

ACTIVE = "('pending', 'confirmed', 'in_use')"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE booking_reservation ADD CONSTRAINT reservation_no_overlap
        EXCLUDE USING gist (instrument_id WITH =, tstzrange("start", "end", '[)') WITH &&)
        WHERE (status IN {ACTIVE})""",
]
POSTGRES_BACKWARD = ["ALTER TABLE booking_reservation DROP CONSTRAINT reservation_no_overlap"]

_SQLITE_OVERLAP = f"""
    SELECT RAISE(ABORT, 'reservation_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM booking_reservation AS other
        WHERE other.instrument_id = NEW.instrument_id
          AND other.id IS NOT NEW.id
          AND other.status IN {ACTIVE}
          AND other."start" < NEW."end"
          AND other."end" > NEW."start"
    );
"""
SQLITE_FORWARD = [
    f"""CREATE TRIGGER reservation_no_overlap_insert BEFORE INSERT ON booking_reservation
        WHEN NEW.status IN {ACTIVE}
        BEGIN {_SQLITE_OVERLAP} END""",
    f"""CREATE TRIGGER reservation_no_overlap_update
        BEFORE UPDATE OF instrument_id, "start", "end", status ON booking_reservation
        WHEN NEW.status IN {ACTIVE}
        BEGIN {_SQLITE_OVERLAP} END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER reservation_no_overlap_insert",
    "DROP TRIGGER reservation_no_overlap_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
