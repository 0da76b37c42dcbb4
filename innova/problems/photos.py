"""The photo pipeline: accept only real JPEG/PNG/WebP images, strip EXIF and GPS, resize, make thumbnails.

Shared by every channel that brings photos (web form, WhatsApp, assisted entry).
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is already generous; larger ones are decompression bombs
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_SIDE = 1600
THUMB_SIDE = 480


@dataclass
class ProcessedPhoto:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _encode(image: Image.Image, side: int, quality: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # A fresh JPEG without exif= carries no EXIF, so no GPS position either.
    copy.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue(), copy.width, copy.height


def photo_process(upload) -> ProcessedPhoto:
    """Check and re-encode one uploaded photo; raise ValidationError with a Spanish message otherwise."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The photo “%(name)s” is larger than 8 MB.") % {"name": upload.name})
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("“%(name)s” is not a photo we can read (JPEG, PNG or WebP).") % {"name": upload.name})
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("“%(name)s” is not a JPEG, PNG or WebP photo.") % {"name": upload.name})
    if width * height > MAX_PIXELS:
        raise ValidationError(_("The photo “%(name)s” has too many pixels.") % {"name": upload.name})
    try:
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            full, full_w, full_h = _encode(image, MAX_SIDE, 82)
            thumb, _w, _h = _encode(image, THUMB_SIDE, 75)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("“%(name)s” is damaged and cannot be used.") % {"name": upload.name})
    return ProcessedPhoto(
        image=ContentFile(full, name="foto.jpg"),
        thumbnail=ContentFile(thumb, name="foto-mini.jpg"),
        width=full_w,
        height=full_h,
    )
