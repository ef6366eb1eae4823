"""Every write to organizations, users and memberships."""

import hashlib
import secrets
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from labshare.accounts.backends import is_mobile, normalize_mobile
from labshare.accounts.models import (
    ApiToken,
    Membership,
    Organization,
    ProviderApplication,
    User,
)
from labshare.accounts.uscc import normalize_uscc
from labshare.core import clock
from labshare.core.access import (
    ensure_can,
    ensure_person,
    ensure_platform,
    forget_grants,
    holding_users,
    organizations_of,
    permissions_in,
)
from labshare.core.actors import Actor, Kind, require_actor, user_actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from labshare.core.mail import send_later
from labshare.core.notify import notify
from labshare.core.permissions import GRANTABLE, label
from labshare.core.validation import save_or_conflict, validate_fields


def _check_organization(org: Organization) -> None:
    org.uscc = normalize_uscc(org.uscc)
    validate_fields(org)
    others = Organization.objects.exclude(pk=org.pk)
    if others.filter(uscc=org.uscc).exists():
        raise Conflict(
            _("An organization with this credit code is already registered."), field="uscc"
        )
    if others.filter(name=org.name).exists():
        raise Conflict(_("An organization with this name is already registered."), field="name")
    if org.code and others.filter(code=org.code).exists():
        raise Conflict(_("This provider code is already taken."), field="code")


def _save_organization(org: Organization, update_fields: list[str] | None = None) -> None:
    _check_organization(org)
    # Two requests may race past the check above; the unique indexes decide.
    save_or_conflict(
        org,
        _("An organization with this name, credit code or provider code is already registered."),
        update_fields,
    )


@transaction.atomic
def create_organization(actor: Actor, **fields) -> Organization:
    """Create an organization directly: the operator, or the system for demo data."""
    ensure_platform(actor, "platform.manage_accounts")
    org = Organization(**fields)
    _save_organization(org)
    record(actor, "organization.created", org, uscc=org.uscc)
    return org


def _create_user(
    username: str, password: str | None, email: str, full_name: str, mobile: str = ""
) -> User:
    # "Alice" and "alice" would be two accounts that people cannot tell apart; and the e-mail
    # address and the mobile number each sign in to one account (accounts.backends).
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(_("This user name is taken; please choose another."), field="username")
    if email and User.objects.filter(email__iexact=email).exists():
        raise Conflict(
            _(
                "An account with this e-mail address exists already; its owner can log in and "
                "be added to the organization as an existing account."
            ),
            field="email",
        )
    mobile = normalize_mobile(mobile)
    if mobile and not is_mobile(mobile):
        raise InvalidInput(_("Enter an 11-digit mainland mobile number."), field="mobile")
    if mobile and User.objects.filter(phone=mobile).exists():
        raise Conflict(_("An account with this mobile number exists already."), field="mobile")
    user = User(username=username, email=email, full_name=full_name, phone=mobile)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    save_or_conflict(user, _("This user name is taken; please choose another."), field="username")
    return user


@transaction.atomic
def create_account(
    actor: Actor, *, username: str, password: str, email: str, full_name: str
) -> User:
    """Create a user account directly: the operator, or the system for demo data."""
    ensure_platform(actor, "platform.manage_accounts")
    user = _create_user(username, password, email, full_name)
    record(actor, "user.created", user, username=username)
    return user


