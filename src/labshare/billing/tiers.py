"""Which price tier a customer pays at a provider, on a day.

Internal: the provider's own unit. SME: a firm whose 科技型中小企业 or start-up team status the
operator verified and that holds on the day (a self-declared flag is not enough). Academic:
universities and institutes. Everybody else: enterprise.
"""

from labshare.accounts.models import Organization
from labshare.billing.models import Attribute, Tier, Verification

SME_ATTRIBUTES = (Attribute.TECH_SME, Attribute.STARTUP_TEAM)


def verified_attributes(organization_id: int, day) -> set[str]:
    """The attributes the operator verified for the organisation that hold on the day."""
    return {
        v.attribute
        for v in Verification.objects.filter(organization_id=organization_id, revoked_at=None)
        if v.holds_on(day)
    }


def tier_of(customer: Organization, provider_id: int, day) -> str:
    if customer.pk == provider_id:
        return Tier.INTERNAL
    if verified_attributes(customer.pk, day) & set(SME_ATTRIBUTES):
        return Tier.SME
    if customer.kind in (Organization.Kind.UNIVERSITY, Organization.Kind.INSTITUTE):
        return Tier.ACADEMIC
    return Tier.ENTERPRISE
