from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from .dates import AsOfError, parse_as_of
from .selectors import cached_campaign_summary, resolve_campaign


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


class HomeView(CampaignScopeMixin, TemplateView):
    template_name = "baidays/home.html"

    def get_context_data(self, **kwargs):
        self.resolve_scope()
        context = super().get_context_data(**kwargs)
        context.update(campaign=self.campaign, as_of=self.as_of, as_of_error=self.as_of_error)
        if self.campaign is not None:
            context["summary"] = cached_campaign_summary(self.campaign, self.as_of)
        return context


class SummaryApiView(CampaignScopeMixin, View):
    def get(self, request):
        self.resolve_scope()
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
