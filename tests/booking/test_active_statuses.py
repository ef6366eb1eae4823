"""The statuses that hold time are one constant, Reservation.ACTIVE, and the database's no-overlap
rule is read back and compared with it: adding a status to ACTIVE without a migration fails here."""

import re

from django.db import connection

from labshare.booking.models import Reservation


def statuses_in(sql: str) -> set[str]:
    """The statuses named in each status list of the SQL: PostgreSQL writes `status IN (...)` back
    as `= ANY (ARRAY[...])`, SQLite keeps the trigger's text. Every list must name the same ones."""
    lists = re.findall(r"ARRAY\[([^\]]*)\]", sql) or re.findall(
        r"status IN \(([^)]*)\)", sql, flags=re.IGNORECASE
    )
    named = [frozenset(re.findall(r"'([a-z_]+)'", group)) for group in lists]
    assert len(set(named)) <= 1, f"status lists disagree: {named}"
    return set(named[0]) if named else set()


def installed_rule_sql() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conname = 'reservation_no_overlap'"
            )
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'reservation_no_overlap_%'"
            )
        return [row[0] for row in cursor.fetchall()]


def test_the_database_rule_covers_exactly_the_active_statuses(db):
    rules = installed_rule_sql()
    assert rules, "the no-overlap rule is not installed"
    for sql in rules:
        assert statuses_in(sql) == set(Reservation.ACTIVE), sql


def test_status_parser_reads_both_dialects():
    postgres = "EXCLUDE USING gist (...) WHERE (((status)::text = ANY ((ARRAY['pending'::character varying, 'in_use'::character varying])::text[])))"
    sqlite = "WHEN NEW.status IN ('pending', 'confirmed') BEGIN ... other.status IN ('pending', 'confirmed')"
    assert statuses_in(postgres) == {"pending", "in_use"}
    assert statuses_in(sqlite) == {"pending", "confirmed"}
