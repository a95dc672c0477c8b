"""A request's campaign and as-of day are resolved once, with their errors, and every link
that keeps them is built by one function."""

import datetime

import pytest
from django.http import Http404
from django.test import RequestFactory

from core.scope import campaign_or_404, scope_of, scope_query
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_query_string_keeps_only_what_there_is():
    assert scope_query("c1", "2026-06-01") == "campaign=c1&as_of=2026-06-01"
    assert scope_query(None, "2026-06-01") == "as_of=2026-06-01"
    assert scope_query("c1", "") == "campaign=c1"
    assert scope_query() == ""


def test_a_request_scope_is_resolved_once_and_drops_an_unreadable_day():
    campaign = f.CampaignFactory(slug="y2026")
    request = RequestFactory().get("/", {"campaign": "y2026", "as_of": "2026-13-01"})
    scope = scope_of(request)
    assert scope_of(request) is scope
    assert scope.campaign == campaign
    assert scope.as_of_error is not None
    assert scope.query() == "campaign=y2026"


def test_a_readable_day_is_kept_and_an_unknown_campaign_is_a_404():
    request = RequestFactory().get("/", {"campaign": "nope", "as_of": "2026-06-01"})
    scope = scope_of(request)
    assert scope.as_of == datetime.date(2026, 6, 1)
    assert scope.unknown_campaign
    with pytest.raises(Http404):
        campaign_or_404(request)
