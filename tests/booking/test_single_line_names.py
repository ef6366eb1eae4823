"""One-line fields never keep a line break: an instrument named with Alt+Enter in Excel, or a
typed line break, is folded at the edge, and the e-mails about it still leave."""

import pytest

from labshare.accounts.models import Organization
from labshare.booking import services as booking_services
from labshare.catalog import services as catalog_services
from labshare.catalog.models import Instrument
from labshare.core.models import OutgoingMail
from labshare.core.text import single_line
from tests.booking.conftest import at
from tests.catalog.test_import_export import row, run_import, xlsx
from tests.factories import act

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("扫描\n电镜", "扫描 电镜"),
        ("扫描\r\n电镜", "扫描 电镜"),
        ("扫描\t电镜\u2028A", "扫描 电镜 A"),
        ("电镜\u202e反转", "电镜反转"),
        ("电镜\x07", "电镜"),
        ("普通名称", "普通名称"),
    ],
)
def test_single_line_folds_control_characters(typed, kept):
    assert single_line(typed) == kept


def test_a_typed_line_break_in_a_name_is_folded_and_its_mail_is_sent(
    instrument, provider_admin, sme_member, sme_org, mailoutbox, django_capture_on_commit_callbacks
):
    catalog_services.update_instrument(act(provider_admin), instrument, name="场发射\n扫描电镜")
    instrument = Instrument.objects.get(pk=instrument.pk)
    assert instrument.name == "场发射 扫描电镜"
    with django_capture_on_commit_callbacks(execute=True):
        booking_services.request_reservation(
            act(sme_member), instrument, sme_org, at(4, 9), at(4, 10)
        )
    assert OutgoingMail.objects.exists()
    assert not OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists()
    assert mailoutbox and all("\n" not in mail.subject for mail in mailoutbox)


def test_an_alt_enter_name_in_the_import_is_folded(provider_admin, provider_org):
    run_import(provider_admin, provider_org, xlsx(row({1: "AE-1", 3: "气相\n色谱仪"})))
    assert Instrument.objects.get(code="AE-1").name == "气相 色谱仪"


def test_an_organisation_profile_is_folded_whichever_path_saves_it(sme_org):
    sme_org.short_name = "测试\n科技"
    sme_org.save()
    assert Organization.objects.get(pk=sme_org.pk).short_name == "测试 科技"
