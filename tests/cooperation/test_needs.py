"""Posting, editing and withdrawing a need; who hears of it; access to a confidential need."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from labshare.cooperation import services
from labshare.cooperation.models import IndustryField, Need, NeedAccess, NeedMatch, Proposal
from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from labshare.core.models import Notification
from tests.cooperation.conftest import NOW, TODAY, need_fields, post, propose
from tests.factories import act, make_instrument, reload

CONFIDENTIAL = {"is_confidential": True, "public_summary": "铝合金焊接件疲劳问题"}


def notified(verb: str) -> set[str]:
    rows = Notification.objects.filter(verb=f"cooperation.{verb}")
    return set(rows.values_list("user__username", flat=True))


@pytest.mark.parametrize(
    ("overrides", "disciplines", "field"),
    [
        ({"title": ""}, ["460"], "title"),
        ({"title": "   "}, ["460"], "title"),
        ({"title": "长" * 81}, ["460"], "title"),
        ({"problem": ""}, ["460"], "problem"),
        ({"expected_outcome": ""}, ["460"], "expected_outcome"),
        ({"budget_min": "200000", "budget_max": "100000"}, ["460"], "budget_max"),
        ({"budget_min": "-1"}, ["460"], "budget_min"),
        ({"budget_max": "-5000"}, ["460"], "budget_max"),
        ({"budget_max": "0"}, ["460"], "budget_max"),
        ({"budget_max": "十二万"}, ["460"], "budget_max"),
        ({"budget_min": "abc"}, ["460"], "budget_min"),
        ({"budget_max": "NaN"}, ["460"], "budget_max"),
        ({"budget_max": "Infinity"}, ["460"], "budget_max"),
        ({"budget_max": "2000000000"}, ["460"], "budget_max"),
        ({"budget_max": "1e30"}, ["460"], "budget_max"),
        ({"deadline": TODAY}, ["460"], "deadline"),
        ({"deadline": TODAY - timedelta(days=1)}, ["460"], "deadline"),
        ({"deadline": TODAY + timedelta(days=367)}, ["460"], "deadline"),
        ({"deadline": "2026-04-01"}, ["460"], "deadline"),
        ({"deadline": None}, ["460"], "deadline"),
        ({}, [], "disciplines"),
        ({}, ["460", "430", "150", "130"], "disciplines"),
        ({}, ["999"], "disciplines"),
        ({}, ["460", "999"], "disciplines"),
        ({"field": "no-such-field"}, ["460"], "field"),
        ({"field": ""}, ["460"], "field"),
        ({"mode": "gift"}, ["460"], "mode"),
        ({"mode": ""}, ["460"], "mode"),
        ({"is_confidential": True, "public_summary": ""}, ["460"], "public_summary"),
        ({"is_confidential": True, "public_summary": "  "}, ["460"], "public_summary"),
    ],
)
def test_bad_need_is_refused_on_its_field_and_nothing_is_written(
    now, sme_member, overrides, disciplines, field
):
    with pytest.raises(InvalidInput) as refusal:
        post(sme_member, disciplines=disciplines, **overrides)
    assert refusal.value.field == field
    assert Need.objects.count() == 0
    assert NeedMatch.objects.count() == 0


def test_need_under_a_retired_field_is_refused(now, sme_member):
    IndustryField.objects.filter(pk="marine-equipment").update(is_active=False)
    with pytest.raises(InvalidInput) as refusal:
        post(sme_member, field="marine-equipment")
    assert refusal.value.field == "field"
    assert Need.objects.count() == 0


def test_full_width_digits_and_separators_are_read_as_a_budget(now, sme_member):
    need = post(sme_member, budget_min="１２０００", budget_max="１２，０００")
    assert reload(need).budget_min == Decimal("12000.00")
    assert reload(need).budget_max == Decimal("12000.00")


def test_open_budget_and_a_deadline_one_year_ahead_are_accepted(now, sme_member):
    need = post(sme_member, budget_min="", budget_max=None, deadline=TODAY + timedelta(days=366))
    need = reload(need)
    assert need.budget_min is None and need.budget_max is None
    assert need.status == Need.Status.OPEN and need.created_at == NOW
    assert sorted(need.disciplines.values_list("code", flat=True)) == ["460"]


def test_followers_of_the_field_and_of_its_sector_are_told(
    now,
    sme_member,
    provider_org,
    provider_admin,
    technician,
    provider_member,
    other_provider_org,
    other_provider_admin,
):
    third = services.follow_field(
        act(other_provider_admin), other_provider_org, IndustryField.objects.get(pk="manufacturing")
    )
    services.follow_field(
        act(provider_admin), provider_org, IndustryField.objects.get(pk="high-end-equipment")
    )
    assert third.field_id == "manufacturing"
    need = post(sme_member)
    # provider_member is a member: it does not propose, so it is not told.
    assert notified("need_posted") == {"provider_admin", "technician", "other_provider_admin"}
    note = Notification.objects.filter(verb="cooperation.need_posted").first()
    assert need.title in note.title
    assert note.url == reverse("cooperation:need_detail", args=[need.pk])


def test_followers_of_another_field_are_not_told(
    now, sme_member, other_provider_org, other_provider_admin
):
    services.follow_field(
        act(other_provider_admin), other_provider_org, IndustryField.objects.get(pk="biomedicine")
    )
    post(sme_member)
    assert notified("need_posted") == set()


def test_a_provider_posting_as_customer_is_not_told_of_its_own_need(
    now, provider_org, provider_admin, technician, other_provider_org, other_provider_admin
):
    equipment = IndustryField.objects.get(pk="high-end-equipment")
    services.follow_field(act(provider_admin), provider_org, equipment)
    services.follow_field(act(other_provider_admin), other_provider_org, equipment)
    post(provider_admin)
    assert notified("need_posted") == {"other_provider_admin"}


def test_notice_of_a_confidential_need_shows_only_its_public_summary(
    now, sme_member, provider_org, provider_admin
):
    services.follow_field(
        act(provider_admin), provider_org, IndustryField.objects.get(pk="high-end-equipment")
    )
    need = post(sme_member, **CONFIDENTIAL)
    bodies = list(
        Notification.objects.filter(verb="cooperation.need_posted").values_list("body", flat=True)
    )
    assert bodies and all(CONFIDENTIAL["public_summary"] in body for body in bodies)
    for body in bodies:
        assert need.problem not in body
        assert need.problem[:20] not in body
        assert need.expected_outcome[:20] not in body


def test_outsider_and_provider_people_cannot_post_for_the_firm(
    now, sme_org, outsider, provider_admin, technician
):
    for user in (outsider, provider_admin, technician):
        with pytest.raises(NotAllowed):
            services.post_need(act(user), sme_org, disciplines=["460"], **need_fields())
    assert Need.objects.count() == 0


def test_member_of_the_firm_posts_a_need(now, sme_member, sme_org):
    need = post(sme_member)
    assert need.customer == sme_org and need.created_by == sme_member


def test_edit_changes_an_open_need_and_writes_its_matches_again(
    now, need, sme_member, provider_org, other_provider_org, sem, technician
):
    make_instrument(other_provider_org, "气相色谱仪", class_code="010501", discipline_codes=["150"])
    services.edit_need(act(sme_member), need, disciplines=["460"], **need_fields())
    before = set(NeedMatch.objects.filter(need=need).values_list("provider_id", flat=True))
    assert before == {provider_org.pk}
    propose(technician, need)
    services.edit_need(
        act(sme_member), need, disciplines=["150"], **need_fields(title="涂层挥发物成分分析")
    )
    after = set(NeedMatch.objects.filter(need=need).values_list("provider_id", flat=True))
    assert other_provider_org.pk in after and provider_org.pk not in after
    assert reload(need).title == "涂层挥发物成分分析"
    assert notified("need_changed") == {"technician"}


def test_confidential_need_read_by_a_provider_stays_confidential(now, sme_member, provider_org):
    secret = post(sme_member, **CONFIDENTIAL)
    services.invite_provider(act(sme_member), secret, provider_org)
    with pytest.raises(InvalidInput) as refusal:
        services.edit_need(act(sme_member), secret, disciplines=["460"], **need_fields())
    assert refusal.value.field == "is_confidential"
    assert reload(secret).is_confidential


def test_edit_is_refused_once_the_need_is_withdrawn(now, need, sme_member):
    services.withdraw_need(act(sme_member), need, "项目取消")
    with pytest.raises(InvalidState):
        services.edit_need(
            act(sme_member), need, disciplines=["460"], **need_fields(title="新标题")
        )
    assert reload(need).title == need_fields()["title"]


def test_edit_by_outsider_is_refused(now, need, outsider):
    with pytest.raises(NotAllowed):
        services.edit_need(act(outsider), need, disciplines=["460"], **need_fields(title="改"))


def test_withdraw_declines_live_proposals_with_the_reason(
    now, need, sme_member, technician, other_provider_admin
):
    first = propose(technician, need)
    second = propose(other_provider_admin, need)
    services.withdraw_proposal(act(other_provider_admin), second)
    services.withdraw_need(act(sme_member), need, "公司调整研发方向")
    need = reload(need)
    assert need.status == Need.Status.WITHDRAWN and need.close_reason == "公司调整研发方向"
    first = reload(first)
    assert first.status == Proposal.Status.DECLINED
    assert first.decline_message == "公司调整研发方向"
    assert reload(second).status == Proposal.Status.WITHDRAWN
    note = Notification.objects.get(verb="cooperation.need_withdrawn")
    assert note.user == technician and note.body == "公司调整研发方向"


def test_withdraw_needs_a_reason(now, need, sme_member):
    with pytest.raises(InvalidInput) as refusal:
        services.withdraw_need(act(sme_member), need, "  ")
    assert refusal.value.field == "reason"
    assert reload(need).status == Need.Status.OPEN


@pytest.fixture
def secret(now, sme_member):
    return post(sme_member, **CONFIDENTIAL)


def test_public_need_has_no_access_step(now, need, sme_member, provider_org, technician):
    with pytest.raises(InvalidState):
        services.invite_provider(act(sme_member), need, provider_org)
    with pytest.raises(InvalidState):
        services.request_access(act(technician), need, provider_org)
    assert NeedAccess.objects.count() == 0


def test_undertaking_stores_its_text_time_and_person(
    now, secret, sme_member, provider_org, technician, sme_org
):
    access = services.invite_provider(act(sme_member), secret, provider_org)
    assert access.status == NeedAccess.Status.GRANTED and access.granted_by == sme_member
    assert not reload(access).reads_details
    now(NOW + timedelta(hours=2))
    services.accept_undertaking(act(technician), access)
    access = reload(access)
    assert access.reads_details
    assert access.undertaking_by == technician
    assert access.undertaking_at == NOW + timedelta(hours=2)
    assert provider_org.name in access.undertaking_text
    assert sme_org.name in access.undertaking_text
    assert notified("undertaking_accepted") >= {"sme_member"}


def test_undertaking_without_a_grant_is_refused(now, secret, provider_org, technician):
    access = services.request_access(act(technician), secret, provider_org)
    with pytest.raises(InvalidState):
        services.accept_undertaking(act(technician), access)
    access = reload(access)
    assert access.status == NeedAccess.Status.REQUESTED and access.undertaking_at is None


def test_second_undertaking_is_a_conflict(
    now, secret, sme_member, provider_org, technician, provider_admin
):
    access = services.invite_provider(act(sme_member), secret, provider_org)
    services.accept_undertaking(act(technician), access)
    with pytest.raises(Conflict):
        services.accept_undertaking(act(provider_admin), access)
    assert reload(access).undertaking_by == technician


def test_provider_member_cannot_give_the_undertaking(
    now, secret, sme_member, provider_org, provider_member
):
    access = services.invite_provider(act(sme_member), secret, provider_org)
    with pytest.raises(NotAllowed):
        services.accept_undertaking(act(provider_member), access)
    assert reload(access).undertaking_at is None


def test_asking_twice_for_access_is_a_conflict(
    now, secret, provider_org, technician, provider_admin
):
    services.request_access(act(technician), secret, provider_org)
    with pytest.raises(Conflict):
        services.request_access(act(provider_admin), secret, provider_org)
    assert NeedAccess.objects.count() == 1
    assert notified("access_requested") >= {"sme_member"}


def test_inviting_twice_is_a_conflict(now, secret, sme_member, provider_org):
    services.invite_provider(act(sme_member), secret, provider_org)
    with pytest.raises(Conflict):
        services.invite_provider(act(sme_member), secret, provider_org)


def test_a_granted_request_lets_the_provider_give_the_undertaking(
    now, secret, sme_member, provider_org, technician
):
    access = services.request_access(act(technician), secret, provider_org)
    services.answer_access(act(sme_member), access, grant=True)
    assert reload(access).status == NeedAccess.Status.GRANTED
    services.accept_undertaking(act(technician), access)
    assert reload(access).reads_details


def test_invitation_answers_a_pending_request(now, secret, sme_member, provider_org, technician):
    access = services.request_access(act(technician), secret, provider_org)
    invited = services.invite_provider(act(sme_member), secret, provider_org)
    assert invited.pk == access.pk
    access = reload(access)
    assert access.status == NeedAccess.Status.GRANTED and access.requested_by == technician
    assert NeedAccess.objects.count() == 1


def test_refused_request_then_invitation_grants(now, secret, sme_member, provider_org, technician):
    access = services.request_access(act(technician), secret, provider_org)
    services.answer_access(act(sme_member), access, grant=False)
    assert reload(access).status == NeedAccess.Status.REFUSED
    assert notified("access_refused") == {"technician"}
    with pytest.raises(InvalidState):
        services.accept_undertaking(act(technician), access)
    with pytest.raises(InvalidState):
        services.answer_access(act(sme_member), access, grant=True)
    services.invite_provider(act(sme_member), secret, provider_org)
    access = reload(access)
    assert access.status == NeedAccess.Status.GRANTED and access.granted_by == sme_member
    services.accept_undertaking(act(technician), access)
    assert reload(access).reads_details


def test_only_the_firm_answers_a_request(
    now, secret, provider_org, technician, provider_admin, outsider
):
    access = services.request_access(act(technician), secret, provider_org)
    for user in (provider_admin, outsider):
        with pytest.raises(NotAllowed):
            services.answer_access(act(user), access, grant=True)
    assert reload(access).status == NeedAccess.Status.REQUESTED


def test_only_providers_are_invited(now, secret, sme_member, outsider_org, sme_org):
    for org in (outsider_org, sme_org):
        with pytest.raises(InvalidInput) as refusal:
            services.invite_provider(act(sme_member), secret, org)
        assert refusal.value.field == "provider"
    assert NeedAccess.objects.count() == 0


def test_no_access_step_on_a_withdrawn_need(now, secret, sme_member, provider_org, technician):
    services.withdraw_need(act(sme_member), secret, "项目取消")
    with pytest.raises(InvalidState):
        services.invite_provider(act(sme_member), secret, provider_org)
    with pytest.raises(InvalidState):
        services.request_access(act(technician), secret, provider_org)


def test_only_providers_follow_fields_and_following_twice_is_once(
    now, sme_admin, sme_org, provider_org, technician, provider_member
):
    equipment = IndustryField.objects.get(pk="high-end-equipment")
    with pytest.raises(NotAllowed):
        services.follow_field(act(sme_admin), sme_org, equipment)
    with pytest.raises(NotAllowed):
        services.follow_field(act(provider_member), provider_org, equipment)
    first = services.follow_field(act(technician), provider_org, equipment)
    assert services.follow_field(act(technician), provider_org, equipment).pk == first.pk
    services.unfollow_field(act(technician), provider_org, equipment)
    assert not provider_org.followed_fields.exists()
