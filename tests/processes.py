"""Helpers for tests that start the platform's own commands as separate processes."""

from django.db import connection


def database_env() -> dict[str, str]:
    """DATABASE_URL of the test database this test runs on."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"DATABASE_URL": f"sqlite:///{db['NAME']}"}
    return {
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    }
