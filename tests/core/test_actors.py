"""Who acts, and what named permissions let them do."""

from datetime import timedelta

import pytest
from django.utils import timezone

from labshare.accounts import services as account_services
from labshare.accounts.models import Membership
from labshare.accounts.tokens import actor_for_key
from labshare.core.access import can, can_on_platform, holders_of, permissions_in, tenant_ids
from labshare.core.actors import Channel, Kind, system_actor, user_actor, visitor_actor
from labshare.core.errors import InvalidInput, NotAllowed
from labshare.core.models import AuditEvent
from labshare.core.permissions import GRANTABLE, ROLE_PERMISSIONS, permissions_for
from tests.factories import act, reload


def test_roles_are_nested_sets_of_named_permissions():
    assert ROLE_PERMISSIONS["member"] < ROLE_PERMISSIONS["staff"] < ROLE_PERMISSIONS["admin"]
    assert "booking.approve" in ROLE_PERMISSIONS["staff"]
    assert "accounts.manage_members" not in ROLE_PERMISSIONS["staff"]


def test_platform_permissions_count_only_in_the_operator_organisation():
    assert "platform.review_providers" not in permissions_for("admin", [], is_operator=False)
    assert "platform.review_providers" in permissions_for("staff", [], is_operator=True)
    assert not any(name.startswith("platform.") for name in GRANTABLE)


def test_a_user_acts_with_each_membership_in_its_organisation(technician, provider_org, sme_org):
    actor = act(technician)
    assert actor.kind == Kind.USER and actor.channel == Channel.PAGE
    assert can(actor, "booking.approve", provider_org.pk)
    assert not can(actor, "booking.approve", sme_org.pk)
    assert not can(actor, "accounts.manage_members", provider_org.pk)


def test_the_operator_holds_platform_permissions(operator, provider_admin):
    assert can_on_platform(act(operator), "platform.review_providers")
    assert not can_on_platform(act(provider_admin), "platform.review_providers")


def test_an_extra_grant_lets_a_member_approve_without_becoming_staff(
    provider_admin, provider_member, provider_org
):
    membership = Membership.objects.get(user=provider_member, organization=provider_org)
    assert not can(act(provider_member), "booking.approve", provider_org.pk)
    account_services.grant_permission(act(provider_admin), membership, "booking.approve")
    membership.refresh_from_db()
    assert membership.role == "member"
    # The member's next request reads their permissions afresh.
    assert can(act(reload(provider_member)), "booking.approve", provider_org.pk)
    assert provider_member.pk in holders_of("booking.approve", provider_org.pk)
    account_services.revoke_permission(act(provider_admin), membership, "booking.approve")
    assert not can(act(reload(provider_member)), "booking.approve", provider_org.pk)
    verbs = list(AuditEvent.objects.filter(verb__startswith="membership.permission"))
    assert [e.verb for e in verbs] == [
        "membership.permission_revoked",
        "membership.permission_granted",
    ]


def test_platform_permissions_cannot_be_granted(provider_admin, provider_member, provider_org):
    membership = Membership.objects.get(user=provider_member, organization=provider_org)
    with pytest.raises(InvalidInput):
        account_services.grant_permission(
            act(provider_admin), membership, "platform.review_providers"
        )


def test_staff_cannot_grant_permissions(technician, provider_member, provider_org):
    membership = Membership.objects.get(user=provider_member, organization=provider_org)
    with pytest.raises(NotAllowed):
        account_services.grant_permission(act(technician), membership, "booking.approve")
    membership.refresh_from_db()
    assert membership.extra_permissions == []


def test_a_token_holds_its_scopes_within_its_users_rights(technician, provider_org, sme_org):
    token, key = account_services.create_api_token(
        act(technician), provider_org, name="同步脚本", scopes=["booking.operate"]
    )
    assert token.key_hash != key and key not in token.prefix + "…"
    actor = actor_for_key(key, request_id="req-12345678")
    assert actor.kind == Kind.TOKEN and actor.channel == Channel.API
    assert actor.user == technician and actor.organization == provider_org
    assert permissions_in(actor, provider_org.pk) == {"booking.operate"}
    assert not can(actor, "booking.approve", provider_org.pk)  # the user may; the token not
    assert tenant_ids(actor) == {provider_org.pk}
    assert not can(actor, "booking.request", sme_org.pk)


def test_a_token_cannot_exceed_its_user(technician, provider_org):
    with pytest.raises(InvalidInput):
        account_services.create_api_token(
            act(technician), provider_org, name="越权", scopes=["accounts.manage_members"]
        )


def test_a_token_loses_rights_its_user_loses(provider_admin, technician, provider_org):
    _token, key = account_services.create_api_token(
        act(technician), provider_org, name="脚本", scopes=["booking.approve"]
    )
    membership = Membership.objects.get(user=technician, organization=provider_org)
    account_services.change_role(act(provider_admin), membership, "member")
    assert not can(actor_for_key(key), "booking.approve", provider_org.pk)  # read afresh


def test_revoked_expired_and_unknown_keys_are_no_actor(technician, provider_org, monkeypatch):
    token, key = account_services.create_api_token(
        act(technician),
        provider_org,
        name="短期",
        scopes=["booking.operate"],
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert actor_for_key(key) is not None
    assert actor_for_key(key + "x") is None
    assert actor_for_key("not-a-key") is None
    from labshare.core import clock

    monkeypatch.setattr(clock, "now", lambda: timezone.now() + timedelta(days=2))
    assert actor_for_key(key) is None
    monkeypatch.undo()
    account_services.revoke_api_token(act(technician), token)
    assert actor_for_key(key) is None


def test_another_tenant_cannot_revoke_a_token(technician, outsider, provider_org):
    token, key = account_services.create_api_token(
        act(technician), provider_org, name="脚本", scopes=["booking.operate"]
    )
    with pytest.raises(NotAllowed):
        account_services.revoke_api_token(act(outsider), token)
    assert actor_for_key(key) is not None


def test_the_system_passes_every_check_and_sees_every_tenant(provider_org):
    system = system_actor()
    assert system.is_system and system.user is None
    assert can(system, "booking.approve", provider_org.pk)
    assert tenant_ids(system) is None


def test_the_system_acts_only_in_commands_and_tasks():
    assert system_actor(Channel.TASK).channel == Channel.TASK
    with pytest.raises(ValueError):
        system_actor(Channel.PAGE)


def test_a_visitor_may_do_nothing(provider_org):
    visitor = visitor_actor()
    assert tenant_ids(visitor) == set()
    assert not can(visitor, "booking.request", provider_org.pk)


def test_a_user_actor_needs_a_logged_in_user(anonymous):
    with pytest.raises(TypeError):
        user_actor(anonymous)
