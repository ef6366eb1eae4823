"""Attachments in a proposal's thread are checked by content and size, as photos are.

Allowed: PDF, the images the photos allow (JPEG, PNG, WebP: opened by Pillow), and Word or
Excel files (.docx, .xlsx: a ZIP whose parts name them). The file name's extension is set from
what the content is, never taken from the upload.
"""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from labshare.catalog.photos import ALLOWED_FORMATS, image_format
from labshare.core.errors import InvalidInput

FIELD = "attachment"
OFFICE_PARTS = {"word/document.xml": ".docx", "xl/workbook.xml": ".xlsx"}
MAX_ZIP_ENTRIES = 2000
MAX_UNPACKED = 100 * 2**20  # a ZIP bomb unpacks to far more than this


def _refuse():
    return InvalidInput(
        _("Attach a PDF, an image (JPEG, PNG, WebP) or a Word or Excel file (.docx, .xlsx)."),
        field=FIELD,
    )


def _pdf(upload) -> str | None:
    upload.seek(0)
    head = upload.read(1024)
    if not head.startswith(b"%PDF-"):
        return None
    upload.seek(max(upload.size - 2048, 0))
    if b"%%EOF" not in upload.read():
        raise InvalidInput(_("The PDF is incomplete: its end is missing."), field=FIELD)
    return ".pdf"


def _image(upload) -> str | None:
    kind = image_format(upload, FIELD, _("The image has too many pixels."))
    return ALLOWED_FORMATS.get(kind) if kind else None


def _office(upload) -> str | None:
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        return None
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
                raise InvalidInput(_("The file unpacks to too much data."), field=FIELD)
            names = {entry.filename for entry in entries}
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((ext for part, ext in OFFICE_PARTS.items() if part in names), None)


def check_attachment(upload) -> None:
    """Refuse anything over the size cap or not one of the allowed kinds; rename it by its kind."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise InvalidInput(
            _("The attachment is larger than %(limit)d MB.")
            % {"limit": settings.UPLOAD_MAX_BYTES // 2**20},
            field=FIELD,
        )
    if upload.size == 0:
        raise InvalidInput(_("The attachment is empty."), field=FIELD)
    extension = _pdf(upload) or _image(upload) or _office(upload)
    if extension is None:
        raise _refuse()
    upload.seek(0)
    stem = upload.name.rsplit(".", 1)[0][:60] or "attachment"
    upload.name = stem + extension
