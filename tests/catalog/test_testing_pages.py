"""Test items (检测项目) and accreditations: the provider console, the public list and detail,
the search beside the instrument catalogue, and bounded query counts."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone

from labshare.catalog import testing
from labshare.catalog.models import Accreditation, AccreditationScope, TestService
from labshare.core import clock
from labshare.core.actors import system_actor
from tests.factories import act, make_instrument, reload

# Tuesday 2026-03-03 10:00 in Asia/Shanghai.
NOW = timezone.make_aware(datetime(2026, 3, 3, 10, 0))


def _order_form_stub(request):
    return HttpResponse("order form")


# A URL configuration with an order form, for the order button (the orders app's own, once it
# exists, comes first and wins).
urlpatterns = [
    path("", include("labshare.urls")),
    path(
        "stub-orders/",
        include(([path("new/", _order_form_stub, name="order_new")], "orders")),
    ),
]


@pytest.fixture
def today(monkeypatch):
    """The clock frozen at NOW; moving it returns the new date."""
    current = {"value": NOW}
    monkeypatch.setattr(clock, "now", lambda: current["value"])

    def move(to: datetime) -> date:
        current["value"] = to
        return clock.today()

    move.date = NOW.date()
    return move


def make_test_service(org, name="金属材料室温拉伸试验", publish=True, **fields):
    defaults = {
        "code": f"TS-{TestService.objects.count() + 1:03d}",
        "method_code": "GB/T 228.1-2021",
        "method_title": "金属材料 拉伸试验 第1部分：室温试验方法",
        "sample_type": "金属棒材或板材",
        "sample_amount": "每组 3 根",
        "result_unit": "MPa",
        "turnaround_days": 5,
        "price_per_sample": Decimal("180.00"),
    }
    defaults.update(fields)
    service = testing.create_test_service(system_actor(), org, name=name, **defaults)
    if publish:
        service = testing.publish_test_service(system_actor(), service)
    return service


@pytest.fixture
def tensile(provider_org, today):
    return make_test_service(provider_org)


@pytest.fixture
def draft_item(provider_org, today):
    return make_test_service(
        provider_org, "金属洛氏硬度试验", publish=False, method_code="GB/T 230.1-2018"
    )


@pytest.fixture
def cma(provider_org, tensile):
    accreditation = testing.add_accreditation(
        system_actor(),
        provider_org,
        kind="cma",
        number="210012345678",
        issuer="辽宁省市场监督管理局",
        valid_from=date(2024, 1, 1),
        valid_until=date(2026, 6, 30),
    )
    testing.set_scope_line(system_actor(), accreditation, tensile)
    return accreditation


def count_queries(client, url, params=None) -> int:
    cache.clear()  # measure the full cost, the instrument facets included
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


# The console: who may come in


CONSOLE_PAGES = [
    "catalog:console_test_services",
    "catalog:test_service_new",
    "catalog:console_accreditations",
]


def object_urls(item, accreditation) -> list[tuple[str, str]]:
    line = accreditation.scope_lines.get()
    return [
        ("get", reverse("catalog:test_service_edit", args=[item.pk])),
        ("post", reverse("catalog:test_service_publish", args=[item.pk])),
        ("post", reverse("catalog:test_service_withdraw", args=[item.pk])),
        ("get", reverse("catalog:accreditation_scope", args=[accreditation.pk])),
        ("post", reverse("catalog:accreditation_scope", args=[accreditation.pk])),
        (
            "post",
            reverse("catalog:scope_line_remove", args=[accreditation.pk, line.pk]),
        ),
    ]


@pytest.mark.parametrize("persona", ["provider_admin", "technician"])
@pytest.mark.parametrize("name", CONSOLE_PAGES)
def test_provider_staff_open_the_console_pages(client_of, request, persona, name, cma):
    assert client_of(request.getfixturevalue(persona)).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("persona", ["provider_admin", "technician"])
def test_provider_staff_open_the_object_pages(client_of, request, persona, tensile, cma):
    client = client_of(request.getfixturevalue(persona))
    assert client.get(reverse("catalog:test_service_edit", args=[tensile.pk])).status_code == 200
    assert client.get(reverse("catalog:accreditation_scope", args=[cma.pk])).status_code == 200


@pytest.mark.parametrize("name", CONSOLE_PAGES)
def test_provider_member_gets_403_on_console_pages(client_of, provider_member, name):
    assert client_of(provider_member).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", CONSOLE_PAGES)
def test_outsider_gets_403_on_console_pages_as_not_a_provider(client_of, outsider, name):
    assert client_of(outsider).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", CONSOLE_PAGES)
def test_anonymous_is_sent_to_login_from_console_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_provider_member_gets_403_on_object_pages_and_changes_nothing(
    client_of, provider_member, tensile, cma
):
    client = client_of(provider_member)
    for method, url in object_urls(tensile, cma):
        assert getattr(client, method)(url).status_code == 403, url
    assert reload(tensile).is_published and cma.scope_lines.count() == 1


@pytest.mark.parametrize("persona", ["other_provider_admin", "outsider"])
def test_another_tenant_gets_404_on_object_pages_and_changes_nothing(
    client_of, request, persona, tensile, cma
):
    client = client_of(request.getfixturevalue(persona))
    for method, url in object_urls(tensile, cma):
        assert getattr(client, method)(url).status_code == 404, url
    assert reload(tensile).is_published and cma.scope_lines.count() == 1


def test_other_provider_admin_gets_404_on_the_item_edit_page(
    client_of, other_provider_admin, tensile
):
    url = reverse("catalog:test_service_edit", args=[tensile.pk])
    assert client_of(other_provider_admin).get(url).status_code == 404


def test_console_lists_only_own_items(client_of, technician, tensile, other_provider_org):
    make_test_service(other_provider_org, "别家的拉伸试验")
    response = client_of(technician).get(reverse("catalog:console_test_services"))
    assert [s.name for s in response.context["page_obj"].object_list] == [tensile.name]


def test_empty_console_list_says_what_to_do_next(client_of, technician):
    response = client_of(technician).get(reverse("catalog:console_test_services"))
    assert response.context["page_obj"].paginator.count == 0
    assert reverse("catalog:test_service_new") in response.content.decode()


# The console: writing through the forms


def item_post_data(**overrides) -> dict:
    data = {
        "code": "LS-001",
        "name": "金属材料室温拉伸试验",
        "method_code": "GB/T 228.1-2021",
        "method_title": "金属材料 拉伸试验 第1部分：室温试验方法",
        "description": "",
        "sample_type": "金属棒材",
        "sample_amount": "每组 3 根",
        "sample_container": "",
        "sample_storage": "",
        "result_unit": "MPa",
        "turnaround_days": "5",
        "price_per_sample": "180.00",
    }
    data.update(overrides)
    return data


def test_technician_creates_an_item_with_its_instruments(client_of, technician, provider_org):
    machine = make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    response = client_of(technician).post(
        reverse("catalog:test_service_new"), item_post_data(instruments=[machine.pk])
    )
    service = TestService.objects.get(code="LS-001")
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:test_service_edit", args=[service.pk])
    assert not service.is_published and service.organization == provider_org
    assert service.price_per_sample == Decimal("180.00") and service.turnaround_days == 5
    assert list(service.instruments.all()) == [machine]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"method_code": ""}, "method_code"),
        ({"price_per_sample": "-1.00"}, "price_per_sample"),
        ({"turnaround_days": "0"}, "turnaround_days"),
        ({"name": ""}, "name"),
    ],
)
def test_a_bad_item_form_shows_a_field_error_and_writes_nothing(
    client_of, technician, overrides, field
):
    response = client_of(technician).post(
        reverse("catalog:test_service_new"), item_post_data(**overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert TestService.objects.count() == 0


def test_another_providers_instrument_cannot_be_chosen(client_of, technician, other_provider_org):
    theirs = make_instrument(other_provider_org, "别家的试验机", class_code="020101")
    response = client_of(technician).post(
        reverse("catalog:test_service_new"), item_post_data(instruments=[theirs.pk])
    )
    assert "instruments" in response.context["form"].errors
    assert TestService.objects.count() == 0


def test_a_taken_item_number_is_a_field_error(client_of, technician, tensile):
    response = client_of(technician).post(
        reverse("catalog:test_service_new"), item_post_data(code=tensile.code)
    )
    assert "code" in response.context["form"].errors
    assert TestService.objects.count() == 1


def test_technician_edits_an_item(client_of, technician, tensile):
    url = reverse("catalog:test_service_edit", args=[tensile.pk])
    response = client_of(technician).post(
        url, item_post_data(code=tensile.code, price_per_sample="200.00", turnaround_days="7")
    )
    assert response.status_code == 302
    tensile = reload(tensile)
    assert tensile.price_per_sample == Decimal("200.00") and tensile.turnaround_days == 7


def test_publish_makes_the_item_public_and_withdraw_takes_it_off(
    client, client_of, technician, draft_item
):
    public_list = reverse("catalog:test_service_list")
    assert draft_item.name not in client.get(public_list).content.decode()
    staff = client_of(technician)
    staff.post(reverse("catalog:test_service_publish", args=[draft_item.pk]))
    assert reload(draft_item).is_published
    client.logout()
    response = client.get(public_list)
    assert [s.name for s in response.context["page_obj"].object_list] == [draft_item.name]
    client_of(technician).post(reverse("catalog:test_service_withdraw", args=[draft_item.pk]))
    client.logout()
    assert client.get(public_list).context["page_obj"].paginator.count == 0


def accreditation_post_data(**overrides) -> dict:
    data = {
        "kind": "cnas",
        "number": "L12345",
        "issuer": "中国合格评定国家认可委员会",
        "valid_from": "2025-01-01",
        "valid_until": "2030-12-31",
    }
    data.update(overrides)
    return data


def test_technician_records_a_certificate_and_goes_on_to_its_scope(client_of, technician, today):
    response = client_of(technician).post(
        reverse("catalog:console_accreditations"), accreditation_post_data()
    )
    accreditation = Accreditation.objects.get(number="L12345")
    assert response["Location"] == reverse("catalog:accreditation_scope", args=[accreditation.pk])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"valid_until": "2024-12-31"}, "valid_until"),
        ({"number": ""}, "number"),
        ({"kind": "iso"}, "kind"),
        ({"valid_from": "2025-02-30"}, "valid_from"),
    ],
)
def test_a_bad_certificate_is_a_field_error_and_writes_nothing(
    client_of, technician, today, overrides, field
):
    response = client_of(technician).post(
        reverse("catalog:console_accreditations"), accreditation_post_data(**overrides)
    )
    assert response.status_code == 200 and field in response.context["form"].errors
    assert Accreditation.objects.count() == 0


def test_a_recorded_number_is_refused_on_its_field(client_of, technician, cma):
    response = client_of(technician).post(
        reverse("catalog:console_accreditations"),
        accreditation_post_data(kind="cma", number=cma.number),
    )
    assert "number" in response.context["form"].errors
    assert Accreditation.objects.count() == 1


def test_an_expired_certificate_is_shown_as_expired(client_of, technician, cma, today):
    url = reverse("catalog:console_accreditations")
    assert 'data-state="valid"' in client_of(technician).get(url).content.decode()
    today(timezone.make_aware(datetime(2026, 7, 1, 9, 0)))
    page = client_of(technician).get(url).content.decode()
    assert 'data-state="expired"' in page and 'data-state="valid"' not in page


def test_scope_line_takes_the_items_standard_by_default_and_can_be_removed(
    client_of, technician, provider_org, today
):
    service = make_test_service(provider_org, publish=False)
    accreditation = testing.add_accreditation(
        act(technician),
        provider_org,
        kind="cnas",
        number="L12345",
        issuer="CNAS",
        valid_from=date(2025, 1, 1),
        valid_until=date(2030, 12, 31),
    )
    url = reverse("catalog:accreditation_scope", args=[accreditation.pk])
    staff = client_of(technician)
    assert staff.post(url, {"test_service": service.pk, "method_code": ""}).status_code == 302
    line = AccreditationScope.objects.get()
    assert line.method_code == "GB/T 228.1-2021"
    staff.post(url, {"test_service": service.pk, "method_code": "ASTM E8"})
    assert AccreditationScope.objects.get().method_code == "ASTM E8"
    response = staff.post(reverse("catalog:scope_line_remove", args=[accreditation.pk, line.pk]))
    assert response.status_code == 302 and AccreditationScope.objects.count() == 0


def test_another_providers_item_cannot_enter_the_scope(
    client_of, technician, cma, other_provider_org
):
    theirs = make_test_service(other_provider_org, "别家的拉伸试验")
    url = reverse("catalog:accreditation_scope", args=[cma.pk])
    response = client_of(technician).post(url, {"test_service": theirs.pk})
    assert "test_service" in response.context["form"].errors
    assert list(cma.scope_lines.values_list("test_service_id", flat=True)) != [theirs.pk]


def test_a_scope_line_of_another_certificate_is_404(client_of, technician, cma, provider_org):
    other = testing.add_accreditation(
        system_actor(),
        provider_org,
        kind="cnas",
        number="L99999",
        issuer="CNAS",
        valid_from=date(2025, 1, 1),
        valid_until=date(2030, 1, 1),
    )
    line = cma.scope_lines.get()
    url = reverse("catalog:scope_line_remove", args=[other.pk, line.pk])
    assert client_of(technician).post(url).status_code == 404
    assert cma.scope_lines.count() == 1


# The public pages


def test_unpublished_item_is_404_for_visitors_and_outsiders_but_staff_preview_it(
    client, client_of, outsider, technician, draft_item
):
    url = reverse("catalog:test_service_detail", args=[draft_item.pk])
    assert client.get(url).status_code == 404
    assert client_of(outsider).get(url).status_code == 404
    client.logout()
    assert client_of(technician).get(url).status_code == 200


def test_detail_shows_method_samples_turnaround_price_instruments_and_provider(
    client, provider_org, today
):
    machine = make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    hidden = make_instrument(provider_org, "未发布的试验机", class_code="020101", publish=False)
    service = make_test_service(provider_org, instruments=[machine, hidden], turnaround_days=7)
    response = client.get(reverse("catalog:test_service_detail", args=[service.pk]))
    page = response.content.decode()
    assert "GB/T 228.1-2021" in page and "金属棒材或板材" in page and "180.00" in page
    assert provider_org.name in page
    assert reverse("catalog:instrument_detail", args=[machine.pk]) in page
    assert "未发布的试验机" not in page


def test_detail_shows_the_cma_badge_inside_a_valid_scope_only(client, tensile, cma, today):
    url = reverse("catalog:test_service_detail", args=[tensile.pk])
    assert 'data-mark="cma"' in client.get(url).content.decode()
    today(timezone.make_aware(datetime(2026, 7, 1, 9, 0)))  # the day after it expired
    assert 'data-mark="cma"' not in client.get(url).content.decode()


def test_a_scope_line_by_another_standard_gives_no_badge(client, provider_org, tensile, today):
    accreditation = testing.add_accreditation(
        system_actor(),
        provider_org,
        kind="cnas",
        number="L54321",
        issuer="CNAS",
        valid_from=date(2025, 1, 1),
        valid_until=date(2030, 1, 1),
    )
    testing.set_scope_line(system_actor(), accreditation, tensile, "ASTM E8")
    page = client.get(reverse("catalog:test_service_detail", args=[tensile.pk])).content.decode()
    assert 'data-mark="cnas"' not in page
    accredited = client.get(reverse("catalog:test_service_list"), {"accredited": "on"})
    assert accredited.context["page_obj"].paginator.count == 0


def test_the_order_button_links_to_the_order_form_when_there_is_one(client, tensile, settings):
    url = reverse("catalog:test_service_detail", args=[tensile.pk])
    try:
        order_url = reverse("orders:order_new")
    except NoReverseMatch:
        assert 'id="order-test"' not in client.get(url).content.decode()
    else:
        assert f"{order_url}?service={tensile.pk}" in client.get(url).content.decode()
    settings.ROOT_URLCONF = __name__
    page = client.get(url).content.decode()
    assert f'href="{reverse("orders:order_new")}?service={tensile.pk}"' in page


def test_the_rating_spot_shows_average_share_and_count_when_given():
    html = render_to_string(
        "catalog/_test_service_rating.html",
        {"rating": {"average": 4.6, "count": 12, "good_share": 92}},
    )
    assert "4.6" in html and "92%" in html and "12" in html
    assert render_to_string("catalog/_test_service_rating.html", {}).strip() == ""


@pytest.fixture
def offered(provider_org, other_provider_org, tensile, cma):
    make_test_service(
        provider_org,
        "金属洛氏硬度试验",
        method_code="GB/T 230.1-2018",
        method_title="金属材料 洛氏硬度试验",
        sample_type="金属块",
    )
    make_test_service(
        other_provider_org,
        "水质 化学需氧量的测定",
        method_code="HJ 828-2017",
        method_title="重铬酸盐法",
        sample_type="地表水",
    )
    make_test_service(other_provider_org, "未发布的检测", publish=False, sample_type="地表水")


def found(client, **params) -> list[str]:
    response = client.get(reverse("catalog:test_service_list"), params)
    assert response.status_code == 200
    return [s.name for s in response.context["page_obj"].object_list]


def test_public_list_shows_published_items_in_pinyin_order(client, offered):
    # jin shu cai, jin shu luo, shui: by the pinyin of the whole name.
    assert found(client) == ["金属材料室温拉伸试验", "金属洛氏硬度试验", "水质 化学需氧量的测定"]


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("拉伸", ["金属材料室温拉伸试验"]),
        ("228.1", ["金属材料室温拉伸试验"]),
        ("重铬酸盐", ["水质 化学需氧量的测定"]),
        ("地表水", ["水质 化学需氧量的测定"]),
        ("另一研究院", ["水质 化学需氧量的测定"]),
        ("金属 硬度", ["金属洛氏硬度试验"]),
        ("不存在的检测", []),
    ],
)
def test_search_finds_items_by_name_standard_method_sample_and_provider(client, offered, q, names):
    assert found(client, q=q) == names


def test_filters_by_provider_and_accredited_only(client, offered, other_provider_org):
    assert found(client, provider=other_provider_org.pk) == ["水质 化学需氧量的测定"]
    assert found(client, accredited="on") == ["金属材料室温拉伸试验"]
    assert len(found(client, provider="x", page="99")) == 3  # bad values are ignored


def test_instrument_search_shows_matching_test_items(client, offered, provider_org):
    make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    response = client.get(reverse("catalog:instrument_list"), {"q": "拉伸"})
    assert [s.name for s in response.context["test_matches"]] == ["金属材料室温拉伸试验"]
    page = response.content.decode()
    assert 'id="test-matches"' in page
    assert f"{reverse('catalog:test_service_list')}?q=%E6%8B%89%E4%BC%B8" in page


def test_instrument_search_offers_at_most_five_test_items(client, provider_org, today):
    for number in range(7):
        make_test_service(provider_org, f"拉伸试验{number}")
    response = client.get(reverse("catalog:instrument_list"), {"q": "拉伸"})
    assert len(response.context["test_matches"]) == 5
    assert client.get(reverse("catalog:instrument_list")).context["test_matches"] == []


def test_provider_page_lists_its_test_items(client, provider_org, tensile):
    response = client.get(reverse("catalog:provider_detail", args=[provider_org.pk]))
    assert [s.name for s in response.context["test_services"]] == [tensile.name]


# Query counts


def add_items(org, count: int, instrument) -> None:
    for number in range(count):
        service = make_test_service(org, f"拉伸试验{number:02d}", instruments=[instrument])
        accreditation = Accreditation.objects.filter(organization=org).first()
        if accreditation is not None and number % 2:
            testing.set_scope_line(system_actor(), accreditation, service)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("catalog:test_service_list", {}),
        ("catalog:test_service_list", {"q": "拉伸", "accredited": "on"}),
        ("catalog:instrument_list", {"q": "拉伸"}),
    ],
)
def test_public_query_count_does_not_grow_with_rows(client, provider_org, cma, name, params):
    machine = make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    add_items(provider_org, 1, machine)
    few = count_queries(client, reverse(name), params)
    add_items(provider_org, 12, machine)
    assert count_queries(client, reverse(name), params) == few


def test_console_query_counts_do_not_grow_with_rows(client_of, technician, provider_org, cma):
    client = client_of(technician)
    machine = make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    add_items(provider_org, 1, machine)
    pages = [
        reverse("catalog:console_test_services"),
        reverse("catalog:console_accreditations"),
        reverse("catalog:accreditation_scope", args=[cma.pk]),
    ]
    few = [count_queries(client, url) for url in pages]
    add_items(provider_org, 12, machine)
    assert [count_queries(client, url) for url in pages] == few
