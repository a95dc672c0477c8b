"""core.middleware.ReadOnceMiddleware and core.selectors.read_once: a page read computes each
shared value once even with the summary cache off; a write reads afresh."""

import datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import ReadOnceMiddleware
from core.selectors import cached_by_generation
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)


def reading_twice(campaign, calls):
    """A view whose page reads one shared value twice, as the overview reads the standings."""

    def view(request):
        for _ in range(2):
            cached_by_generation("figures", campaign, DAY, lambda: calls.append(1) or len(calls))
        return HttpResponse("ok")

    return view


@pytest.mark.parametrize(("method", "computed"), [("get", 1), ("head", 1), ("post", 2)])
def test_a_page_read_computes_a_shared_value_once_and_a_write_reads_afresh(method, computed):
    campaign, calls = f.CampaignFactory(), []
    middleware = ReadOnceMiddleware(reading_twice(campaign, calls))
    request = getattr(RequestFactory(), method)("/")
    assert middleware(request).status_code == 200
    assert len(calls) == computed


def test_outside_a_page_read_every_reader_computes(settings):
    assert settings.SUMMARY_CACHE_SECONDS == 0  # the suite runs with the cache off
    campaign, calls = f.CampaignFactory(), []
    reading_twice(campaign, calls)(RequestFactory().get("/"))
    assert len(calls) == 2


def test_one_page_reads_values_of_its_own_not_those_of_the_read_before():
    campaign, calls = f.CampaignFactory(), []
    middleware = ReadOnceMiddleware(reading_twice(campaign, calls))
    middleware(RequestFactory().get("/"))
    middleware(RequestFactory().get("/"))
    assert len(calls) == 2