@transaction.atomic
def register_customer(
    actor: Actor,
    *,
    username: str,
    password: str,
    email: str,
    full_name: str,
    mobile: str = "",
    **org_fields,
) -> Membership:
    """Self-registration: a new user and their customer organization, the user as its admin.

    An organisation that also wants to offer services applies afterwards (apply_as_provider).
    Visitors register (the system too, for demo data); somebody logged in has an account.
    """
    require_actor(actor)
    if actor.kind not in (Kind.VISITOR, Kind.SYSTEM):
        raise NotAllowed(_("You are logged in already; log out to register a new organization."))
    unknown = set(org_fields) - set(Organization.PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not part of a registration: {sorted(unknown)}")
    user = _create_user(username, password, email, full_name, mobile)
    org = Organization(is_customer=True, **org_fields)
    _save_organization(org)
    membership = Membership.objects.create(user=user, organization=org, role=Membership.Role.ADMIN)
    # From here on the new user acts: the log names them, through the visitor's channel.
    newcomer = user_actor(user, org, channel=actor.channel, request_id=actor.request_id)
    record(newcomer, "organization.registered", org, uscc=org.uscc)
    return membership


@transaction.atomic
def update_organization(actor: Actor, org: Organization, **fields) -> Organization:
    ensure_can(actor, "accounts.edit_organization", org.pk)
    org = Organization.objects.select_for_update().get(pk=org.pk)
    changed = [
        name
        for name in Organization.PROFILE_FIELDS
        if name in fields and getattr(org, name) != fields[name]
    ]
    for name in changed:
        setattr(org, name, fields[name])
    if not changed:
        return org
    _save_organization(org, update_fields=[*changed, "updated_at"])
    record(actor, "organization.updated", org, fields=changed)
    return org


def _admins_of(organization_id: int) -> list:
    return holding_users("accounts.manage_members", organization_id)


def _reviewers() -> list:
    """Everybody at the operator who decides provider applications."""
    operators = Organization.objects.filter(is_operator=True).values_list("pk", flat=True)
    return [user for pk in operators for user in holding_users("platform.review_providers", pk)]


@transaction.atomic
def apply_as_provider(actor: Actor, org: Organization, **details) -> ProviderApplication:
    """Ask the operator to admit the organisation as a provider, with what they need to decide
    (contact, the lab, accreditation); the operator's reviewers are told."""
    ensure_can(actor, "accounts.edit_organization", org.pk)
    ensure_person(actor, _("A provider application is made by a person of the organization."))
    unknown = set(details) - set(ProviderApplication.FORM_FIELDS)
    if unknown:
        raise TypeError(f"Not part of a provider application: {sorted(unknown)}")
    org = Organization.objects.select_for_update().get(pk=org.pk)
    if org.is_provider or org.is_operator or org.provider_requested_at:
        raise InvalidState(_("This organization is already a provider or has applied."))
    application = ProviderApplication(organization=org, submitted_by=actor.user, **details)
    validate_fields(application, exclude=["organization", "submitted_by", "decided_by"])
    application.save()
    org.provider_requested_at = clock.now()
    org.save(update_fields=["provider_requested_at", "updated_at"])
    record(actor, "organization.provider_applied", org, application=application.pk)
    notify(
        _reviewers(),
        "organization.provider_applied",
        _("New provider application: %(organization)s") % {"organization": org.name},
        _(
            "%(contact)s (%(phone)s) applied for %(organization)s. Review it and give the unit its "
            "provider code."
        )
        % {
            "contact": application.contact_name,
            "phone": application.contact_phone,
            "organization": org.name,
        },
        reverse("accounts:provider_applications"),
    )
    return application


def _decide(actor: Actor, org: Organization, status: str, note: str = "") -> Organization:
    """Lock the organisation and close its pending application."""
    ensure_platform(actor, "platform.review_providers")
    org = Organization.objects.select_for_update().get(pk=org.pk)
    if not org.is_provider_pending:
        raise InvalidState(_("This organization has no pending provider application."))
    ProviderApplication.objects.filter(
        organization=org, status=ProviderApplication.Status.PENDING
    ).update(status=status, decided_by=actor.user, decided_at=clock.now(), decision_note=note)
    return org


@transaction.atomic
def approve_provider(actor: Actor, org: Organization, code: str) -> Organization:
    """The operator admits an organization as a provider and gives it its provider code, the
    prefix of its sample and report numbers; the applicant's administrators are told."""
    code = _normalize_provider_code(code)
    if not code:
        raise InvalidInput(
            _("Enter the provider code: 3 to 8 letters A–Z, e.g. DLUT."), field="code"
        )
    if not (3 <= len(code) <= 8 and code.isascii() and code.isalpha()):
        raise InvalidInput(_("The provider code must be 3 to 8 letters A–Z."), field="code")
    org = _decide(actor, org, ProviderApplication.Status.APPROVED)
    org.code = code
    org.is_provider = True
    _save_organization(org, update_fields=["is_provider", "code", "updated_at"])
    record(actor, "organization.provider_approved", org, code=code)
    notify(
        _admins_of(org.pk),
        "organization.provider_approved",
        _("%(organization)s is now a provider") % {"organization": org.name},
        _(
            "The operator approved your application; your provider code is %(code)s. List your "
            "instruments in the provider console (one by one or from the national Excel "
            "template) and publish them."
        )
        % {"code": code},
        reverse("catalog:console_instruments"),
    )
    return org


@transaction.atomic
def reject_provider(actor: Actor, org: Organization, reason: str) -> Organization:
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Please give a reason for the rejection."), field="reason")
    org = _decide(actor, org, ProviderApplication.Status.REJECTED, reason[:500])
    org.provider_requested_at = None
    org.save(update_fields=["provider_requested_at", "updated_at"])
    record(actor, "organization.provider_rejected", org, reason=reason)
    notify(
        _admins_of(org.pk),
        "organization.provider_rejected",
        _("Your provider application for %(organization)s was not approved")
        % {"organization": org.name},
        _("The operator's reason: %(reason)s. You may complete what is missing and apply again.")
        % {"reason": reason},
        reverse("accounts:apply_as_provider"),
    )
    return org


def _normalize_provider_code(code: str) -> str:
    return unicodedata.normalize("NFKC", code or "").strip().upper()


@transaction.atomic
def add_member(
    actor: Actor, org: Organization, user: User, role: str, *, announce: bool = True
) -> Membership:
    """Add an existing user to the organization (an admin of it, or the system for demo data)."""
    ensure_can(actor, "accounts.manage_members", org.pk)
    if role not in Membership.Role.values:
        raise InvalidInput(_("Unknown role."), field="role")
    if Membership.objects.filter(user=user, organization=org).exists():
        raise Conflict(_("This user is already a member of the organization."), field="username")
    membership = Membership.objects.create(user=user, organization=org, role=role)
    forget_grants(user)
    record(actor, "membership.added", membership, role=role, user=user.username)
    if announce and actor.user is not None and actor.user.pk != user.pk:
        # Tell the person: nobody should find themselves in an organization without knowing.
        title = _("You were added to %(organization)s") % {"organization": org.name}
        body = _(
            "%(admin)s added you as “%(role)s”. Ask them, or the operator, if this is a mistake."
        ) % {
            "admin": actor.user,
            "role": membership.get_role_display(),
        }
        notify([user], "membership.added", title, body)
    return membership


@transaction.atomic
def invite_member(
    actor: Actor,
    org: Organization,
    *,
    username: str,
    email: str,
    full_name: str,
    role: str,
    mobile: str = "",
) -> Membership:
    """Create an account for a new colleague and mail them a link to set their password.

    The mail names the user name chosen for them (they may also log in with the e-mail address
    or mobile number). The link points at SITE_URL, like every other link the platform mails."""
    ensure_can(actor, "accounts.manage_members", org.pk)
    if not email:
        raise InvalidInput(_("An e-mail address is needed to send the invitation."), field="email")
    user = _create_user(username, None, email, full_name, mobile)
    # The invitation itself tells them; no second message.
    membership = add_member(actor, org, user, role, announce=False)

    site = urlsplit(settings.SITE_URL)

    form = _InvitationForm({"email": email})
    form.is_valid()
    # The new account has no usable password, which PasswordResetForm would skip; name it directly.
    form.get_users = lambda _email: [user]
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="accounts/mail/invitation_subject.txt",
        email_template_name="accounts/mail/invitation.txt",
        extra_email_context={
            "site_name": settings.PLATFORM_NAME,
            "organization": org,
            "inviter": actor.user,
            "role": membership.get_role_display(),
        },
    )
    return membership


