"""Files handed out only by checking views live in the private storage, which has no URL; the
migrations move older ones there from the default storage (served from MEDIA_ROOT)."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from labshare.cooperation import services
from labshare.cooperation.models import ProposalMessage
from labshare.core import clock
from labshare.core.files import move_to_private, private_storage
from tests.cooperation.conftest import NOW, post, propose
from tests.factories import act


def test_the_private_storage_has_no_url_and_sits_outside_media_root():
    storage = private_storage()
    assert not str(storage.location).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        storage.url("anything.pdf")


def test_older_files_move_from_the_default_storage(monkeypatch, technician, sme_member):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    proposal = propose(technician, post(sme_member))
    message = services.post_message(act(sme_member), proposal, "旧附件")
    name = default_storage.save("cooperation/old/spec.pdf", ContentFile(b"%PDF-1.4 old"))
    ProposalMessage.objects.filter(pk=message.pk).update(attachment=name)
    move_to_private(ProposalMessage, "attachment")
    assert not default_storage.exists(name)
    with private_storage().open(name, "rb") as moved:
        assert moved.read() == b"%PDF-1.4 old"
    move_to_private(ProposalMessage, "attachment")  # again: nothing left to move, no error
