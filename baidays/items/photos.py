"""Site photos: only JPEG, PNG and WebP, within size and pixel limits, turned upright by their
EXIF orientation and re-encoded (which also drops EXIF data such as GPS positions), with a
thumbnail for the item page."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from core.uploads import PHOTO_FORMATS, validate_image_upload

THUMBNAIL_BOX = (480, 480)
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=88, optimize=True)
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=85)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def prepare_photo(upload):
    """(image file, thumbnail file) ready for a SitePhoto, or a ValidationError in Chinese.
    The checks are core.uploads' (the same as every other upload's)."""
    image_format = validate_image_upload(upload, PHOTO_FORMATS)
    try:
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(f"文件“{upload.name}”不是有效的图片，或已损坏") from None
    finally:
        upload.seek(0)
    extension = FORMATS[image_format]
    stem = uuid.uuid4().hex
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_BOX)
    return (
        ContentFile(_encode(image, image_format), name=f"{stem}.{extension}"),
        ContentFile(_encode(thumbnail, "JPEG"), name=f"{stem}-thumb.jpg"),
    )


def content_type_of(name):
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
