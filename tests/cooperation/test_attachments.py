"""Attachments in a proposal's thread: real PDF, PNG, Word and Excel files are kept and named by
their content; anything else, an empty file or one over the size cap is refused with no message
written."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from labshare.cooperation import services
from labshare.cooperation.models import ProposalMessage
from labshare.core.errors import InvalidInput
from tests.cooperation.conftest import propose
from tests.factories import act, reload


@pytest.fixture
def proposal(need, technician):
    return propose(technician, need)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def zip_bytes(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
        }
    )


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active["A1"] = "预算"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "renamed"),
    [
        ("测试方案.bin", pdf_bytes(), "测试方案.pdf"),
        ("photo.jpg", png_bytes(), "photo.png"),
        ("方案.zip", docx_bytes(), "方案.docx"),
        ("预算.dat", xlsx_bytes(), "预算.xlsx"),
    ],
)
def test_real_attachments_are_kept_and_named_by_their_content(
    now, media, proposal, sme_member, name, content, renamed
):
    upload = SimpleUploadedFile(name, content)
    message = services.post_message(act(sme_member), proposal, "见附件。", upload)
    message = reload(message)
    assert message.attachment_name == renamed
    # Stored under a random name in the private storage, never under MEDIA_ROOT.
    assert message.attachment.name.endswith("." + renamed.rsplit(".", 1)[1])
    assert renamed.rsplit(".", 1)[0] not in message.attachment.name
    assert str(settings.PRIVATE_ROOT) in message.attachment.path
    assert str(settings.MEDIA_ROOT) not in message.attachment.path
    assert message.attachment_size == len(content)
    with message.attachment.open("rb") as stored:
        assert stored.read() == content


def oversize(settings):
    settings.UPLOAD_MAX_BYTES = 64
    return pdf_bytes() + b"%" * 100 + b"\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("报告.pdf", lambda settings: b"just some text, not a PDF at all\n"),
        ("setup.pdf", lambda settings: b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200),
        ("方案.docx", lambda settings: zip_bytes({"word/document.xml": "<w:document/>"})),
        ("archive.xlsx", lambda settings: zip_bytes({"[Content_Types].xml": "<Types/>"})),
        ("broken.pdf", lambda settings: b"%PDF-1.4\n1 0 obj << >> endobj\n"),
        ("big.pdf", oversize),
        ("empty.pdf", lambda settings: b""),
    ],
)
def test_bad_attachments_are_refused_and_no_message_is_written(
    now, media, settings, proposal, sme_member, name, make
):
    upload = SimpleUploadedFile(name, make(settings))
    with pytest.raises(InvalidInput) as refusal:
        services.post_message(act(sme_member), proposal, "见附件。", upload)
    assert refusal.value.field == "attachment"
    assert ProposalMessage.objects.count() == 0
    assert not any(media.rglob("*.*"))
