"""The few SQL pieces that differ between SQLite and PostgreSQL, for the figures' queries.

The figures split intervals (a usage record, a reservation) at period and month boundaries;
Django's ORM has no overlap-of-intervals aggregate, so definitions.py writes that SQL itself,
once, and takes the dialect's words from here.
"""

from django.db import connection


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def seconds_between(later: str, earlier: str) -> str:
    if is_postgres():
        return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


def least(*items: str) -> str:
    return f"{'LEAST' if is_postgres() else 'MIN'}({', '.join(items)})"


def greatest(*items: str) -> str:
    return f"{'GREATEST' if is_postgres() else 'MAX'}({', '.join(items)})"


def moment_param() -> str:
    """A datetime parameter's placeholder (typed on PostgreSQL, where VALUES lists are untyped)."""
    return "%s::timestamptz" if is_postgres() else "%s"


def moment(value):
    """A datetime as the database compares it (SQLite keeps UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def buckets_cte(periods) -> tuple[str, list]:
    """`buckets(idx, b_start, b_end)`: one row per period, for joining intervals to periods."""
    rows = ", ".join(
        f"({index}, {moment_param()}, {moment_param()})" for index in range(len(periods))
    )
    params = []
    for period in periods:
        params += [moment(period.since), moment(period.until)]
    return f"buckets(idx, b_start, b_end) AS (VALUES {rows})", params


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
