"""Who may see which billing object: the billing app's use of core.access.

A charge, a statement and a dispute have two tenants, the customer and the provider; each side
reaches them through its own helper. Programmes, verifications, grants and settlements are the
operator's (a settlement is also its provider's to read). Anybody else gets a 404; a member of
the right side without the permission 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from labshare.accounts.models import Organization
from labshare.billing.models import (
    BillingJob,
    BillingRun,
    Charge,
    Dispute,
    ExportJob,
    Price,
    Programme,
    Settlement,
    Statement,
    Verification,
)
from labshare.catalog.models import Instrument, TestService
from labshare.core.access import active_can, get_in_tenant_or_404, require_active
from labshare.core.actors import Actor

_STATEMENTS = Statement.objects.select_related("provider", "customer")
_CHARGES = Charge.objects.select_related("provider", "customer", "statement")


def customer_org(actor: Actor):
    """The organisation whose bills the actor reads (403 without billing.view there)."""
    return require_active(actor, "billing.view")


def provider_org(actor: Actor, permission: str = "billing.view"):
    return require_active(actor, permission, provider=True)


def operator_org(actor: Actor, permission: str = "platform.manage_vouchers"):
    return require_active(actor, permission, operator=True)


def charge_for_customer(actor: Actor, pk: int, permission: str = "billing.dispute") -> Charge:
    return get_in_tenant_or_404(
        actor, _CHARGES, permission=permission, org_path="customer_id", pk=pk
    )


def statement_for_customer(actor: Actor, pk: int) -> Statement:
    return get_in_tenant_or_404(
        actor,
        _STATEMENTS.filter(status=Statement.Status.ISSUED),
        permission="billing.view",
        org_path="customer_id",
        pk=pk,
    )


def statement_for_provider(actor: Actor, pk: int, permission: str = "billing.view") -> Statement:
    return get_in_tenant_or_404(
        actor, _STATEMENTS, permission=permission, org_path="provider_id", pk=pk
    )


def statement_for_reader(actor: Actor, pk: int) -> Statement:
    """Either side's: the customer sees issued statements, the provider drafts too."""
    statement = _STATEMENTS.filter(pk=pk).first()
    if statement is None:
        raise Http404
    if statement.provider_id == getattr(actor.organization, "pk", None):
        return statement_for_provider(actor, pk)
    return statement_for_customer(actor, pk)


def run_for_provider(actor: Actor, pk: int, permission: str = "billing.view") -> BillingRun:
    return get_in_tenant_or_404(
        actor,
        BillingRun.objects.select_related("provider"),
        permission=permission,
        org_path="provider_id",
        pk=pk,
    )


def job_for_provider(actor: Actor, pk: int) -> BillingJob:
    return get_in_tenant_or_404(
        actor, BillingJob.objects.all(), permission="billing.view", org_path="provider_id", pk=pk
    )


def dispute_for_provider(actor: Actor, pk: int) -> Dispute:
    return get_in_tenant_or_404(
        actor,
        Dispute.objects.select_related("charge__customer"),
        permission="billing.run",
        org_path="charge.provider_id",
        pk=pk,
    )


def priced_item(actor: Actor, kind: str, pk: int, permission: str = "billing.edit_prices"):
    """An instrument or test item of the actor's provider, whose prices they edit."""
    model = {"instrument": Instrument, "test": TestService}.get(kind)
    if model is None:
        raise Http404
    return get_in_tenant_or_404(actor, model.objects.all(), permission=permission, pk=pk)


def price_for_provider(actor: Actor, pk: int) -> Price:
    return get_in_tenant_or_404(
        actor, Price.objects.all(), permission="billing.edit_prices", org_path="provider_id", pk=pk
    )


def programme_for_operator(actor: Actor, pk: int, permission="platform.manage_vouchers"):
    operator_org(actor, permission)
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def firm_for_operator(actor: Actor, pk, permission: str = "platform.manage_vouchers"):
    """An organisation the operator acts on (verifies, grants to): 403 for anybody else."""
    operator_org(actor, permission)
    firm = Organization.objects.filter(pk=pk).first()
    if firm is None:
        raise Http404
    return firm


def provider_for_operator(actor: Actor, pk) -> Organization:
    provider = firm_for_operator(actor, pk)
    if not provider.is_provider:
        raise Http404
    return provider


def verification_for_operator(actor: Actor, pk: int) -> Verification:
    operator_org(actor, "platform.verify_attributes")
    verification = Verification.objects.select_related("organization").filter(pk=pk).first()
    if verification is None:
        raise Http404
    return verification


def settlement_for_reader(actor: Actor, pk: int) -> Settlement:
    """The operator's, and its provider's to read."""
    settlement = Settlement.objects.select_related("programme", "provider").filter(pk=pk).first()
    if settlement is None:
        raise Http404
    if active_can(actor, "platform.manage_vouchers", operator=True):
        return settlement
    return get_in_tenant_or_404(
        actor,
        Settlement.objects.select_related("programme", "provider").filter(
            status=Settlement.Status.ISSUED
        ),
        permission="billing.view",
        org_path="provider_id",
        pk=pk,
    )


def export_for_reader(actor: Actor, pk: int) -> ExportJob:
    """A settlement's export, for whoever may read the settlement."""
    job = ExportJob.objects.select_related("settlement").filter(pk=pk).first()
    if job is None:
        raise Http404
    settlement_for_reader(actor, job.settlement_id)
    return job


def ensure_operator_settles(actor: Actor) -> None:
    if not active_can(actor, "platform.manage_vouchers", operator=True):
        raise PermissionDenied
