import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_instrument


@pytest.fixture
def listed(provider_org, other_provider_org):
    make_instrument(
        provider_org, "场发射扫描电子显微镜", running_status="normal", booking_mode="staff"
    )
    make_instrument(
        provider_org,
        "电子万能材料试验机",
        class_code="020101",
        booking_mode="self",
        discipline_codes=["460"],
    )
    make_instrument(other_provider_org, "气相色谱仪", class_code="010501", running_status="standby")
    make_instrument(other_provider_org, "未发布的液相色谱仪", class_code="010502", publish=False)


def list_names(client, **params):
    response = client.get(reverse("catalog:instrument_list"), params)
    assert response.status_code == 200
    return [i.name for i in response.context["page_obj"].object_list]


def test_list_shows_published_instruments_only(client, listed):
    # In pinyin order: chang, dian, qi.
    assert list_names(client) == ["场发射扫描电子显微镜", "电子万能材料试验机", "气相色谱仪"]


def test_filters_by_class_tree_provider_discipline_status_and_mode(client, listed, provider_org):
    assert list_names(client, cls="010000") == ["场发射扫描电子显微镜", "气相色谱仪"]
    assert list_names(client, cls="010500") == ["气相色谱仪"]
    assert list_names(client, provider=provider_org.pk) == [
        "场发射扫描电子显微镜",
        "电子万能材料试验机",
    ]
    assert list_names(client, discipline="460") == ["电子万能材料试验机"]
    assert list_names(client, status="standby") == ["气相色谱仪"]
    assert list_names(client, mode="self") == ["电子万能材料试验机"]


def test_search_and_filter_combine(client, listed):
    assert list_names(client, q="色谱", status="normal") == []
    assert list_names(client, q="色谱") == ["气相色谱仪"]


def test_bad_filter_values_are_ignored_not_500(client, listed):
    assert len(list_names(client, cls="abc", provider="x", page="999")) == 3


def test_empty_result_shows_what_to_do(client, listed):
    response = client.get(reverse("catalog:instrument_list"), {"q": "不存在的东西"})
    assert response.context["page_obj"].paginator.count == 0
    empty = response.content.decode().split('class="empty"', 1)[1]
    assert f'href="{reverse("catalog:instrument_list")}"' in empty.split("</div>", 1)[0]


def test_htmx_request_gets_only_the_results(client, listed):
    response = client.get(reverse("catalog:instrument_list"), {"q": "色谱"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert "气相色谱仪" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, listed):
    response = client.get(
        reverse("catalog:instrument_list"),
        {"q": "色谱"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert b"<html" in response.content


def test_search_text_is_escaped(client, listed):
    response = client.get(reverse("catalog:instrument_list"), {"q": "<script>alert(1)</script>"})
    assert b"<script>alert(1)" not in response.content


def test_pagination(client, provider_org, settings):
    settings.PAGE_SIZE = 5
    for number in range(12):
        make_instrument(provider_org, f"测试仪器{number:02d}", class_code="010501")
    response = client.get(reverse("catalog:instrument_list"), {"page": 3})
    assert [i.name for i in response.context["page_obj"].object_list] == [
        "测试仪器10",
        "测试仪器11",
    ]


def count_queries(client, url, params=None) -> int:
    cache.clear()  # measure the full cost, facets included
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "色谱"}, {"cls": "010000"}])
def test_list_query_count_does_not_grow_with_rows(client, provider_org, params):
    make_instrument(provider_org, "气相色谱仪", class_code="010501")
    few = count_queries(client, reverse("catalog:instrument_list"), params)
    for number in range(15):
        make_instrument(
            provider_org,
            f"离子色谱仪{number}",
            class_code="010503",
            discipline_codes=["150", "610"],
        )
    many = count_queries(client, reverse("catalog:instrument_list"), params)
    assert many == few


def test_provider_page_query_count_does_not_grow(client, provider_org):
    make_instrument(provider_org, "气相色谱仪", class_code="010501")
    url = reverse("catalog:provider_detail", args=[provider_org.pk])
    few = count_queries(client, url)
    for number in range(10):
        make_instrument(provider_org, f"色谱仪{number}", class_code="010501")
    assert count_queries(client, url) == few


