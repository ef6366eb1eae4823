import pytest
from django.urls import reverse

from labshare.accounts import services as account_services
from labshare.accounts.models import Membership, Organization
from labshare.core.actors import system_actor
from labshare.core.models import AuditEvent, Notification
from tests.factories import (
    act,
    application_details,
    apply_as_provider,
    make_member,
    make_user,
    next_uscc,
)

pytestmark = pytest.mark.django_db


def registration_data(**overrides):
    data = {
        "username": "founder",
        "full_name": "李创",
        "email": "founder@startup.example.cn",
        "password1": "Shared-instruments-2026",
        "password2": "Shared-instruments-2026",
        "name": "海创新材料科技有限公司",
        "short_name": "海创新材",
        "uscc": next_uscc(),
        "kind": "enterprise",
        "is_tech_sme": "on",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def test_registration_logs_in_as_admin_of_the_new_customer(client):
    response = client.post(reverse("accounts:register"), registration_data())
    assert response.status_code == 302
    org = Organization.objects.get(name="海创新材料科技有限公司")
    assert org.is_tech_sme and not org.is_provider
    assert client.get(reverse("accounts:organization")).context["membership"].organization == org


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("uscc", "91110108551385082A"),
        ("uscc", "91110108551385082I"),
        ("uscc", "9111010855138508"),
        ("password2", "something-else-2026"),
        ("email", "not-an-email"),
        ("accept_terms", ""),
        ("mobile", "12345"),
    ],
)
def test_registration_errors_are_shown_on_their_field(client, field, value):
    response = client.post(reverse("accounts:register"), registration_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Organization.objects.filter(name="海创新材料科技有限公司").exists()


@pytest.mark.parametrize(
    "password",
    ["founder-2026x", "founder@startup.example.cn", "海创新材料科技有限公司"],
)
def test_registration_refuses_a_password_like_the_person_or_organisation(client, password):
    data = registration_data(password1=password, password2=password)
    response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not Organization.objects.filter(name="海创新材料科技有限公司").exists()


def test_registration_normalises_a_typed_credit_code(client):
    code = next_uscc()
    typed = " ".join([code[:4], code[4:10].lower(), code[10:]]).translate(
        {ord(ch): ord(ch) + 0xFEE0 for ch in "0123456789"}
    )
    response = client.post(reverse("accounts:register"), registration_data(uscc=typed))
    assert response.status_code == 302
    assert Organization.objects.get(name="海创新材料科技有限公司").uscc == code


def test_registration_with_a_registered_credit_code_says_so(client, sme_org):
    response = client.post(reverse("accounts:register"), registration_data(uscc=sme_org.uscc))
    assert response.status_code == 200
    assert response.context["form"].errors["uscc"]


def test_login_page_and_wrong_password(client, sme_admin):
    response = client.post(
        reverse("accounts:login"), {"username": "sme_admin", "password": "wrong"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        reverse("accounts:login"), {"username": "sme_admin", "password": "pass-sme_admin"}
    )
    assert response.status_code == 302


def test_password_reset_sends_a_working_link(client, sme_admin, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": sme_admin.email})
    assert len(mailoutbox) == 1
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/" in line
    )
    response = client.get(link.split("testserver", 1)[1], follow=True)
    assert response.context["validlink"]


def test_switching_to_another_organization(client_of, sme_admin, outsider_org):
    account_services.add_member(system_actor(), outsider_org, sme_admin, "member")
    client = client_of(sme_admin)
    client.post(reverse("accounts:switch_organization"), {"organization": outsider_org.pk})
    assert (
        client.get(reverse("accounts:organization")).context["membership"].organization
        == outsider_org
    )


def test_switching_to_a_foreign_organization_is_refused(
    client_of, sme_admin, sme_org, outsider_org
):
    client = client_of(sme_admin)
    client.post(reverse("accounts:switch_organization"), {"organization": outsider_org.pk})
    client.post(reverse("accounts:switch_organization"), {"organization": "abc"})
    assert (
        client.get(reverse("accounts:organization")).context["membership"].organization == sme_org
    )


def test_member_role_change_by_admin(client_of, sme_admin, sme_member, sme_org):
    membership = Membership.objects.get(user=sme_member)
    client_of(sme_admin).post(
        reverse("accounts:member_role", args=[membership.pk]), {"role": "staff"}
    )
    assert Membership.objects.get(pk=membership.pk).role == "staff"


@pytest.mark.parametrize("name", ["accounts:member_role", "accounts:member_remove"])
def test_outsider_gets_404_on_member_actions(client_of, outsider, sme_member, name):
    membership = Membership.objects.get(user=sme_member)
    assert (
        client_of(outsider).post(reverse(name, args=[membership.pk]), {"role": "admin"}).status_code
        == 404
    )


@pytest.mark.parametrize("name", ["accounts:member_role", "accounts:member_remove"])
def test_member_gets_403_on_member_actions(client_of, sme_member, sme_admin, name):
    membership = Membership.objects.get(user=sme_admin)
    response = client_of(sme_member).post(reverse(name, args=[membership.pk]), {"role": "member"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "accounts:organization_edit",
        "accounts:member_invite",
        "accounts:member_add",
        "accounts:apply_as_provider",
    ],
)
def test_member_gets_403_on_admin_pages(client_of, sme_member, name):
    client = client_of(sme_member)
    response = (
        client.get(reverse(name)) if name.endswith("edit") else client.post(reverse(name), {})
    )
    assert response.status_code == 403


def test_invite_from_the_members_page(
    client_of, sme_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(sme_admin).post(
            reverse("accounts:member_invite"),
            {
                "username": "xiaowang",
                "full_name": "小王",
                "email": "xw@example.cn",
                "role": "member",
            },
        )
    assert Membership.objects.filter(user__username="xiaowang").exists()
    assert len(mailoutbox) == 1


def test_add_unknown_user_says_so(client_of, sme_admin):
    response = client_of(sme_admin).post(
        reverse("accounts:member_add"),
        {"username": "nobody", "email": "nobody@example.cn", "role": "member"},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Membership.objects.filter(organization__name="测试科技有限公司").count() == 1


def test_organization_edit_saves_through_the_service(client_of, sme_admin, sme_org):
    data = {
        "name": sme_org.name,
        "short_name": "测试科技",
        "uscc": sme_org.uscc,
        "kind": "enterprise",
        "address": "大连市甘井子区软件园路1号",
    }
    assert client_of(sme_admin).post(reverse("accounts:organization_edit"), data).status_code == 302
    assert Organization.objects.get(pk=sme_org.pk).short_name == "测试科技"
    assert AuditEvent.objects.filter(verb="organization.updated").exists()


def test_provider_application_flow_through_the_operator_pages(
    client_of, sme_admin, sme_org, operator, mailoutbox, django_capture_on_commit_callbacks
):
    form = client_of(sme_admin).get(reverse("accounts:apply_as_provider")).context["form"]
    assert form["contact_email"].initial == sme_admin.email
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(sme_admin).post(
            reverse("accounts:apply_as_provider"), application_details()
        )
    assert response.status_code == 302
    # The operator's reviewers hear of it.
    assert Notification.objects.filter(user=operator, verb="organization.provider_applied").exists()
    page = client_of(operator).get(reverse("accounts:provider_applications"))
    (application,) = page.context["page_obj"].object_list
    assert application.organization == sme_org and application.contact_name == "张联系"
    assert "CMA 210000000001" in page.content.decode()
    # A missing code is explained on the page, and nothing changes.
    missing = client_of(operator).post(
        reverse("accounts:provider_approve", args=[sme_org.pk]), {"code": ""}, follow=True
    )
    assert "DLUT" in missing.content.decode()
    assert not Organization.objects.get(pk=sme_org.pk).is_provider
    with django_capture_on_commit_callbacks(execute=True):
        client_of(operator).post(
            reverse("accounts:provider_approve", args=[sme_org.pk]), {"code": "cskj"}
        )
    org = Organization.objects.get(pk=sme_org.pk)
    assert org.is_provider and org.code == "CSKJ"
    assert Notification.objects.filter(user=sme_admin, verb="organization.provider_approved")
    assert any("CSKJ" in mail.body for mail in mailoutbox if sme_admin.email in mail.to)


def test_a_rejected_applicant_is_told_why_and_may_apply_again(
    client_of, sme_admin, sme_org, operator
):
    apply_as_provider(_membership(sme_admin, sme_org))
    client_of(operator).post(
        reverse("accounts:provider_reject", args=[sme_org.pk]), {"reason": "缺少资质证明"}
    )
    note = Notification.objects.get(user=sme_admin, verb="organization.provider_rejected")
    assert "缺少资质证明" in note.body
    page = client_of(sme_admin).get(reverse("accounts:apply_as_provider"))
    assert "缺少资质证明" in page.content.decode()
    assert (
        page.context["form"] is not None
        and not Organization.objects.get(pk=sme_org.pk).is_provider_pending
    )


def test_an_application_without_the_lab_description_is_refused(client_of, sme_admin, sme_org):
    response = client_of(sme_admin).post(
        reverse("accounts:apply_as_provider"), application_details(lab_description="")
    )
    assert response.status_code == 200 and response.context["form"].errors["lab_description"]
    assert not Organization.objects.get(pk=sme_org.pk).is_provider_pending


def test_registration_with_the_provider_box_leads_to_the_application(client):
    response = client.post(reverse("accounts:register"), registration_data(apply_as_provider="on"))
    assert response.url == reverse("accounts:apply_as_provider")


@pytest.mark.parametrize("name", ["accounts:provider_approve", "accounts:provider_reject"])
def test_only_the_operator_decides_provider_applications(client_of, sme_admin, outsider_org, name):
    response = client_of(sme_admin).post(
        reverse(name, args=[outsider_org.pk]), {"code": "ABCD", "reason": "x"}
    )
    assert response.status_code == 403
    assert client_of(sme_admin).get(reverse("accounts:provider_applications")).status_code == 403


def test_user_without_organization_sees_what_to_do(client_of, db):
    from tests.factories import make_user

    response = client_of(make_user("lonely")).get(reverse("accounts:organization"))
    assert response.status_code == 200 and response.context["membership"] is None


def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "en"


def test_staff_member_sees_the_console_link(client_of, technician):
    page = client_of(technician).get(reverse("home")).content.decode()
    assert reverse("catalog:console_instruments") in page


def test_member_of_provider_does_not_see_the_console_link(client_of, provider_member):
    page = client_of(provider_member).get(reverse("home")).content.decode()
    assert reverse("catalog:console_instruments") not in page


def test_make_member_helper_builds_through_services(provider_org):
    user = make_member(provider_org, "extra", "staff")
    assert AuditEvent.objects.filter(verb="membership.added", data__user="extra").exists()
    assert user.memberships.get().role == "staff"


def test_adding_an_existing_account_needs_its_email_and_tells_the_person(
    client_of, sme_admin, django_capture_on_commit_callbacks
):
    other = make_user("colleague")
    client = client_of(sme_admin)
    client.post(
        reverse("accounts:member_add"),
        {"username": "colleague", "email": "wrong@example.cn", "role": "member"},
    )
    assert not Membership.objects.filter(user=other).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:member_add"),
            {"username": "colleague", "email": other.email, "role": "member"},
        )
    assert Membership.objects.filter(user=other).exists()
    assert Notification.objects.filter(user=other, verb="membership.added").exists()


def test_a_later_membership_never_becomes_the_default_organization(
    client_of, sme_admin, sme_org, outsider, outsider_org
):
    account_services.add_member(act(outsider), outsider_org, sme_admin, "member")
    response = client_of(sme_admin).get(reverse("accounts:organization"))
    assert response.context["membership"].organization == sme_org


def test_registration_groups_account_and_organization_fields(client):
    form = client.get(reverse("accounts:register")).context["form"]
    assert [f.name for f in form.account_fields()] == [
        "username",
        "full_name",
        "email",
        "mobile",
        "password1",
        "password2",
    ]
    assert "name" in [f.name for f in form.organization_fields()]


def test_usernames_differing_only_in_case_are_refused(client, sme_admin):
    response = client.post(reverse("accounts:register"), registration_data(username="SME_ADMIN"))
    assert response.context["form"].errors["username"]


def test_operator_member_cannot_approve_providers(client_of, operator_org, sme_admin, sme_org):
    apply_as_provider(_membership(sme_admin, sme_org))
    reader = make_member(operator_org, "operator_reader", "member")
    response = client_of(reader).post(
        reverse("accounts:provider_approve", args=[sme_org.pk]), {"code": "CSKJ"}
    )
    assert response.status_code == 403


# Extra permissions


def _membership(user, org):
    return Membership.objects.get(user=user, organization=org)


def test_an_admin_grants_and_takes_back_a_permission(
    client_of, provider_admin, provider_member, provider_org
):
    client = client_of(provider_admin)
    target = _membership(provider_member, provider_org)
    grant = reverse("accounts:member_permission_grant", args=[target.pk])
    response = client.post(grant, {"permission": "booking.approve"})
    assert response.status_code == 302
    assert _membership(provider_member, provider_org).extra_permissions == ["booking.approve"]
    page = client.get(reverse("accounts:organization")).content.decode()
    assert "/permissions/revoke/" in page  # the granted permission can be taken back
    revoke = reverse("accounts:member_permission_revoke", args=[target.pk])
    client.post(revoke, {"permission": "booking.approve"})
    assert _membership(provider_member, provider_org).extra_permissions == []


def test_an_unknown_permission_is_refused_with_a_message(
    client_of, provider_admin, provider_member, provider_org
):
    target = _membership(provider_member, provider_org)
    url = reverse("accounts:member_permission_grant", args=[target.pk])
    response = client_of(provider_admin).post(
        url, {"permission": "platform.review_providers"}, follow=True
    )
    assert response.status_code == 200
    assert list(response.context["messages"])
    assert _membership(provider_member, provider_org).extra_permissions == []


@pytest.mark.parametrize(("persona", "status"), [("technician", 403), ("outsider", 404)])
def test_only_the_organisations_admin_grants_permissions(
    request, client_of, provider_member, provider_org, persona, status
):
    target = _membership(provider_member, provider_org)
    url = reverse("accounts:member_permission_grant", args=[target.pk])
    client = client_of(request.getfixturevalue(persona))
    assert client.post(url, {"permission": "booking.approve"}).status_code == status
    assert _membership(provider_member, provider_org).extra_permissions == []


def test_removing_a_member_asks_first(client_of, sme_admin, sme_member, sme_org):
    target = _membership(sme_member, sme_org)
    url = reverse("accounts:member_remove", args=[target.pk])
    client = client_of(sme_admin)
    assert f'hx-get="{url}"' in client.get(reverse("accounts:organization")).content.decode()
    confirmation = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "sme_member" in confirmation and 'data-action="confirm-remove"' in confirmation
    assert Membership.objects.filter(pk=target.pk).exists()
    client.post(url)
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_a_member_gets_403_on_the_removal_confirmation(client_of, sme_admin, sme_member, sme_org):
    target = _membership(sme_admin, sme_org)
    url = reverse("accounts:member_remove", args=[target.pk])
    assert client_of(sme_member).get(url).status_code == 403
