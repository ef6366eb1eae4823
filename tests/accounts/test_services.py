import pytest

from labshare.accounts import services
from labshare.accounts.models import Membership, Organization
from labshare.core.actors import visitor_actor
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from labshare.core.models import AuditEvent
from tests.factories import (
    act,
    apply_as_provider,
    make_organization,
    make_user,
    next_uscc,
    reload,
)


def register(**overrides):
    data = {
        "username": "newfirm",
        "password": "a-long-password-1",
        "email": "boss@newfirm.example.cn",
        "full_name": "张总",
        "name": "新创科技有限公司",
        "uscc": next_uscc(),
    }
    data.update(overrides)
    return services.register_customer(visitor_actor(), **data)


@pytest.mark.django_db
def test_registration_creates_user_org_and_admin_membership():
    membership = register()
    assert membership.role == Membership.Role.ADMIN
    assert membership.organization.is_customer and not membership.organization.is_provider
    assert membership.user.check_password("a-long-password-1")
    assert AuditEvent.objects.filter(verb="organization.registered").count() == 1


@pytest.mark.django_db
def test_registration_with_a_taken_credit_code_is_refused_and_writes_nothing(sme_org):
    with pytest.raises(Conflict) as caught:
        register(uscc=sme_org.uscc)
    assert caught.value.field == "uscc"
    assert not Organization.objects.filter(name="新创科技有限公司").exists()


@pytest.mark.django_db
def test_registration_with_an_invalid_credit_code_names_the_field():
    with pytest.raises(InvalidInput) as caught:
        register(uscc="91110108551385082A")
    assert caught.value.field == "uscc"


@pytest.mark.django_db
def test_provider_application_waits_for_the_operator(operator):
    membership = register()
    apply_as_provider(membership)
    org = reload(membership.organization)
    assert org.is_provider_pending and not org.is_provider
    with pytest.raises(NotAllowed):
        services.approve_provider(act(membership.user), org, "NEWF")
    org = services.approve_provider(act(operator), org, "newf")
    assert org.is_provider and org.code == "NEWF"


@pytest.mark.django_db
def test_operator_rejection_needs_a_reason(operator):
    membership = register()
    apply_as_provider(membership)
    org = reload(membership.organization)
    with pytest.raises(InvalidInput):
        services.reject_provider(act(operator), org, "  ")
    org = services.reject_provider(act(operator), org, "材料不全")
    assert not org.is_provider_pending


@pytest.mark.django_db
def test_provider_code_must_be_unique(operator, provider_org):
    membership = register()
    apply_as_provider(membership)
    org = reload(membership.organization)
    with pytest.raises(Conflict):
        services.approve_provider(act(operator), org, provider_org.code)


@pytest.mark.django_db
def test_admin_adds_changes_and_removes_members(sme_admin, sme_org):
    colleague = make_user("colleague")
    membership = services.add_member(act(sme_admin), sme_org, colleague, "member")
    membership = services.change_role(act(sme_admin), membership, "staff")
    assert reload(membership).role == "staff"
    services.remove_member(act(sme_admin), membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_member_cannot_manage_members(sme_member, sme_org):
    with pytest.raises(NotAllowed):
        services.add_member(act(sme_member), sme_org, make_user("someone"), "member")


@pytest.mark.django_db
def test_last_admin_cannot_be_demoted_or_removed(sme_admin, sme_org):
    own = Membership.objects.get(user=sme_admin, organization=sme_org)
    with pytest.raises(InvalidState):
        services.change_role(act(sme_admin), own, "member")
    with pytest.raises(InvalidState):
        services.remove_member(act(sme_admin), own)


@pytest.mark.django_db
def test_admin_of_another_org_cannot_touch_memberships(outsider, sme_member, sme_org):
    membership = Membership.objects.get(user=sme_member, organization=sme_org)
    with pytest.raises(NotAllowed):
        services.change_role(act(outsider), membership, "admin")


@pytest.mark.django_db
def test_invitation_creates_account_and_mails_a_password_link(
    sme_admin, sme_org, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_member(
            act(sme_admin),
            sme_org,
            username="newbie",
            email="newbie@example.cn",
            full_name="小王",
            role="member",
        )
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/" in mailoutbox[0].body


@pytest.mark.django_db
def test_organization_update_records_changed_fields(sme_admin, sme_org):
    services.update_organization(
        act(sme_admin), sme_org, address="大连市甘井子区新址路1号", name=sme_org.name
    )
    event = AuditEvent.objects.filter(verb="organization.updated").get()
    assert event.data["fields"] == ["address"]


@pytest.mark.django_db
def test_organization_name_must_be_unique(sme_admin, sme_org):
    make_organization("已存在公司")
    with pytest.raises(Conflict) as caught:
        services.update_organization(act(sme_admin), sme_org, name="已存在公司")
    assert caught.value.field == "name"
