"""Who may touch which instrument: the catalogue's use of core.access."""

from labshare.accounts.models import Organization
from labshare.catalog.models import ImportJob, Instrument, InstrumentPhoto
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
