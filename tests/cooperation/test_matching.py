"""Which providers a need is suggested to, and the matched needs each provider lists."""

from datetime import timedelta

from labshare.cooperation import matching, queries, services
from labshare.cooperation.models import NeedMatch
from tests.cooperation.conftest import NOW, milestone, post, propose, sign
from tests.factories import act, make_instrument

# A need none of whose words names an instrument of the tests: only the discipline can match.
PACKAGING = {
    "title": "新产品外包装造型设计",
    "problem": "新产品外包装的造型与结构设计，要求美观、便于运输。",
    "expected_outcome": "包装方案。",
}
FRACTURE = {
    "title": "铝合金断口形貌观察",
    "problem": "需要用扫描电子显微镜观察铝合金焊接件的断口形貌。",
    "expected_outcome": "断口形貌照片与分析报告。",
}


def providers(need) -> list[str]:
    return [match.provider.name for match in matching.suggest(need)]


def test_provider_with_an_instrument_in_the_discipline_is_suggested_without_a_word_matching(
    now, sme_member, provider_org, sem
):
    need = post(sme_member, **PACKAGING)
    (match,) = matching.suggest(need)
    assert match.provider == provider_org
    assert match.instruments == [sem]
    assert match.score > 0


def test_provider_outside_the_discipline_is_not_suggested_for_a_need_without_matching_words(
    now, sme_member, other_provider_org, sem
):
    make_instrument(other_provider_org, "气相色谱仪", class_code="010501", discipline_codes=["150"])
    assert providers(post(sme_member, **PACKAGING)) == [sem.organization.name]


def test_instrument_named_in_the_need_ranks_above_one_only_in_the_discipline(
    now, sme_member, provider_org, other_provider_org, sem
):
    make_instrument(
        other_provider_org, "核磁共振波谱仪", class_code="010601", discipline_codes=["460"]
    )
    need = post(sme_member, **FRACTURE)
    best, second = matching.suggest(need)
    assert best.provider == provider_org and second.provider == other_provider_org
    assert best.score > second.score
    # Without the words, the two stand equal on the discipline alone.
    plain = matching.suggest(post(sme_member, **PACKAGING))
    assert plain[0].score == plain[1].score


def test_unpublished_instruments_do_not_count(now, sme_member, other_provider_org):
    make_instrument(other_provider_org, "扫描电子显微镜", discipline_codes=["460"], publish=False)
    assert matching.suggest(post(sme_member, **FRACTURE)) == []


def test_the_firm_itself_is_never_suggested(
    now, provider_admin, provider_org, other_provider_org, sem
):
    """A provider that is also a customer posts a need its own instrument would answer."""
    theirs = make_instrument(
        other_provider_org, "核磁共振波谱仪", class_code="010601", discipline_codes=["460"]
    )
    need = post(provider_admin, **FRACTURE)
    suggested = matching.suggest(need)
    assert [m.provider for m in suggested] == [other_provider_org]
    assert suggested[0].instruments == [theirs]
    assert not NeedMatch.objects.filter(need=need, provider=provider_org).exists()


def test_customer_organisations_are_never_suggested(now, sme_member, sme_org, sem):
    assert sme_org.name not in providers(post(sme_member, **FRACTURE))


def test_past_agreements_in_the_discipline_count(
    now, sme_member, sme_admin, other_provider_org, other_provider_admin, sem
):
    earlier = post(sme_member, **PACKAGING)
    agreement = services.accept_proposal(act(sme_admin), propose(other_provider_admin, earlier))
    milestone(sme_admin, agreement, "90000")
    sign(agreement, sme_admin, other_provider_admin)
    need = post(sme_member, **PACKAGING, deadline=NOW.date() + timedelta(days=20))
    by_name = {m.provider.name: m for m in matching.suggest(need)}
    assert by_name[other_provider_org.name].past_agreements == 1
    assert by_name[other_provider_org.name].instruments == []
    assert by_name[sem.organization.name].past_agreements == 0
    stored = NeedMatch.objects.get(need=need, provider=other_provider_org)
    assert stored.past_agreements == 1


def test_a_draft_or_other_discipline_agreement_does_not_count(
    now, sme_member, sme_admin, other_provider_org, other_provider_admin
):
    chemistry = post(sme_member, disciplines=["150"], **PACKAGING)
    agreement = services.accept_proposal(act(sme_admin), propose(other_provider_admin, chemistry))
    milestone(sme_admin, agreement, "90000")
    sign(agreement, sme_admin, other_provider_admin)
    draft_need = post(sme_member, **PACKAGING)
    services.accept_proposal(act(sme_admin), propose(other_provider_admin, draft_need))
    assert matching.suggest(post(sme_member, **PACKAGING)) == []


def test_refresh_matches_writes_the_rows_again(
    now, sme_member, provider_org, other_provider_org, sem
):
    need = post(sme_member, **FRACTURE)
    assert set(NeedMatch.objects.filter(need=need).values_list("provider", flat=True)) == {
        provider_org.pk
    }
    make_instrument(
        other_provider_org, "核磁共振波谱仪", class_code="010601", discipline_codes=["460"]
    )
    rows = matching.refresh_matches(need)
    assert [row.provider for row in rows] == [provider_org, other_provider_org]
    stored = list(NeedMatch.objects.filter(need=need).order_by("-score"))
    assert [row.provider for row in stored] == [provider_org, other_provider_org]
    assert stored[0].instruments == 1 and stored[0].score > stored[1].score


def test_matched_needs_lists_open_needs_only(now, sme_member, provider_org, sem):
    open_need = post(sme_member, **FRACTURE)
    withdrawn = post(sme_member, **FRACTURE)
    short = post(sme_member, **PACKAGING, deadline=NOW.date() + timedelta(days=3))
    services.withdraw_need(act(sme_member), withdrawn, "项目取消")
    listed = [m.need for m in queries.matched_needs(provider_org.pk)]
    assert set(listed) == {open_need, short}
    assert listed[0] == open_need  # the words match: the better score comes first
    now(NOW + timedelta(days=4))
    assert [m.need for m in queries.matched_needs(provider_org.pk)] == [open_need]


def test_matched_needs_leaves_out_an_awarded_need(
    now, sme_member, sme_admin, provider_org, technician, sem
):
    need = post(sme_member, **FRACTURE)
    services.accept_proposal(act(sme_admin), propose(technician, need))
    assert list(queries.matched_needs(provider_org.pk)) == []
