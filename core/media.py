"""Uploaded files (site photos, evidence) are served here, never by the web server straight
from MEDIA_ROOT (nginx's media location is `internal`, reached only by X-Accel-Redirect): the
reader must be logged in and allowed to see the record the file belongs to, and the response
can never run as a page (nosniff, sandbox CSP, attachment unless it is a plain raster
image)."""

import mimetypes
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import FileField, Q
from django.http import Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_GET
from django_sendfile import sendfile
from django_sendfile import utils as sendfile_utils

from audit.choices import Event
from audit.services import record
from core.access import model_owner_path, visible_to

# Shown in the browser; anything else (PDF, Office, SVG, HTML, ...) is downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
SANDBOX_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def models_with_files():
    """(model, [file field names]) for every installed model that stores uploads. Each of
    them declares which unit owns its records (`owner_unit_path`, None for campaign-wide
    files that are never served here); tests/core/test_media.py fails for one that does not."""
    for model in apps.get_models():
        if model._meta.label.startswith("simple_history") or model.__name__.startswith(
            "Historical"
        ):
            continue
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, FileField)]
        if fields:
            yield model, fields


def is_visible_file(user, name):
    """True when `name` belongs to a record that `user` may read."""
    for model, fields in models_with_files():
        if model_owner_path(model) is None:
            continue
        match = Q()
        for field in fields:
            match |= Q(**{field: name})
        if visible_to(model.objects.filter(match), user).exists():
            return True
    return False


def send_upload(request, name):
    """The one response for an uploaded file (photos, thumbnails, evidence), once the caller
    has checked the reader may see it: django-sendfile2 hands the bytes to nginx
    (X-Accel-Redirect to its `internal` location) in production and streams them itself in
    development; the response never runs as a page."""
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, name))
    except SuspiciousFileOperation:
        raise Http404("文件不存在") from None
    if not full_path.is_file():
        raise Http404("文件不存在")
    record(event=Event.DOWNLOAD, request=request, target=name)
    content_type, _ = mimetypes.guess_type(full_path.name)
    inline = content_type in INLINE_TYPES
    response = sendfile(
        request,
        full_path,
        attachment=not inline,
        attachment_filename=full_path.name,
        mimetype=content_type if inline else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response


def follow_media_root(*, setting, value, **kwargs):
    """Tests move MEDIA_ROOT or switch the backend; sendfile follows (connected in
    CoreConfig.ready), as Django's own storage does."""
    if setting == "MEDIA_ROOT":
        settings.SENDFILE_ROOT = str(value)
    elif setting == "SENDFILE_BACKEND":
        sendfile_utils._get_sendfile.cache_clear()


@require_GET
def serve(request, name):
    normalized = PurePosixPath(name).as_posix()
    if not is_visible_file(request.user, normalized):
        raise Http404("文件不存在，或不属于您的单位")
    return send_upload(request, normalized)