class _InvitationForm(PasswordResetForm):
    """Django's password-reset mail, handed to the worker (core.mail) instead of sent here."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):  # noqa: E501
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        send_later("membership.invited", context["user"], to_email, subject, body)


def _forget_own_grants(actor: Actor, membership: Membership) -> None:
    """The membership was read afresh, so only the actor's own cached grants can be stale."""
    if actor.user is not None and membership.user_id == actor.user.pk:
        forget_grants(actor.user)


def _lock_organization(organization_id: int) -> None:
    """Serialise membership changes of one organization (two admins demoting each other)."""
    Organization.objects.select_for_update().filter(pk=organization_id).first()


def _ensure_admin_remains(membership: Membership) -> None:
    admins = Membership.objects.filter(
        organization_id=membership.organization_id, role=Membership.Role.ADMIN
    ).exclude(pk=membership.pk)
    if not admins.exists():
        raise InvalidState(_("An organization needs at least one administrator."))


@transaction.atomic
def change_role(actor: Actor, membership: Membership, role: str) -> Membership:
    ensure_can(actor, "accounts.manage_members", membership.organization_id)
    _lock_organization(membership.organization_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role not in Membership.Role.values:
        raise InvalidInput(_("Unknown role."), field="role")
    if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        _ensure_admin_remains(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    _forget_own_grants(actor, membership)
    record(actor, "membership.role_changed", membership, old=old, new=role)
    return membership


@transaction.atomic
def remove_member(actor: Actor, membership: Membership) -> None:
    ensure_can(actor, "accounts.manage_members", membership.organization_id)
    _lock_organization(membership.organization_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Membership.Role.ADMIN:
        _ensure_admin_remains(membership)
    record(actor, "membership.removed", membership, user=membership.user.username)
    membership.delete()
    _forget_own_grants(actor, membership)


@transaction.atomic
def grant_permission(actor: Actor, membership: Membership, permission: str) -> Membership:
    """Give one member one named permission beyond their role (e.g. approving bookings)."""
    ensure_can(actor, "accounts.manage_members", membership.organization_id)
    if permission not in GRANTABLE:
        raise InvalidInput(_("This permission cannot be granted."), field="permission")
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "organization")
        .get(pk=membership.pk)
    )
    if permission in membership.extra_permissions:
        return membership
    membership.extra_permissions = sorted([*membership.extra_permissions, permission])
    membership.save(update_fields=["extra_permissions"])
    _forget_own_grants(actor, membership)
    record(actor, "membership.permission_granted", membership, permission=permission)
    title = _("You were given a permission in %(organization)s") % {
        "organization": membership.organization.name
    }
    notify([membership.user], "membership.permission_granted", title, label(permission))
    return membership


@transaction.atomic
def revoke_permission(actor: Actor, membership: Membership, permission: str) -> Membership:
    ensure_can(actor, "accounts.manage_members", membership.organization_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if permission not in membership.extra_permissions:
        raise InvalidState(_("This member does not hold this extra permission."))
    membership.extra_permissions = [p for p in membership.extra_permissions if p != permission]
    membership.save(update_fields=["extra_permissions"])
    _forget_own_grants(actor, membership)
    record(actor, "membership.permission_revoked", membership, permission=permission)
    return membership


TOKEN_PREFIX = "lsk_"  # noqa: S105 (marks our keys in logs and scanners; not a secret)


def hash_token_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(
    actor: Actor,
    organization: Organization,
    *,
    name: str,
    scopes: list[str],
    expires_at=None,
) -> tuple[ApiToken, str]:
    """A personal key for the actor in one of their organisations; returns (token, key).

    The key is shown once; only its hash is kept. A token gets no scope its user lacks."""
    require_actor(actor)
    if actor.kind != Kind.USER or organization.pk not in organizations_of(actor):
        raise NotAllowed(_("Only a member of the organization can make a token for it."))
    name = name.strip()
    if not name:
        raise InvalidInput(_("Give the token a name."), field="name")
    scopes = sorted(set(scopes))
    if not scopes or set(scopes) - permissions_in(actor, organization.pk):
        raise InvalidInput(
            _("Choose one or more scopes among your own permissions."), field="scopes"
        )
    if expires_at is not None and expires_at <= clock.now():
        raise InvalidInput(_("The expiry must lie in the future."), field="expires_at")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor.user,
        organization=organization,
        name=name[:60],
        prefix=key[:12],
        key_hash=hash_token_key(key),
        scopes=scopes,
        expires_at=expires_at,
    )
    record(actor, "api_token.created", token, scopes=scopes)
    return token, key


@transaction.atomic
def revoke_api_token(actor: Actor, token: ApiToken) -> ApiToken:
    """Its owner, or an administrator of its organisation, ends a token for good."""
    require_actor(actor)
    own = actor.kind == Kind.USER and token.user_id == actor.user.pk
    if not own:
        ensure_can(actor, "accounts.manage_members", token.organization_id)
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
    if not revoked:
        raise InvalidState(_("This token is revoked already."))
    token.refresh_from_db(fields=["revoked_at"])
    record(actor, "api_token.revoked", token)
    return token
