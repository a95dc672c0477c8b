"""Which campaign and which day a request asks about: `?campaign=SLUG` (else the current
campaign) and `?as_of=YYYY-MM-DD` (else today). Resolved once per request (`scope_of`), with
its errors; every view reads it — through CampaignScopeMixin, which resolves it in `setup()`,
or by asking `scope_of(request)` — and every link that keeps it is built by `scope_query`."""

from urllib.parse import urlencode

from django.http import Http404
from django.utils.functional import cached_property

from .dates import AsOfError, parse_as_of
from .selectors import resolve_campaign


class RequestScope:
    """The request's campaign (None when there is none, or the asked one does not exist), its
    as-of day (today when not asked or not readable) and what was wrong with what it asked.
    The campaign is looked up the first time a view asks for it."""

    def __init__(self, asked_campaign, asked_as_of):
        self.asked_campaign = asked_campaign
        self.asked_as_of = asked_as_of
        try:
            self.as_of, self.as_of_error = parse_as_of(asked_as_of or None), None
        except AsOfError as exc:
            self.as_of, self.as_of_error = parse_as_of(None), str(exc)

    @cached_property
    def campaign(self):
        return resolve_campaign(self.asked_campaign or None)

    @property
    def unknown_campaign(self):
        return self.campaign is None and bool(self.asked_campaign)

    def query(self, campaign=None):
        """The query string that keeps this scope on the next page: the campaign (`campaign`
        when given, else the one asked) and the as-of day when it was readable."""
        slug = campaign.slug if campaign is not None else self.asked_campaign
        return scope_query(slug, None if self.as_of_error else self.asked_as_of)


def scope_query(campaign_slug=None, as_of_text=None):
    """The one builder of the query string that carries a scope: `campaign` and `as_of`, each
    only when there is one."""
    kept = {"campaign": campaign_slug, "as_of": as_of_text}
    return urlencode({key: value for key, value in kept.items() if value})


def scope_of(request):
    """The request's RequestScope, resolved the first time it is asked."""
    scope = getattr(request, "_campaign_scope", None)
    if scope is None:
        scope = RequestScope(request.GET.get("campaign") or "", request.GET.get("as_of") or "")
        request._campaign_scope = scope
    return scope


def campaign_or_404(request):
    """The request's campaign, or a 404 when there is none (or the asked one does not exist)."""
    campaign = scope_of(request).campaign
    if campaign is None:
        raise Http404("尚未建立百日行动")
    return campaign


class CampaignScopeMixin:
    """The request's scope, resolved in `setup()`: `self.campaign`, `self.as_of`,
    `self.as_of_error` read it; `resolve_scope()` refuses a campaign that does not exist (a
    404), where the view wants it refused."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.request_scope = scope_of(request)

    @property
    def campaign(self):
        return self.request_scope.campaign

    @property
    def as_of(self):
        return self.request_scope.as_of

    @property
    def as_of_error(self):
        return self.request_scope.as_of_error

    def resolve_scope(self):
        if self.request_scope.unknown_campaign:
            raise Http404("没有这个百日行动")
