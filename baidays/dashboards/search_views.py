"""The navbar's search box: every role finds what it may see by typing part of a name."""

from django.views.generic import TemplateView

from core.access import RoleRequiredMixin
from core.scope import CampaignScopeMixin

from .search import QUERY_MAX_CHARS, SEARCH_LIMIT, SearchTextError, clean_search_text, search
from .views import scope_query


class SearchView(RoleRequiredMixin, CampaignScopeMixin, TemplateView):
    """`?q=` part of a name; results link to their pages keeping `campaign` and `as_of`.
    Enterprise accounts search too: `visible_to` gives them their own entries and 诉求 only."""

    template_name = "dashboards/search.html"
    open_to_enterprise_accounts = True

    def get(self, request, *args, **kwargs):
        self.resolve_scope()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope_qs = scope_query(self.request)
        error = None
        try:
            text = clean_search_text(self.request.GET.get("q"))
        except SearchTextError as exc:
            text, error = "", str(exc)
        groups = search(self.request.user, self.campaign, text, scope_qs)
        context.update(
            campaign=self.campaign,
            as_of=self.as_of,
            as_of_error=self.as_of_error,
            scope_qs=scope_qs,
            query=text,
            query_error=error,
            groups=groups,
            found=sum(len(group.hits) for group in groups),
            search_limit=SEARCH_LIMIT,
            query_max_chars=QUERY_MAX_CHARS,
        )
        return context
