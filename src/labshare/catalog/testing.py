"""Every write to a provider's test items (检测项目) and accreditations (CMA/CNAS)."""

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.catalog.models import Accreditation, AccreditationScope, Instrument, TestService
from labshare.core.access import ensure_can
from labshare.core.actors import Actor, require_actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput, InvalidState, NotAllowed
from labshare.core.validation import save_or_conflict, validate_fields

EDIT = "catalog.edit_testing"
TEST_SERVICE_FIELDS = (
    "code",
    "name",
    "method_code",
    "method_title",
    "description",
    "sample_type",
    "sample_amount",
    "sample_container",
    "sample_storage",
    "result_unit",
    "turnaround_days",
    "price_per_sample",
    "allow_self_verification",
)


def ensure_testing_staff(actor: Actor, organization: Organization) -> None:
    require_actor(actor)
    if not organization.is_provider:
        raise NotAllowed(_("Only approved providers can offer tests."))
    ensure_can(actor, EDIT, organization.pk)


def _check_instruments(organization: Organization, instruments) -> list[Instrument]:
    instruments = list(instruments or [])
    if any(instrument.organization_id != organization.pk for instrument in instruments):
        raise InvalidInput(
            _("A test item uses only the provider's own instruments."), field="instruments"
        )
    return instruments


def _save(service: TestService, update_fields=None) -> None:
    validate_fields(service, exclude=["organization"])
    save_or_conflict(
        service,
        _("Another test item of this provider has this number."),
        update_fields,
        field="code",
    )


@transaction.atomic
def create_test_service(
    actor: Actor, organization: Organization, *, instruments=(), **fields
) -> TestService:
    """A new, unpublished test item."""
    ensure_testing_staff(actor, organization)
    unknown = set(fields) - set(TEST_SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    instruments = _check_instruments(organization, instruments)
    service = TestService(organization=organization, **fields)
    _save(service)
    service.instruments.set(instruments)
    record(actor, "test_service.created", service, code=service.code)
    return service


def _locked(actor: Actor, service: TestService) -> TestService:
    service = (
        TestService.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=service.pk)
    )
    ensure_testing_staff(actor, service.organization)
    return service


@transaction.atomic
def update_test_service(
    actor: Actor, service: TestService, *, instruments=None, **fields
) -> TestService:
    service = _locked(actor, service)
    unknown = set(fields) - set(TEST_SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(service, name) != value]
    for name, value in fields.items():
        setattr(service, name, value)
    _save(service, [*changed, "name_sort", "updated_at"] if changed else None)
    if instruments is not None:
        service.instruments.set(_check_instruments(service.organization, instruments))
    record(actor, "test_service.updated", service, fields=changed)
    return service


@transaction.atomic
def publish_test_service(actor: Actor, service: TestService) -> TestService:
    service = _locked(actor, service)
    if service.retired_at is not None:
        raise InvalidState(_("A retired test item cannot be published."))
    service.is_published = True
    service.save(update_fields=["is_published", "updated_at"])
    record(actor, "test_service.published", service)
    return service


@transaction.atomic
def withdraw_test_service(actor: Actor, service: TestService) -> TestService:
    """Take a test item off the public catalogue; orders already placed go on."""
    service = _locked(actor, service)
    service.is_published = False
    service.save(update_fields=["is_published", "updated_at"])
    record(actor, "test_service.withdrawn", service)
    return service


@transaction.atomic
def add_accreditation(
    actor: Actor,
    organization: Organization,
    *,
    kind: str,
    number: str,
    issuer: str,
    valid_from,
    valid_until,
) -> Accreditation:
    ensure_testing_staff(actor, organization)
    accreditation = Accreditation(
        organization=organization,
        kind=kind,
        number=number.strip(),
        issuer=issuer,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    validate_fields(accreditation, exclude=["organization"])
    if valid_until < valid_from:
        raise InvalidInput(_("The certificate ends before it begins."), field="valid_until")
    save_or_conflict(
        accreditation, _("This certificate number is already recorded."), field="number"
    )
    record(actor, "accreditation.added", accreditation, kind=kind, number=accreditation.number)
    return accreditation


@transaction.atomic
def set_scope_line(
    actor: Actor, accreditation: Accreditation, service: TestService, method_code: str = ""
) -> AccreditationScope:
    """Put a test item inside a certificate's scope, by a method (the item's own by default)."""
    accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    ensure_testing_staff(actor, accreditation.organization)
    if service.organization_id != accreditation.organization_id:
        raise InvalidInput(_("The test item belongs to another provider."), field="test_service")
    method_code = (method_code or service.method_code).strip()
    if not method_code:
        raise InvalidInput(_("Name the standard the scope covers."), field="method_code")
    line, _created = AccreditationScope.objects.update_or_create(
        accreditation=accreditation, test_service=service, defaults={"method_code": method_code}
    )
    record(actor, "accreditation.scope_set", accreditation, item=service.pk, method=method_code)
    return line


@transaction.atomic
def remove_scope_line(actor: Actor, line: AccreditationScope) -> None:
    accreditation = Accreditation.objects.select_for_update().get(pk=line.accreditation_id)
    ensure_testing_staff(actor, accreditation.organization)
    AccreditationScope.objects.filter(pk=line.pk).delete()
    record(actor, "accreditation.scope_removed", accreditation, item=line.test_service_id)
