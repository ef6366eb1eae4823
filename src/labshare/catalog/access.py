"""Who may touch which instrument: the catalogue's use of core.access."""

from labshare.catalog.models import Instrument, InstrumentPhoto
from labshare.core.access import get_in_tenant_or_404, has_role, require_active_role


def console_membership(request):
    """The provider staff membership that the console works under (403 otherwise)."""
    return require_active_role(request, "staff", provider=True)


def instrument_for_staff(request, pk: int) -> Instrument:
    queryset = Instrument.objects.select_related("organization", "instrument_class")
    return get_in_tenant_or_404(request.user, queryset, min_role="staff", pk=pk)


def photo_for_staff(request, instrument_pk: int, pk: int) -> InstrumentPhoto:
    queryset = InstrumentPhoto.objects.select_related("instrument__organization")
    return get_in_tenant_or_404(
        request.user,
        queryset,
        min_role="staff",
        org_path="instrument.organization_id",
        pk=pk,
        instrument_id=instrument_pk,
    )


def can_preview(request, instrument: Instrument) -> bool:
    """Provider staff see their own unpublished instruments; everybody else sees only public ones."""
    return has_role(request.user, instrument.organization_id, "staff")
