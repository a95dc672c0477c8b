"""Uploaded files (site photos, evidence) are served here, never by the web server straight
from MEDIA_ROOT: the reader must be logged in and allowed to see the record the file belongs
to, and the response can never run as a page (nosniff, sandbox CSP, attachment unless it is a
plain raster image)."""

import mimetypes
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import FileField, Q
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_GET

from core.access import visible_to

# Which department owns the record a file hangs on (the path given to visible_to). Every model
# with a FileField must be listed: tests/test_media.py fails for one that is not.
FILE_OWNER_DEPARTMENT = {
    "projects.ProjectPhoto": "project__responsible_department",
    "enterprises.EntryPhoto": "entry__responsible_department",
    "baidays.PhaseTask": "responsible_department",
    "topics.Decision": "responsible_department",
    "topics.PowerItem": "responsible_department",
    "plans.Milestone": "lead_department",
}

# Shown in the browser; anything else (PDF, Office, SVG, HTML, ...) is downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
SANDBOX_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def models_with_files():
    """(model, [file field names]) for every installed model that stores uploads."""
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
        department_path = FILE_OWNER_DEPARTMENT.get(model._meta.label)
        if department_path is None:
            continue
        match = Q()
        for field in fields:
            match |= Q(**{field: name})
        if visible_to(model.objects.filter(match), user, department_path).exists():
            return True
    return False


@require_GET
def serve(request, name):
    try:
        full_path = safe_join(settings.MEDIA_ROOT, name)
    except SuspiciousFileOperation:
        raise Http404("文件不存在") from None
    normalized = PurePosixPath(name).as_posix()
    if not is_visible_file(request.user, normalized):
        raise Http404("文件不存在，或不属于您的单位")
    try:
        handle = open(full_path, "rb")  # noqa: SIM115  (FileResponse closes it)
    except (FileNotFoundError, IsADirectoryError):
        raise Http404("文件不存在") from None
    content_type, _ = mimetypes.guess_type(full_path)
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=PurePosixPath(name).name,
        content_type=content_type if inline else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response
