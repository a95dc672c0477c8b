from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import View

from core.access import RoleRequiredMixin, get_visible_or_404
from core.parsing import MalformedNumber
from core.roles import is_admin
from core.services import archive_item, restore_item


@login_not_required
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


# --- Archive and restore (POST only): deleting is archiving; admins restore ------------------
def archivable_models():
    """{URL kind: model} of the models that can be archived: each declares its URL kind as
    `archive_kind` (every model with an `is_archived` field must; tests check)."""
    return {
        model.archive_kind: model
        for model in apps.get_models()
        if getattr(model, "archive_kind", None) and model._meta.get_field("is_archived")
    }


def archive_kind_of(item):
    """The URL kind of an archivable item."""
    return type(item).archive_kind


def _archivable_model(kind):
    model = archivable_models().get(kind)
    if model is None:
        raise Http404("没有这类事项")
    return model


def _back(request, fallback):
    target = request.POST.get("next") or request.headers.get("referer") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


class ArchiveItemView(RoleRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        model = _archivable_model(kind)
        item = get_visible_or_404(model.objects.all(), request.user, pk=pk)
        archive_item(item=item, user=request.user)
        messages.success(request, f"已归档“{item}”。归档后不再计入统计；如需恢复，请联系管理员。")
        return _back(request, "home")


class RestoreItemView(RoleRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        if not is_admin(request.user):
            raise PermissionDenied("只有管理员可以恢复已归档的事项")
        model = _archivable_model(kind)
        item = get_object_or_404(model, pk=pk)
        restore_item(item=item, user=request.user)
        messages.success(request, f"已恢复“{item}”。")
        return _back(request, "home")


# --- Error pages ----------------------------------------------------------------------------
def bad_request(request, exception):
    """The Chinese 400 page; a malformed number in the request names itself (core.parsing)."""
    message = str(exception) if isinstance(exception, MalformedNumber) else ""
    return render(request, "400.html", {"exception": message}, status=400)


def csrf_failure(request, reason=""):
    """The CSRF refusal in the portal's 403 design instead of Django's bare page."""
    message = "页面已过期或来源无法验证，请返回上一页刷新后重新提交。"
    return render(request, "403.html", {"exception": message}, status=403)
