"""The demo district loads through the services, once, with the content the README promises."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from labshare.accounts.models import Membership, Organization, User
from labshare.accounts.uscc import validate_uscc
from labshare.booking.models import Qualification, Reservation, UsageRecord, WeeklyWindow
from labshare.catalog.models import Instrument
from labshare.catalog.queries import CatalogFilter, public_instruments
from labshare.core import clock
from labshare.core.models import AuditEvent, Notification
from labshare.demo.loader import DEMO_PASSWORD
from tests.factories import make_organization

PERSONA_ROLES = {
    "operator": "admin",
    "provider_admin": "admin",
    "technician": "staff",
    "sme_admin": "admin",
    "sme_member": "member",
    "outsider": "admin",
}


def run_demo(**options) -> str:
    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_district_content(monkeypatch):
    monkeypatch.setenv("SITE_URL", "placeholder")
    monkeypatch.delenv("SITE_URL")
    with override_settings(SITE_URL="http://127.0.0.1:8000"):
        output = run_demo(port=8100)
        # Links in mails follow the port the demo serves on.
        assert settings.SITE_URL == "http://127.0.0.1:8100"
    # Progress while loading, and what each persona is for.
    assert "providers and instruments: 16/16" in output
    assert "approvals, today's check-ins" in output
    # 今日上机 has work today; newcomers find a few unread notifications, not the history's.
    today = clock.today()
    todays = Reservation.objects.filter(start__date=today, status__in=Reservation.ACTIVE)
    assert todays.count() >= 3
    for username in ("technician", "sme_member", "provider_admin"):
        unread = Notification.objects.filter(user__username=username, read_at__isnull=True)
        assert 1 <= unread.count() <= 10, username
    assert Organization.objects.filter(is_provider=True, is_demo=True).count() == 16
    assert public_instruments().count() == 112
    customers = Organization.objects.filter(is_customer=True, is_provider=False, is_operator=False)
    assert customers.count() == 20
    for org in Organization.objects.all():
        assert org.is_demo
        validate_uscc(org.uscc)
    for username, role in PERSONA_ROLES.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert Membership.objects.get(user=user).role == role
    # Written through the services: every publication is in the audit log.
    assert AuditEvent.objects.filter(verb="instrument.published").count() == 112
    for query, expected in [("扫描电镜", "扫描电子显微镜"), ("拉伸", ""), ("色谱", "色谱")]:
        found = list(CatalogFilter(q=query).apply(public_instruments())[:5])
        assert found and expected in found[0].name, query
    # The booking side is not empty: opening hours, qualifications, history and coming bookings.
    assert WeeklyWindow.objects.values("instrument").distinct().count() == 112
    assert Qualification.objects.exists()
    assert UsageRecord.objects.count() >= 20
    assert Reservation.objects.filter(status="completed").count() >= 20
    assert Reservation.objects.filter(status__in=["pending", "confirmed"]).count() >= 10

    run_demo()  # a second run loads nothing twice
    assert Instrument.objects.count() == 112


@pytest.mark.django_db
def test_demo_refuses_a_database_with_real_data():
    make_organization("真实的科技有限公司")
    with pytest.raises(CommandError):
        run_demo()
    assert not Organization.objects.filter(is_demo=True).exists()
