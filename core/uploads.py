"""Checks every upload form uses (photos, evidence): size limit, allowed types, and images that
really are images. Messages name the file and what is wrong."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

# Pillow's format name → the file extensions that may carry it
IMAGE_FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
}
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")  # site photos: what phones and cameras produce
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP"}
IMAGE_EXTENSIONS = {ext for extensions in IMAGE_FORMATS.values() for ext in extensions}
EVIDENCE_EXTENSIONS = IMAGE_EXTENSIONS | {
    ".pdf",
    ".ofd",  # the national standard format of e-government documents
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".txt",
    ".zip",
}
MAX_PIXELS = 40_000_000  # a 50-megapixel photo is refused; 40 MP is above usual cameras
# one request's photos together: ten 12-MP phone photos pass; ten 39-MP ones would hold a worker
# for seconds while they are decoded and re-encoded, so they are refused before any decoding
MAX_PIXELS_PER_UPLOAD = 120_000_000


def max_megabytes():
    return f"{settings.UPLOAD_MAX_BYTES / 1048576:.0f} MB"


def _check_size(upload):
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            f"文件“{upload.name}”大小为 {upload.size / 1048576:.1f} MB，"
            f"超过上限 {max_megabytes()}，请压缩后再上传",
            code="too_big",
        )


def _check_extension(upload, allowed):
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in allowed:
        raise ValidationError(
            f"文件“{upload.name}”的类型 {suffix or '（无扩展名）'} 不允许上传，"
            f"只接受 {'、'.join(sorted(allowed))}",
            code="type",
        )


def _names(formats):
    names = [FORMAT_NAMES[name] for name in formats]
    return "、".join(names[:-1]) + f" 或 {names[-1]}" if len(names) > 1 else names[0]


def validate_image_upload(upload, formats=tuple(IMAGE_FORMATS)):
    """Size, extension, and an image Pillow can read of one of `formats`, within MAX_PIXELS.
    Returns the image's format (Pillow's name)."""
    _check_size(upload)
    _check_extension(upload, {ext for name in formats for ext in IMAGE_FORMATS[name]})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            f"文件“{upload.name}”不是有效的图片，或已损坏", code="not_an_image"
        ) from None
    finally:
        upload.seek(0)
    if image_format not in formats:
        raise ValidationError(
            f"文件“{upload.name}”不是 {_names(formats)} 格式的图片", code="image_format"
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"图片“{upload.name}”为 {width}×{height} 像素，超过 "
            f"{MAX_PIXELS // 1_000_000} 百万像素的限制",
            code="too_many_pixels",
        )
    return image_format


def _pixels_of(upload):
    """Width × height from the image header alone (Pillow decodes nothing until asked); 0 for
    a file that is no readable image — its own check names it."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return 0
    finally:
        upload.seek(0)
    return width * height


def validate_upload_pixels(uploads):
    """The photos of one request together stay within MAX_PIXELS_PER_UPLOAD; checked on the
    headers before any photo is decoded."""
    total = sum(_pixels_of(upload) for upload in uploads)
    if total > MAX_PIXELS_PER_UPLOAD:
        raise ValidationError(
            f"所选 {len(uploads)} 张照片共 {total / 1_000_000:.0f} 百万像素，超过一次上传 "
            f"{MAX_PIXELS_PER_UPLOAD // 1_000_000} 百万像素的限制，请分批上传或缩小照片后再试",
            code="upload_too_many_pixels",
        )


def validate_evidence_upload(upload):
    _check_size(upload)
    _check_extension(upload, EVIDENCE_EXTENSIONS)
    if PurePath(upload.name).suffix.lower() in IMAGE_EXTENSIONS:
        validate_image_upload(upload)


def evidence_upload_to(instance, filename):
    """Where a completable item's evidence file is stored: under its kind's folder and month."""
    today = timezone.localdate()
    return f"evidence/{instance.evidence_folder}/{today:%Y/%m}/{filename}"
