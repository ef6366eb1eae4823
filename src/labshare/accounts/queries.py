"""Reads of the accounts app, for its views."""

from django.db.models import QuerySet

from labshare.accounts.models import Membership, Organization, ProviderApplication, User


def memberships_of(user) -> QuerySet:
    return Membership.objects.filter(user=user).select_related("organization")


def members_of(organization: Organization) -> QuerySet:
    return organization.memberships.select_related("user").order_by("user__username")


def existing_account(username: str, email: str) -> User | None:
    """The account named by both its user name and its e-mail (adding needs both)."""
    return User.objects.filter(username=username, email__iexact=email).first()


def pending_provider_applications() -> QuerySet:
    return (
        ProviderApplication.objects.filter(status=ProviderApplication.Status.PENDING)
        .select_related("organization", "submitted_by")
        .order_by("created_at", "id")
    )


def provider_applications_of(organization: Organization) -> list[ProviderApplication]:
    return list(organization.provider_applications.select_related("decided_by")[:10])
