"""The provider console: tenant isolation, roles, and the create → publish path."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from labshare.catalog.models import Instrument
from tests.factories import make_instrument, reload

OBJECT_VIEWS = [
    ("get", "catalog:instrument_edit"),
    ("post", "catalog:instrument_publish"),
    ("post", "catalog:instrument_unpublish"),
    ("post", "catalog:instrument_retire"),
    ("post", "catalog:photo_add"),
]
LIST_VIEWS = ["catalog:console_instruments", "catalog:instrument_create"]


@pytest.fixture
def draft(provider_org):
    return make_instrument(provider_org, "激光共聚焦显微镜", class_code="010802", publish=False)


@pytest.mark.parametrize(("method", "name"), OBJECT_VIEWS)
def test_outsider_gets_404_on_console_object_views(client_of, outsider, draft, method, name):
    response = getattr(client_of(outsider), method)(reverse(name, args=[draft.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "name"), OBJECT_VIEWS)
def test_other_provider_gets_404_on_console_object_views(
    client_of, other_provider_admin, draft, method, name
):
    response = getattr(client_of(other_provider_admin), method)(reverse(name, args=[draft.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "name"), OBJECT_VIEWS)
def test_provider_member_gets_403_on_console_object_views(
    client_of, provider_member, draft, method, name
):
    response = getattr(client_of(provider_member), method)(reverse(name, args=[draft.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("name", LIST_VIEWS)
def test_provider_member_gets_403_on_console_lists(client_of, provider_member, name):
    assert client_of(provider_member).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", LIST_VIEWS)
def test_customer_admin_gets_403_on_console_lists(client_of, sme_admin, name):
    assert client_of(sme_admin).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", LIST_VIEWS)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_photo_delete_of_another_providers_photo_is_404(
    client_of, other_provider_admin, provider_admin, draft
):
    client = client_of(provider_admin)
    client.post(reverse("catalog:photo_add", args=[draft.pk]), {"image": png_upload()})
    photo = draft.photos.get()
    url = reverse("catalog:photo_delete", args=[draft.pk, photo.pk])
    assert client_of(other_provider_admin).post(url).status_code == 404


def test_console_lists_only_own_instruments(client_of, technician, draft, other_provider_org):
    make_instrument(other_provider_org, "别家的仪器")
    response = client_of(technician).get(reverse("catalog:console_instruments"))
    assert response.status_code == 200
    names = [i.name for i in response.context["page_obj"].object_list]
    assert names == ["激光共聚焦显微镜"]


def instrument_post_data(**overrides):
    data = {
        "code": "NEW-001",
        "asset_number": "2024-0001",
        "name": "原子力显微镜",
        "instrument_class": "030118",
        "original_value": "86.50",
        "source": "purchase",
        "category": "general",
        "running_status": "normal",
        "sharing_mode": "external",
        "booking_mode": "self",
        "province": "辽宁省",
        "city": "大连市",
        "county": "甘井子区",
        "disciplines": ["430", "140"],
        "funding_sources": ["地方财政资金"],
    }
    data.update(overrides)
    return data


def test_technician_creates_edits_and_publishes_an_instrument(client_of, technician, client):
    staff = client_of(technician)
    response = staff.post(reverse("catalog:instrument_create"), instrument_post_data())
    assert response.status_code == 302
    instrument = Instrument.objects.get(code="NEW-001")
    assert not instrument.is_published
    assert sorted(instrument.disciplines.values_list("code", flat=True)) == ["140", "430"]

    response = staff.post(
        reverse("catalog:instrument_edit", args=[instrument.pk]),
        instrument_post_data(name="原子力显微镜（升级版）", disciplines=["430"]),
    )
    assert response.status_code == 302
    staff.post(reverse("catalog:instrument_publish", args=[instrument.pk]))
    instrument = reload(instrument)
    assert instrument.is_published and instrument.name == "原子力显微镜（升级版）"
    client.logout()
    listing = client.get(reverse("catalog:instrument_list"), {"q": "原子力"})
    assert [i.name for i in listing.context["page_obj"].object_list] == ["原子力显微镜（升级版）"]


def test_duplicate_instrument_number_is_shown_on_the_field(client_of, technician, draft):
    response = client_of(technician).post(
        reverse("catalog:instrument_create"), instrument_post_data(code=draft.code)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_non_leaf_class_is_refused(client_of, technician):
    response = client_of(technician).post(
        reverse("catalog:instrument_create"), instrument_post_data(instrument_class="010800")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["instrument_class"]


def test_more_than_four_disciplines_are_refused(client_of, technician):
    response = client_of(technician).post(
        reverse("catalog:instrument_create"),
        instrument_post_data(disciplines=["110", "120", "130", "140", "150"]),
    )
    assert response.context["form"].errors["disciplines"]


def test_too_long_specifications_are_refused(client_of, technician):
    response = client_of(technician).post(
        reverse("catalog:instrument_create"), instrument_post_data(specifications="很" * 501)
    )
    assert response.context["form"].errors["specifications"]


def test_retire_needs_a_reason_and_removes_from_catalogue(client_of, technician, provider_org):
    instrument = make_instrument(provider_org, "待报废离心机", class_code="011001")
    staff = client_of(technician)
    staff.post(reverse("catalog:instrument_retire", args=[instrument.pk]), {"reason": ""})
    assert reload(instrument).retired_at is None
    staff.post(reverse("catalog:instrument_retire", args=[instrument.pk]), {"reason": "设备老化"})
    instrument = reload(instrument)
    assert instrument.retired_at is not None and not instrument.is_published


def png_upload(name="photo.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_photo_is_checked_by_content(client_of, technician, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff = client_of(technician)
    fake = SimpleUploadedFile("evil.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    staff.post(reverse("catalog:photo_add", args=[draft.pk]), {"image": fake})
    assert draft.photos.count() == 0
    staff.post(reverse("catalog:photo_add", args=[draft.pk]), {"image": png_upload("pic.jpg")})
    photo = draft.photos.get()
    assert photo.image.name.endswith(".png")


def test_oversized_photo_is_refused(client_of, technician, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 10
    response = client_of(technician).post(
        reverse("catalog:photo_add", args=[draft.pk]), {"image": png_upload()}, follow=True
    )
    assert draft.photos.count() == 0
    assert any("MB" in str(m) for m in response.context["messages"])


def test_provider_member_gets_403_on_photo_delete(
    client_of, provider_admin, provider_member, draft, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client_of(provider_admin).post(
        reverse("catalog:photo_add", args=[draft.pk]), {"image": png_upload()}
    )
    photo = draft.photos.get()
    url = reverse("catalog:photo_delete", args=[draft.pk, photo.pk])
    assert client_of(provider_member).post(url).status_code == 403
    assert draft.photos.count() == 1


@pytest.mark.parametrize(("method", "name"), OBJECT_VIEWS)
def test_anonymous_is_sent_to_login_from_object_views(client, draft, method, name):
    response = getattr(client, method)(reverse(name, args=[draft.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_console_list_query_count_does_not_grow(client_of, technician, provider_org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_of(technician)
    make_instrument(provider_org, "仪器甲", publish=False)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalog:console_instruments"))
    for number in range(12):
        make_instrument(provider_org, f"仪器{number}", publish=number % 2 == 0)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("catalog:console_instruments"))
    assert len(many) == len(few)


def test_the_instrument_form_is_grouped_as_the_national_template(client_of, technician):
    form = client_of(technician).get(reverse("catalog:instrument_create")).context["form"]
    groups = dict(form.groups())
    assert list(groups)[:3] == ["仪器基本信息", "联系人信息", "海关管理"]
    assert "contact_phone" in [f.name for f in groups["联系人信息"]]
    assert "customs_name" in [f.name for f in groups["海关管理"]]
    assert "hourly_fee" in [f.name for f in list(groups.values())[-1]]  # the platform's own
    assert sum(len(fields) for fields in groups.values()) == len(list(form))


def test_the_class_picker_is_searchable_by_code_name_and_initials(client_of, technician):
    page = client_of(technician).get(reverse("catalog:instrument_create")).content.decode()
    assert 'list="class-options"' in page
    assert '<option value="010801" label="光学显微镜 · gxxwj">' in page
    assert 'class="list-filter" data-filter="#discipline-list"' in page
    assert 'type="checkbox" name="disciplines"' in page


def test_the_class_can_be_typed_as_its_code(client_of, technician):
    response = client_of(technician).post(
        reverse("catalog:instrument_create"), instrument_post_data(instrument_class=" 010501 ")
    )
    assert response.status_code == 302
    assert Instrument.objects.get().instrument_class_id == "010501"
