"""Checks every upload form uses (photos, evidence): size limit, allowed types, and images that
really are images. Messages name the file and what is wrong."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
EVIDENCE_EXTENSIONS = IMAGE_EXTENSIONS | {
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".txt",
    ".zip",
}


def _check_size(upload):
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"文件“{upload.name}”大小为 {upload.size / 1048576:.1f} MB，"
            f"超过上限 {limit / 1048576:.0f} MB，请压缩后再上传"
        )


def _check_extension(upload, allowed):
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in allowed:
        raise ValidationError(
            f"文件“{upload.name}”的类型 {suffix or '（无扩展名）'} 不允许上传，"
            f"只接受 {'、'.join(sorted(allowed))}"
        )


def validate_image_upload(upload):
    _check_size(upload)
    _check_extension(upload, IMAGE_EXTENSIONS)
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(f"文件“{upload.name}”不是有效的图片，或已损坏") from None
    finally:
        upload.seek(0)


def validate_evidence_upload(upload):
    _check_size(upload)
    _check_extension(upload, EVIDENCE_EXTENSIONS)
    if PurePath(upload.name).suffix.lower() in IMAGE_EXTENSIONS:
        validate_image_upload(upload)
