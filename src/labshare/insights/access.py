"""Who sees which dashboard: the operator's staff see the district and every provider; a
provider's staff see their own unit only (another provider is a 404, too little a 403)."""

from django.http import Http404

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument
from labshare.core.access import active_can, get_in_tenant_or_404, require_active
from labshare.core.actors import Actor


def ensure_district(actor: Actor) -> None:
    require_active(actor, "platform.view_insights", operator=True)


def sees_district(actor: Actor) -> bool:
    return active_can(actor, "platform.view_insights", operator=True)


def provider_for_reader(actor: Actor, pk: int | None = None) -> Organization:
    """The provider whose dashboard is asked for: pk, or the actor's own unit."""
    if pk is None:
        return require_active(actor, "insights.view", provider=True)
    if sees_district(actor):
        provider = Organization.objects.filter(pk=pk, is_provider=True).first()
        if provider is None:
            raise Http404
        return provider
    return get_in_tenant_or_404(
        actor,
        Organization.objects.filter(is_provider=True),
        permission="insights.view",
        org_path="pk",
        pk=pk,
    )


def instrument_for_quota(actor: Actor, pk: int) -> Instrument:
    return get_in_tenant_or_404(
        actor, Instrument.objects.all(), permission="insights.edit_quota", pk=pk
    )


def assessment_for_reader(actor: Actor, pk: int):
    """An assessment workbook, for whoever may see its scope's dashboard."""
    from labshare.insights.models import AssessmentExport

    job = AssessmentExport.objects.filter(pk=pk).first()
    if job is None:
        raise Http404
    if job.provider_id is None:
        ensure_district(actor)
    else:
        provider_for_reader(actor, job.provider_id)
    return job
