from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from .access import RoleRequiredMixin, get_visible_or_404
from .dates import AsOfError, parse_as_of
from .roles import is_admin, is_staff_member
from .selectors import cacheable_generation, cached_campaign_summary, resolve_campaign
from .services import archive_item, restore_item


class CampaignScopeMixin:
    """Resolve the campaign (`?campaign=SLUG`, else the current one) and the as-of date
    (`?as_of=YYYY-MM-DD`, else today)."""

    def resolve_scope(self):
        try:
            self.as_of = parse_as_of(self.request.GET.get("as_of"))
        except AsOfError as exc:
            self.as_of_error = str(exc)
            self.as_of = parse_as_of(None)
        else:
            self.as_of_error = None
        self.campaign = resolve_campaign(self.request.GET.get("campaign"))
        if self.campaign is None and self.request.GET.get("campaign"):
            raise Http404("没有这个百日行动")


class HomeView(RoleRequiredMixin, CampaignScopeMixin, TemplateView):
    template_name = "baidays/home.html"

    def get(self, request, *args, **kwargs):
        # staff work from their weekly list; leaders and admins keep the overview
        if is_staff_member(request.user):
            return redirect("weekly:home")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        self.resolve_scope()
        context = super().get_context_data(**kwargs)
        context.update(campaign=self.campaign, as_of=self.as_of, as_of_error=self.as_of_error)
        if self.campaign is not None:
            # only leaders and admins get here (staff are sent to their weekly list above)
            from .dashboards.selectors import overview
            from .dashboards.views import common_context

            shared = common_context(self.request)
            generation = cacheable_generation()
            context.update(
                overview(self.campaign, self.as_of, generation=generation),
                **shared,
                # The rendered figures are cached under the same generation: every write moves
                # it, so a cached fragment is never served once the data it shows has changed.
                generation=generation,
                fragment_seconds=settings.SUMMARY_CACHE_SECONDS if generation is not None else 0,
                # the 批示 forms come back here; the fragment varies by scope_qs, not the path
                next_url=self.request.path
                + (f"?{shared['scope_qs']}" if shared["scope_qs"] else ""),
            )
        return context


class SummaryApiView(RoleRequiredMixin, CampaignScopeMixin, View):
    def get(self, request):
        try:
            self.resolve_scope()
        except Http404:
            slug = request.GET.get("campaign")
            return JsonResponse(
                {"error": f"没有标识为 {slug} 的百日行动"},
                status=404,
                json_dumps_params={"ensure_ascii": False},
            )
        if self.as_of_error:
            return JsonResponse({"error": self.as_of_error}, status=400)
        if self.campaign is None:
            return JsonResponse({"error": "尚未建立百日行动"}, status=404)
        return JsonResponse(
            cached_campaign_summary(self.campaign, self.as_of),
            json_dumps_params={"ensure_ascii": False},
        )


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
# URL kind → model. Every model with an `is_archived` field must be listed (tests check).
ARCHIVABLE_MODELS = {
    "project": "projects.Project",
    "competition-entry": "enterprises.CompetitionEntry",
    "key-enterprise": "enterprises.KeyEnterprise",
    "problem": "enterprises.Problem",
}


def archive_kind_of(item):
    """The URL kind of an archivable item (the reverse of ARCHIVABLE_MODELS)."""
    label = item._meta.label
    return next(kind for kind, model_label in ARCHIVABLE_MODELS.items() if model_label == label)


def _archivable_model(kind):
    label = ARCHIVABLE_MODELS.get(kind)
    if label is None:
        raise Http404("没有这类事项")
    return apps.get_model(label)


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