def test_unpublished_instrument_detail_is_404_for_visitors_and_outsiders(
    client, client_of, outsider, provider_org
):
    draft = make_instrument(provider_org, "草稿仪器", publish=False)
    url = reverse("catalog:instrument_detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert client_of(outsider).get(url).status_code == 404


def test_provider_staff_can_preview_their_draft(client_of, technician, provider_org):
    draft = make_instrument(provider_org, "草稿仪器", publish=False)
    response = client_of(technician).get(reverse("catalog:instrument_detail", args=[draft.pk]))
    assert response.status_code == 200


def test_detail_shows_the_national_fields(client, provider_org):
    instrument = make_instrument(
        provider_org, "场发射扫描电子显微镜", specifications="分辨率：1.0 nm"
    )
    page = client.get(reverse("catalog:instrument_detail", args=[instrument.pk])).content.decode()
    assert "分辨率：1.0 nm" in page and "010801" in page and provider_org.name in page


def test_provider_list_and_home(client, listed):
    providers = client.get(reverse("catalog:provider_list"))
    assert providers.status_code == 200 and len(providers.context["page_obj"].object_list) == 2
    home = client.get(reverse("home"))
    assert home.status_code == 200 and home.context["instrument_count"] == 3


def test_non_provider_page_is_404(client, sme_org):
    assert client.get(reverse("catalog:provider_detail", args=[sme_org.pk])).status_code == 404


def test_facets_follow_publication(client, provider_org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_instrument(provider_org, "气相色谱仪", class_code="010501")
    response = client.get(reverse("catalog:instrument_list"))
    assert [p["count"] for p in response.context["providers"]] == [1]
    with django_capture_on_commit_callbacks(execute=True):
        make_instrument(provider_org, "液相色谱仪", class_code="010502")
    response = client.get(reverse("catalog:instrument_list"))
    assert [p["count"] for p in response.context["providers"]] == [2]


def facets_of(client, **params) -> dict:
    context = client.get(reverse("catalog:instrument_list"), params).context
    return {
        "classes": {n["code"]: n["count"] for n in context["class_tree"]},
        "providers": {p["name"]: p["count"] for p in context["providers"]},
        "disciplines": {d["code"]: d["count"] for d in context["disciplines"]},
        "modes": {value: count for value, _label, count in context["booking_modes"]},
    }


def test_facets_count_the_current_result_not_the_catalogue(
    client, listed, provider_org, other_provider_org
):
    everything = facets_of(client)
    assert everything["classes"]["010000"] == 2 and everything["classes"]["020000"] == 1
    # A search for 色谱 finds one instrument: the sidebar counts that one only.
    found = facets_of(client, q="色谱")
    assert found["classes"] == {"010000": 1, "010500": 1}
    assert found["providers"] == {other_provider_org.display_name: 1}
    assert set(found["disciplines"].values()) == {1}
    # A filtered result: each option counts what following it would give, never 0.
    self_only = facets_of(client, mode="self")
    assert self_only["providers"] == {provider_org.display_name: 1}
    assert self_only["classes"] == {"020000": 1, "020100": 1}
    assert self_only["modes"] == {"staff": 2, "self": 1}  # switching mode is still offered
    for params in ({"q": "色谱"}, {"mode": "self"}, {"cls": "010000"}):
        facets = facets_of(client, **params)
        for code, count in facets["classes"].items():
            assert len(list_names(client, **{**params, "cls": code})) == count
        for value, count in facets["modes"].items():
            assert len(list_names(client, **{**params, "mode": value})) == count


def test_names_sort_by_pinyin_with_latin_letters_in_the_same_alphabet(client, provider_org):
    for name in (
        "X射线衍射仪",
        "PXIe数据采集系统",
        "三坐标测量机",
        "扫描电子显微镜",
        "安捷伦液相色谱仪",
    ):
        make_instrument(provider_org, name)
    assert list_names(client) == [
        "安捷伦液相色谱仪",  # an
        "PXIe数据采集系统",  # pxie
        "三坐标测量机",  # san
        "扫描电子显微镜",  # sao
        "X射线衍射仪",  # x
    ]
    assert list_names(client, sort="name") == list_names(client)


def test_sort_choices_order_by_fee_and_newest(client, provider_org):
    from decimal import Decimal

    make_instrument(provider_org, "贵的仪器", hourly_fee=Decimal("500"))
    make_instrument(provider_org, "便宜的仪器", hourly_fee=Decimal("50"))
    make_instrument(provider_org, "没有收费的仪器")
    assert list_names(client, sort="fee") == ["便宜的仪器", "贵的仪器", "没有收费的仪器"]
    assert list_names(client, sort="newest")[0] == "没有收费的仪器"
    assert list_names(client, sort="nonsense") == list_names(client)  # ignored, not a 500
    page = client.get(reverse("catalog:instrument_list")).content.decode()
    assert "sort=fee" in page


def test_result_facets_are_kept_until_the_catalogue_changes(
    client, listed, provider_org, django_capture_on_commit_callbacks
):
    assert facets_of(client, q="色谱")["classes"] == {"010000": 1, "010500": 1}
    with CaptureQueriesContext(connection) as warm:
        facets_of(client, q="色谱")
    with CaptureQueriesContext(connection) as cold:
        cache.clear()
        facets_of(client, q="色谱")
    assert len(warm) < len(cold)
    with django_capture_on_commit_callbacks(execute=True):
        make_instrument(provider_org, "液相色谱仪", class_code="010502")
    assert facets_of(client, q="色谱")["classes"] == {"010000": 2, "010500": 2}
