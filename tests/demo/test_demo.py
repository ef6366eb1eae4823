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
from labshare.catalog.accreditation import accredited_service_ids
from labshare.catalog.models import Accreditation, Instrument, TestService
from labshare.catalog.queries import CatalogFilter, public_instruments
from labshare.cooperation.models import Agreement, Need, NeedAccess, Proposal
from labshare.core import clock
from labshare.core.models import AuditEvent, Notification
from labshare.demo.loader import DEMO_PASSWORD
from labshare.orders.models import Review, ServiceOrder, TestReport
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

    assert_testing_service(today)
    assert_cooperation(today)

    run_demo()  # a second run loads nothing twice
    assert Instrument.objects.count() == 112
    assert TestService.objects.count() == 15
    assert ServiceOrder.objects.count() == 17


def assert_cooperation(today):
    """Needs in several fields and states, proposals, an agreement in force with one milestone
    accepted and one overdue, a terminated one, a confidential need read under the undertaking."""
    needs = Need.objects.all()
    assert needs.values("field").distinct().count() >= 5
    assert {"open", "awarded", "withdrawn"} <= set(needs.values_list("status", flat=True))
    assert Proposal.objects.filter(status="declined").exists()
    active = Agreement.objects.get(status="active")
    milestones = list(active.milestones.order_by("due_on"))
    assert milestones[0].accepted_at is not None
    assert milestones[1].is_overdue(today) and milestones[1].delivered_at is None
    assert active.registration_number and active.signed_on
    assert Agreement.objects.filter(status="terminated").exclude(end_reason="").exists()
    secret = needs.get(is_confidential=True)
    assert NeedAccess.objects.get(need=secret).reads_details
    assert Proposal.objects.filter(need=secret).exists()


def assert_testing_service(today):
    """Test items, certificates and orders: every status, the three-person sign-off, a
    corrected report, a review with its answer, an order past its due date."""
    items = TestService.objects.all()
    assert items.count() >= 12
    assert items.filter(is_published=True).count() >= 10
    assert items.filter(instruments__isnull=False).distinct().count() >= 8
    assert AuditEvent.objects.filter(verb="test_service.published").count() == (
        items.filter(is_published=True).count()
    )
    accredited = set()
    for provider_id in items.values_list("organization", flat=True).distinct():
        accredited |= accredited_service_ids(provider_id, today)
    published = set(items.filter(is_published=True).values_list("pk", flat=True))
    assert published & accredited and published - accredited
    assert {"cma", "cnas"} <= set(
        Accreditation.objects.filter(valid_from__lte=today, valid_until__gte=today).values_list(
            "kind", flat=True
        )
    )
    assert Accreditation.objects.filter(valid_until__lt=today).exists()  # an expired one
    statuses = set(ServiceOrder.objects.values_list("status", flat=True))
    assert statuses == set(ServiceOrder.Status.values)
    for order in ServiceOrder.objects.exclude(status=ServiceOrder.Status.DRAFT):
        assert order.customer.is_customer and not order.customer.is_provider
        assert AuditEvent.objects.filter(verb="order.submitted", target_id=order.pk).exists()
    in_lab = ServiceOrder.objects.filter(status__in=["samples_received", "testing"])
    assert in_lab.filter(due_date__lt=today).exists()  # overdue
    reports = TestReport.objects.all()
    assert reports.filter(status="valid", replaces__isnull=False).exists()
    void = reports.get(status="void")
    assert void.replaced_by.status == "valid" and void.voided_at is not None
    # The mark where every item is in a valid scope; items outside every scope named.
    assert any(mark["kind"] == "cma" for report in reports for mark in report.marks)
    assert any(report.unaccredited_items and not report.marks for report in reports)
    for report in reports:
        signers = {report.prepared_by_id, report.checked_by_id, report.approved_by_id}
        assert len(signers) == 3, report.number
        assert bytes(report.pdf).startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="report.issued").count() == reports.count()
    assert Review.objects.count() >= 2
    assert Review.objects.exclude(reply="").filter(replied_at__isnull=False).exists()


@pytest.mark.django_db
def test_demo_refuses_a_database_with_real_data():
    make_organization("真实的科技有限公司")
    with pytest.raises(CommandError):
        run_demo()
    assert not Organization.objects.filter(is_demo=True).exists()
