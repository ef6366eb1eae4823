"""Loads the fictional demo district through the real services. Deterministic; loads once."""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.test import override_settings

from labshare.accounts import services as account_services
from labshare.accounts.models import Organization, User
from labshare.catalog import services as catalog_services
from labshare.catalog.models import Discipline, InstrumentClass
from labshare.core import services as core_services
from labshare.core.actors import command_actor, system_actor
from labshare.demo import billing_demo, insights_demo
from labshare.demo.booking_history import book_today, load_booking
from labshare.demo.cooperation_demo import load_cooperation
from labshare.demo.testing_demo import load_testing

DEMO_PASSWORD = "labshare-demo"
# The fictional district: operator, 16 providers with 112 instruments, 20 customers.
DISTRICT_FILE = Path(__file__).resolve().parent / "data" / "district.json"


def district() -> dict:
    with DISTRICT_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organization: str
    role: str
    explanation: str = ""


# username, full name, organization (operator, first provider, first or second customer), role,
# and what to try as this person (printed by `labshare demo`).
PERSONAS = (
    (
        "operator",
        "平台运营专员（演示）",
        "operator",
        "admin",
        "the district operator: provider applications, outgoing mail, every audit trail",
    ),
    (
        "provider_admin",
        "实验室主任（演示）",
        "provider",
        "admin",
        "a provider's lab director: instruments, import/export, members, schedules; "
        "quotes test orders and signs their reports",
    ),
    (
        "technician",
        "仪器技术员（演示）",
        "provider",
        "staff",
        "the provider's technician: approvals, today's check-ins and check-outs, calendar; "
        "enters test results (dlsfu_checker checks them)",
    ),
    (
        "sme_admin",
        "企业负责人（演示）",
        "customer",
        "admin",
        "a small firm's head: its members and every booking of the firm",
    ),
    (
        "sme_member",
        "企业工程师（演示）",
        "customer",
        "member",
        "the firm's engineer: search, book, cancel; has bookings today and test orders",
    ),
    (
        "outsider",
        "另一企业负责人（演示）",
        "other_customer",
        "admin",
        "another firm: sees nothing of the first firm's bookings",
    ),
)


def is_loaded() -> bool:
    return Organization.objects.filter(is_demo=True).exists()


def holds_real_data() -> bool:
    """Whether the database has organizations that are not demo data: the demo and the
    benchmarks, which write synthetic rows, stay out of such a database."""
    return Organization.objects.filter(is_demo=False).exists()


def _organization(fields: dict, **flags) -> Organization:
    keys = (
        "name",
        "short_name",
        "uscc",
        "address",
        "contact_name",
        "contact_phone",
        "contact_email",
        "description",
    )
    data = {key: fields[key] for key in keys if key in fields}
    return account_services.create_organization(system_actor(), is_demo=True, **data, **flags)


def _account(username: str, full_name: str, org: Organization, role: str) -> User:
    user = account_services.create_account(
        system_actor(),
        username=username,
        password=DEMO_PASSWORD,
        email=f"{username}@demo.example.cn",
        full_name=full_name,
    )
    account_services.add_member(system_actor(), org, user, role)
    return user


def _instrument(org: Organization, data: dict, classes: dict, disciplines: dict) -> None:
    fields = dict(data)
    fields["instrument_class"] = classes[fields.pop("class_code")]
    chosen = [disciplines[code] for code in fields.pop("disciplines")]
    fields["original_value"] = Decimal(fields["original_value"])
    fields["hourly_fee"] = Decimal(fields["hourly_fee"])
    fields["acquisition_date"] = date.fromisoformat(fields["acquisition_date"])
    instrument = catalog_services.create_instrument(
        system_actor(), org, disciplines=chosen, **fields
    )
    catalog_services.publish_instrument(system_actor(), instrument)


def load_demo(progress=lambda step, done, total: None) -> None:
    """Create the operator, providers with their instruments, customers and one user per persona,
    then the booking history and the testing service (test items, certificates, test orders).

    Notifications are stored, but their e-mails (sent when the transaction commits) would only
    flood the console, so they go nowhere. Those of the replayed history are marked read: a
    newcomer finds only today's few unread. progress(step, done, total) hears how far it got.
    """
    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    with quiet, transaction.atomic():
        return _load(progress)


def _load(progress) -> list[DemoAccount]:
    content = district()
    classes = InstrumentClass.objects.in_bulk()
    disciplines = Discipline.objects.in_bulk()
    operator = _organization(
        content["operator"], kind="government", is_operator=True, is_customer=False
    )
    providers = []
    total = len(content["providers"])
    for number, entry in enumerate(content["providers"], start=1):
        org = _organization(entry, kind=entry["kind"], is_provider=True, code=entry["code"])
        for data in entry["instruments"]:
            _instrument(org, data, classes, disciplines)
        providers.append(org)
        progress("providers and instruments", number, total)
    customers = []
    for entry in content["customers"]:
        flags = {
            key: entry[key] for key in ("is_tech_sme", "is_high_tech", "is_gazelle", "is_eaglet")
        }
        customers.append(_organization(entry, kind="enterprise", **flags))
    persona_organizations = {
        "operator": operator,
        "provider": providers[0],
        "customer": customers[0],
        "other_customer": customers[1],
    }
    users = {
        username: _account(username, full_name, persona_organizations[org], role)
        for username, full_name, org, role, _explanation in PERSONAS
    }
    # Every other provider gets a lab manager, a few more customers an engineer each.
    staff = {providers[0].pk: users["technician"]}
    for org in providers[1:]:
        staff[org.pk] = _account(f"{org.code.lower()}_admin", "实验室管理员（演示）", org, "admin")
    bookers = [(users["sme_member"], customers[0]), (users["outsider"], customers[1])]
    for number, org in enumerate(customers[2:8], start=2):
        bookers.append(
            (_account(f"engineer{number:02d}", "企业工程师（演示）", org, "member"), org)
        )
    progress("price lists and innovation vouchers", 0, 1)
    admins = {providers[0].pk: users["provider_admin"]} | {
        org.pk: staff[org.pk] for org in providers[1:]
    }
    billing_demo.load_prices(admins)
    billing_demo.load_vouchers(users["operator"], customers)
    progress("price lists and innovation vouchers", 1, 1)
    progress("opening hours and booking history", 0, 1)
    load_booking(providers, staff, bookers)
    progress("test items, certificates and test orders", 0, 1)
    load_testing(providers, staff, bookers, _account)
    billing_demo.load_test_prices(admins)
    progress("test items, certificates and test orders", 1, 1)
    billing_demo.load_statements(
        providers[0], users["provider_admin"], users["sme_admin"], users["operator"]
    )
    progress("R&D cooperation", 0, 1)
    load_cooperation(providers, staff, admins, users, customers, bookers)
    progress("R&D cooperation", 1, 1)
    insights_demo.load_indicators(users["operator"])
    for user in User.objects.filter(memberships__organization__is_demo=True).distinct():
        core_services.mark_notifications_read(command_actor(user))
    book_today(providers[0], staff[providers[0].pk], bookers)
    progress("opening hours and booking history", 1, 1)


def demo_accounts() -> list[DemoAccount]:
    """The persona accounts of an already loaded demo."""
    result = []
    for username, _name, _org, _role, explanation in PERSONAS:
        user = User.objects.filter(username=username).first()
        membership = user.memberships.select_related("organization").first() if user else None
        if membership:
            result.append(
                DemoAccount(username, membership.organization.name, membership.role, explanation)
            )
    return result
