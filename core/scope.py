"""Which campaign and which day a request asks about: `?campaign=SLUG` (else the current
campaign) and `?as_of=YYYY-MM-DD` (else today). Every page with figures resolves them here."""

from django.http import Http404

from .dates import AsOfError, parse_as_of
from .selectors import resolve_campaign


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
