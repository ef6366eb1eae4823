"""Photo uploads are checked by content, not by file name."""

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from labshare.core.errors import InvalidInput

ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
MAX_PIXELS = 40_000_000
# Pillow refuses (DecompressionBombError) anything over twice this before decoding a pixel.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2


def image_format(upload, field: str, too_many_pixels) -> str | None:
    """The Pillow format of a real image under the pixel cap (refused with too_many_pixels on
    field), or None when the upload is no image Pillow reads."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput(too_many_pixels, field=field)
            image.verify()
            return image.format
    except Image.DecompressionBombError as exc:
        raise InvalidInput(too_many_pixels, field=field) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


def check_photo(upload) -> None:
    """Refuse anything but a real JPEG, PNG or WebP image under the size cap; names it by its content."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise InvalidInput(
            _("The photo is larger than %(limit)d MB.")
            % {"limit": settings.UPLOAD_MAX_BYTES // 2**20},
            field="image",
        )
    kind = image_format(upload, "image", _("The photo has too many pixels."))
    if kind not in ALLOWED_FORMATS:
        raise InvalidInput(_("This file is not a JPEG, PNG or WebP image."), field="image")
    upload.seek(0)
    stem = upload.name.rsplit(".", 1)[0][:60] or "photo"
    upload.name = stem + ALLOWED_FORMATS[kind]
