"""The catalogue page reading a need: what it understood, how to undo each part, what to try
when nothing matches, and bad input answered with a message instead of a 500."""

from datetime import datetime

import pytest
from django.utils import timezone, translation

from labshare.catalog import explain
from labshare.catalog.understanding import understand
from labshare.core import clock
from tests.factories import make_instrument

THURSDAY = timezone.make_aware(datetime(2026, 12, 3, 15, 0))


@pytest.fixture
def frozen():
    with clock.frozen(THURSDAY):
        yield


@pytest.fixture
def catalogue(provider_org):
    return {
        "tensile": make_instrument(provider_org, "电子万能材料试验机", class_code="020101"),
        "sem": make_instrument(provider_org, "场发射扫描电子显微镜", class_code="010102"),
    }


def get(client, **params):
    with translation.override("zh-hans"):
        response = client.get("/instruments/", params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response


def text(response) -> str:
    return response.content.decode()


def test_a_thesaurus_expansion_is_shown_and_can_be_removed(client, catalogue, frozen):
    response = get(client, q="拉伸强度")
    body = text(response)
    assert 'id="search-reading"' in body
    assert "拉伸强度 → 材料试验机" in body
    [chip] = response.context["chips"]
    assert "literal=%E6%8B%89%E4%BC%B8%E5%BC%BA%E5%BA%A6" in chip.remove_url
    # Without the thesaurus the word is searched as typed, and nothing says 拉伸强度.
    literal = get(client, q="拉伸强度", literal="拉伸强度")
    assert literal.context["chips"] == []
    assert list(literal.context["shown"]) == []


def test_time_words_are_shown_and_each_can_be_removed(client, catalogue, frozen):
    response = get(client, q="明天有空的扫描电镜")
    chips = {chip.text: chip for chip in response.context["chips"]}
    assert chips["明天"].meaning == "12月4日"
    assert chips["有空"].meaning == "仅显示有空闲时段的仪器"
    assert "q=%E6%9C%89%E7%A9%BA" in chips["明天"].remove_url  # q=有空的扫描电镜
    # Removing the switch removes the filter and every time word with it.
    without = get(client, q="的扫描电镜")
    assert "q=%E7%9A%84%E6%89%AB" in chips["有空"].remove_url  # q=的扫描电镜
    assert without.context["free"] is None
    # The SEM has no opening hours: nothing is free, and it is shown as matching anyway.
    assert response.context["free"] is not None
    assert [i.name for i in response.context["busy_matches"]] == ["场发射扫描电子显微镜"]
    assert 'id="busy-matches"' in text(response)


def test_the_free_time_fields_filter_without_time_words(client, catalogue, frozen):
    response = get(client, q="扫描电镜", free_from="2026-12-07", free_hours="3")
    assert response.context["filter"].wants_free_time
    assert response.context["chips"][-1].text == "空闲时段"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "扫描电镜 2月30日"}, "2月30日不是有效日期。"),
        ({"q": "扫描电镜 今天上午"}, "所问的时间已经过去。"),
        ({"q": "扫描电镜 30小时"}, "连续时长最多为 24 小时。"),
    ],
)
def test_impossible_or_past_times_get_a_message(client, catalogue, frozen, params, message):
    response = get(client, **params)
    assert message in text(response)
    assert 'id="time-problem"' in text(response)
    # The words are still searched.
    assert [i.name for i in response.context["shown"]] == ["场发射扫描电子显微镜"]


def test_field_errors_are_shown(client, catalogue, frozen):
    response = get(client, free_from="2026-12-09", free_to="2026-12-08")
    assert response.context["form"].errors["free_to"]
    assert 'role="alert"' in text(response)


def test_a_very_long_query_is_cut_and_says_so(client, catalogue, frozen):
    response = get(client, q="拉伸" + "的" * 10_000)
    assert "搜索内容过长" in text(response)
    assert response.context["shown"][0].name == "电子万能材料试验机"


def test_nul_bytes_get_a_message(client, catalogue, frozen):
    response = get(client, q="扫描\x00电镜")
    assert response.context["form"].errors["q"]
    assert 'role="alert"' in text(response)


def test_only_punctuation_lists_the_catalogue(client, catalogue, frozen):
    response = get(client, q="，。！？、…")
    assert len(response.context["shown"]) == 2


def test_pinyin_initials_suggest_a_word(client, catalogue, frozen):
    response = get(client, q="smdj")
    assert list(response.context["shown"]) == []
    assert "扫描电镜" in response.context["suggestions"]
    assert 'id="suggestions"' in text(response)


def test_a_misspelt_word_suggests_the_closest_known_one(catalogue):
    assert explain.suggestions(understand("扫描电竟"))[0] == "扫描电镜"
    assert "透射电镜" in explain.suggestions(understand("透射电境"))


def test_edit_distance_gives_up_past_its_limit():
    assert explain.distance("扫描电镜", "扫描电竟", 1) == 1
    assert explain.distance("扫描电镜", "液相色谱", 1) == 2


def test_test_items_that_answer_the_need_are_listed(client, provider_org, frozen):
    from labshare.catalog import testing as testing_services
    from tests.factories import act, make_member

    tester = make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    admin = make_member(provider_org, "lab_admin", "admin")
    service = testing_services.create_test_service(
        act(admin, provider_org),
        provider_org,
        code="T-01",
        name="金属室温拉伸试验",
        method_code="GB/T 228.1-2021",
        sample_type="金属棒材",
        price_per_sample=300,
        instruments=[tester],
    )
    testing_services.publish_test_service(act(admin, provider_org), service)
    response = get(client, q="测断裂伸长率")
    assert [s.name for s in response.context["test_matches"]] == ["金属室温拉伸试验"]


def test_a_long_provider_facet_shows_the_biggest_and_the_chosen():
    from labshare.catalog.views import _most_counted

    options = [{"pk": n, "name": f"单位{n}", "count": n} for n in range(1, 31)]
    shown, more = _most_counted(options, selected=2, limit=5)
    assert [o["pk"] for o in shown] == [2, 26, 27, 28, 29, 30]
    assert more == 25
    assert _most_counted(options[:3], selected=None, limit=5) == (options[:3], 0)
