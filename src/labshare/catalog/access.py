"""Who may touch which instrument or test item: the catalogue's use of core.access."""

from django.http import Http404

from labshare.accounts.models import Organization
from labshare.catalog.models import (
    Accreditation,
    AccreditationScope,
    ImportJob,
    Instrument,
    InstrumentPhoto,
    TestService,
)
from labshare.catalog.testing import EDIT as EDIT_TESTING
from labshare.core.access import can, get_in_tenant_or_404, require_active
from labshare.core.actors import Actor

EDIT = "catalog.edit_instrument"


def console_organization(actor: Actor, permission: str = EDIT) -> Organization:
    """The provider the console works for; the actor must hold the permission there (403)."""
    return require_active(actor, permission, provider=True)


def instrument_for_staff(actor: Actor, pk: int) -> Instrument:
    queryset = Instrument.objects.select_related("organization", "instrument_class")
    return get_in_tenant_or_404(actor, queryset, permission=EDIT, pk=pk)


def photo_for_staff(actor: Actor, instrument_pk: int, pk: int) -> InstrumentPhoto:
    queryset = InstrumentPhoto.objects.select_related("instrument__organization")
    return get_in_tenant_or_404(
        actor,
        queryset,
        permission=EDIT,
        org_path="instrument.organization_id",
        pk=pk,
        instrument_id=instrument_pk,
    )


def can_preview(actor: Actor, instrument: Instrument) -> bool:
    """Those who edit the provider's catalogue see its unpublished instruments; everybody else
    sees only public ones."""
    return can(actor, EDIT, instrument.organization_id)


def import_job_for_staff(actor: Actor, pk: int) -> ImportJob:
    queryset = ImportJob.objects.select_related("organization")
    return get_in_tenant_or_404(actor, queryset, permission=EDIT, pk=pk)


def testing_organization(actor: Actor) -> Organization:
    """The provider whose test items and accreditations the console shows (403 otherwise)."""
    return console_organization(actor, EDIT_TESTING)


def test_service_for_staff(actor: Actor, pk: int) -> TestService:
    queryset = TestService.objects.select_related("organization")
    return get_in_tenant_or_404(actor, queryset, permission=EDIT_TESTING, pk=pk)


def accreditation_for_staff(actor: Actor, pk: int) -> Accreditation:
    queryset = Accreditation.objects.select_related("organization")
    return get_in_tenant_or_404(actor, queryset, permission=EDIT_TESTING, pk=pk)


def scope_line_for_staff(actor: Actor, accreditation_pk: int, pk: int) -> AccreditationScope:
    queryset = AccreditationScope.objects.select_related("accreditation__organization")
    return get_in_tenant_or_404(
        actor,
        queryset,
        permission=EDIT_TESTING,
        org_path="accreditation.organization_id",
        pk=pk,
        accreditation_id=accreditation_pk,
    )


def can_preview_test_service(actor: Actor, service: TestService) -> bool:
    """The provider's testing staff see its unpublished and retired items."""
    return can(actor, EDIT_TESTING, service.organization_id)


def visible_test_service(actor: Actor, pk: int) -> TestService:
    """A test item as the public detail page shows it: a public one to everybody, any other
    only to the provider's testing staff (404 for the rest, so drafts are not revealed)."""
    service = TestService.objects.select_related("organization").filter(pk=pk).first()
    if service is None or not (service.is_public or can_preview_test_service(actor, service)):
        raise Http404
    return service
