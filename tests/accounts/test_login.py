"""Logging in: with user name, e-mail or mobile; the lockout after repeated failures and its
release; the limit on password-reset mails; where each role lands; an invitation that names
the user name."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.urls import reverse

from labshare.accounts import services as account_services
from labshare.accounts.models import User
from tests.factories import act

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def log_in(client, identifier, password, **extra):
    return client.post(LOGIN, {"username": identifier, "password": password}, **extra)


def logged_in_as(client) -> str | None:
    user = client.get(reverse("accounts:organization")).wsgi_request.user
    return user.username if user.is_authenticated else None


@pytest.fixture
def with_mobile(sme_member):
    User.objects.filter(pk=sme_member.pk).update(phone="13800000017")
    return sme_member


@pytest.mark.parametrize(
    "identifier",
    [
        "sme_member",
        "SME_Member",
        "sme_member@example.cn",
        "SME_MEMBER@EXAMPLE.CN",
        "13800000017",
        "+86 138-0000-0017",
    ],
)
def test_log_in_with_user_name_e_mail_or_mobile(client, with_mobile, identifier):
    response = log_in(client, identifier, "pass-sme_member")
    assert response.status_code == 302
    assert logged_in_as(client) == "sme_member"


def test_an_e_mail_shared_by_two_accounts_logs_in_to_neither(client, sme_member, sme_admin):
    User.objects.filter(pk=sme_admin.pk).update(email=sme_member.email)
    response = log_in(client, sme_member.email, "pass-sme_member")
    assert response.status_code == 200
    assert logged_in_as(client) is None


def test_wrong_password_says_what_may_be_wrong(client, sme_member):
    response = log_in(client, "sme_member", "wrong")
    assert response.status_code == 200
    assert "手机号" in response.content.decode() or "mobile" in response.content.decode()


def test_repeated_failures_lock_the_account_until_the_cool_down_ends(client, sme_member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "sme_member", "wrong")
    # Now even the right password is refused, through any name of the account.
    for identifier in ("sme_member", "sme_member@example.cn"):
        response = log_in(client, identifier, "pass-sme_member")
        assert response.status_code == 429
        assert 'id="locked-out"' in response.content.decode()
        assert logged_in_as(client) is None
    # The cool-down passes (the failures age in the database, as the clock would age them).
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert log_in(client, "sme_member", "pass-sme_member").status_code == 302
    assert logged_in_as(client) == "sme_member"


def test_repeated_failures_from_one_address_lock_that_address(client, sme_member, sme_admin):
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"nobody{number}", "wrong", REMOTE_ADDR="10.0.0.9")
    assert log_in(client, "sme_admin", "pass-sme_admin", REMOTE_ADDR="10.0.0.9").status_code == 429
    # Another address is not locked.
    assert log_in(client, "sme_admin", "pass-sme_admin", REMOTE_ADDR="10.0.0.10").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, sme_member):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "sme_member", "wrong")
    assert log_in(client, "sme_member", "pass-sme_member").status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "sme_member", "wrong")
    assert log_in(client, "sme_member", "pass-sme_member").status_code == 302


def test_password_reset_mails_are_limited(client, sme_member, mailoutbox):
    answers = [
        client.post(reverse("accounts:password_reset"), {"email": sme_member.email}).status_code
        for _ in range(10)
    ]
    assert len(mailoutbox) == 3
    assert answers[:3] == [302, 302, 302] and set(answers[3:]) == {429}


def test_password_reset_requests_from_one_address_are_limited(client, db, mailoutbox):
    answers = [
        client.post(reverse("accounts:password_reset"), {"email": f"n{i}@example.cn"}).status_code
        for i in range(12)
    ]
    assert answers.count(302) == 10


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("operator", "core:operator_overview"),
        ("provider_admin", "catalog:console_instruments"),
        ("technician", "booking:staff_today"),
        ("sme_admin", "booking:my_reservations"),
        ("sme_member", "booking:my_reservations"),
    ],
)
def test_each_role_lands_where_its_work_is(client, request, persona, landing):
    user = request.getfixturevalue(persona)
    response = log_in(client, user.username, "pass-" + user.username)
    assert response.status_code == 302
    final = client.get(response.url)
    assert final.status_code == 302 and final.url == reverse(landing)
    assert client.get(final.url).status_code == 200


def test_a_next_address_wins_over_the_landing(client, sme_member):
    response = client.post(
        LOGIN, {"username": "sme_member", "password": "pass-sme_member", "next": "/instruments/"}
    )
    assert response.url == "/instruments/"


def test_the_invitation_names_the_user_name_and_setting_the_password_says_it_again(
    client, sme_admin, sme_org, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_services.invite_member(
            act(sme_admin),
            sme_org,
            username="xiaowang",
            email="xw@example.cn",
            full_name="小王",
            role="member",
            mobile="139 0000 0001",
        )
    (mail,) = mailoutbox
    assert "xiaowang" in mail.body and "xw@example.cn" in mail.body and "13900000001" in mail.body
    assert sme_org.name in mail.subject
    link = next(line for line in mail.body.splitlines() if "/password/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path, follow=True)
    assert "xiaowang" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else "/" + path,
        {"new_password1": "Micro-scope-7741", "new_password2": "Micro-scope-7741"},
        follow=True,
    )
    assert "xiaowang" in response.content.decode()
    assert response.wsgi_request.user.username == "xiaowang"
    client.post(reverse("accounts:logout"))
    assert log_in(client, "13900000001", "Micro-scope-7741").status_code == 302


def test_a_second_account_with_the_same_e_mail_is_refused(sme_admin, sme_org, sme_member):
    from labshare.core.errors import Conflict

    with pytest.raises(Conflict) as caught:
        account_services.invite_member(
            act(sme_admin),
            sme_org,
            username="again",
            email="SME_member@example.cn",
            full_name="又一个",
            role="member",
        )
    assert caught.value.field == "email"
    assert not User.objects.filter(username="again").exists()


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "10.1.2.3"}, "10.1.2.3"),
        ({}, None),
        ({"REMOTE_ADDR": "junk"}, None),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8"}, "10.0.0.1"),
    ],
)
def test_the_client_address_is_a_valid_address_or_none(rf, meta, expected):
    from labshare.accounts.throttle import client_ip

    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    assert client_ip(request) == expected


def test_behind_a_proxy_a_forged_forwarded_address_is_ignored(rf, settings):
    from labshare.accounts.throttle import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, not-an-address", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) is None
    request = rf.get("/", HTTP_X_FORWARDED_FOR="forged, 1.2.3.4", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "1.2.3.4"


def test_an_absurdly_long_sign_in_name_is_refused_not_a_500(client, db):
    response = log_in(client, "x" * 5000, "wrong")
    assert response.status_code == 200 and response.context["form"].errors
