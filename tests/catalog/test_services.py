"""Catalogue services: publishing rules, retirement, photos, and who may call them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from labshare.catalog import services
from labshare.catalog.models import Instrument
from labshare.core.errors import InvalidInput, InvalidState, NotAllowed
from labshare.core.models import AuditEvent
from tests.factories import act, make_instrument, reload


def png(width=32, height=24) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_not_shared_instrument_cannot_be_published(provider_org, technician):
    draft = make_instrument(provider_org, publish=False, sharing_mode="none")
    with pytest.raises(InvalidState):
        services.publish_instrument(act(technician), draft)


def test_setting_not_shared_withdraws_a_published_instrument(provider_org, technician):
    instrument = make_instrument(provider_org)
    instrument = services.update_instrument(act(technician), instrument, sharing_mode="none")
    assert not instrument.is_published
    assert AuditEvent.objects.filter(
        verb="instrument.unpublished", target_id=str(instrument.pk)
    ).exists()


def test_retired_instrument_cannot_be_edited_published_or_retired_again(provider_org, technician):
    instrument = services.retire_instrument(act(technician), make_instrument(provider_org), "报废")
    with pytest.raises(InvalidState):
        services.update_instrument(act(technician), instrument, name="新名字")
    with pytest.raises(InvalidState):
        services.publish_instrument(act(technician), instrument)
    with pytest.raises(InvalidState):
        services.retire_instrument(act(technician), instrument, "再次")


@pytest.mark.parametrize("persona", ["provider_member", "other_provider_admin", "sme_admin"])
def test_only_the_providers_staff_write(request, provider_org, persona):
    instrument = make_instrument(provider_org, publish=False)
    actor = request.getfixturevalue(persona)
    with pytest.raises(NotAllowed):
        services.publish_instrument(act(actor), instrument)
    with pytest.raises(NotAllowed):
        services.update_instrument(act(actor), instrument, name="改名")


def test_customer_organization_cannot_list_instruments(sme_org, sme_admin):
    with pytest.raises(NotAllowed):
        make_instrument(sme_org)


def test_photo_limit_and_photo_name(provider_org, technician, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    instrument = make_instrument(provider_org)
    first = services.add_photo(act(technician), instrument, png())
    assert reload(instrument).photo_name == first.image.name.rsplit("/", 1)[-1]
    for _ in range(services.MAX_PHOTOS - 1):
        services.add_photo(act(technician), instrument, png())
    with pytest.raises(InvalidState):
        services.add_photo(act(technician), instrument, png())
    services.remove_photo(act(technician), first)
    second = instrument.photos.order_by("id").first()
    assert reload(instrument).photo_name == second.image.name.rsplit("/", 1)[-1]


def test_decompression_bomb_is_refused_not_a_500(provider_org, technician, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(InvalidInput) as caught:
        services.add_photo(act(technician), make_instrument(provider_org), png(8000, 6000))
    assert caught.value.field == "image"


def test_parent_must_be_of_the_same_provider(provider_org, other_provider_org, technician):
    foreign = make_instrument(other_provider_org)
    with pytest.raises(InvalidInput) as caught:
        make_instrument(provider_org, parent=foreign)
    assert caught.value.field == "parent"
    assert not Instrument.objects.filter(organization=provider_org).exists()
