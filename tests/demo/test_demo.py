import pytest
from django.core.management import call_command

from labshare.accounts.models import Membership, Organization, User
from labshare.catalog.models import Instrument
from labshare.catalog.queries import CatalogFilter, public_instruments
from labshare.core.models import AuditEvent
from labshare.demo.loader import DEMO_PASSWORD


@pytest.fixture
def demo(db):
    call_command("demo", no_serve=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_district_has_16_providers_and_112_published_instruments(demo):
    assert Organization.objects.filter(is_provider=True, is_demo=True).count() == 16
    assert public_instruments().count() == 112
    assert (
        Organization.objects.filter(is_customer=True, is_provider=False, is_operator=False).count()
        == 20
    )


def test_demo_is_loaded_once(demo):
    call_command("demo", no_serve=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Instrument.objects.count() == 112


def test_every_persona_can_log_in(demo):
    roles = {
        "operator": "admin",
        "provider_admin": "admin",
        "technician": "staff",
        "sme_admin": "admin",
        "sme_member": "member",
        "outsider": "admin",
    }
    for username, role in roles.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert Membership.objects.get(user=user).role == role


def test_demo_was_written_through_the_services(demo):
    assert AuditEvent.objects.filter(verb="instrument.published").count() == 112


def test_demo_organizations_are_marked_and_credit_codes_valid(demo):
    from labshare.accounts.uscc import validate_uscc

    for org in Organization.objects.all():
        assert org.is_demo
        validate_uscc(org.uscc)


@pytest.mark.parametrize(
    ("query", "expected"), [("扫描电镜", "扫描电子显微镜"), ("拉伸", None), ("色谱", "色谱")]
)
def test_demo_search_finds_typical_instruments(demo, query, expected):
    found = list(CatalogFilter(q=query).apply(public_instruments())[:5])
    assert found
    if expected:
        assert expected in found[0].name
