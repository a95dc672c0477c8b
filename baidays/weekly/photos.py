"""Site photos: only JPEG, PNG and WebP, within size and pixel limits, turned upright by their
EXIF orientation and re-encoded (which also drops EXIF data such as GPS positions), with a
thumbnail for the item page."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 50-megapixel phone photo is refused; 40 MP is above usual cameras
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
    """(image file, thumbnail file) ready for a SitePhoto, or a ValidationError in Chinese."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"照片“{upload.name}”有 {upload.size / 1024 / 1024:.1f} MB，超过 "
            f"{MAX_BYTES // 1024 // 1024} MB 的限制，请压缩后再上传",
            code="photo_too_big",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in FORMATS:
                raise ValidationError(
                    f"“{upload.name}”不是 JPEG、PNG 或 WebP 格式的照片", code="photo_type"
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"照片“{upload.name}”为 {width}×{height} 像素，超过 "
                    f"{MAX_PIXELS // 1_000_000} 百万像素的限制",
                    code="photo_pixels",
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(
            f"“{upload.name}”不是有效的 JPEG、PNG 或 WebP 图片", code="photo_type"
        ) from None
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
