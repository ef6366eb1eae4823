"""Named personas for every test, built through the real services.

provider_admin, technician and provider_member work for the provider 测试理工大学;
sme_admin and sme_member for the customer 测试科技有限公司; outsider administers another customer;
other_provider_admin administers a second provider; operator works for the platform operator.
"""

import os

import pytest
from django.db import connection

from tests.factories import make_member, make_organization


def pytest_collection_modifyitems(config, items):
    on_postgres = bool(os.environ.get("LABSHARE_TEST_DATABASE_URL"))
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set LABSHARE_TEST_DATABASE_URL to run it")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the session, end connections that server threads left behind, so that the test
    database can be dropped (PostgreSQL refuses to drop a database somebody is connected to)."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached facets must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def operator_org(db):
    return make_organization(
        "测试平台运营中心", kind="government", is_operator=True, is_customer=False
    )


@pytest.fixture
def provider_org(db):
    return make_organization("测试理工大学", kind="university", is_provider=True, code="TSTU")


@pytest.fixture
def other_provider_org(db):
    return make_organization("另一研究院", kind="institute", is_provider=True, code="OTHR")


@pytest.fixture
def sme_org(db):
    return make_organization("测试科技有限公司", is_tech_sme=True)


@pytest.fixture
def outsider_org(db):
    return make_organization("局外科技有限公司")


@pytest.fixture
def operator(operator_org):
    return make_member(operator_org, "operator", "admin")


@pytest.fixture
def provider_admin(provider_org):
    return make_member(provider_org, "provider_admin", "admin")


@pytest.fixture
def technician(provider_org):
    return make_member(provider_org, "technician", "staff")


@pytest.fixture
def provider_member(provider_org):
    return make_member(provider_org, "provider_member", "member")


@pytest.fixture
def other_provider_admin(other_provider_org):
    return make_member(other_provider_org, "other_provider_admin", "admin")


@pytest.fixture
def sme_admin(sme_org):
    return make_member(sme_org, "sme_admin", "admin")


@pytest.fixture
def sme_member(sme_org):
    return make_member(sme_org, "sme_member", "member")


@pytest.fixture
def outsider(outsider_org):
    return make_member(outsider_org, "outsider", "admin")


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def client_of(client):
    """client_of(user) → a test client logged in as user."""

    def login(user):
        client.force_login(user)
        return client

    return login
