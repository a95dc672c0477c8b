"""The overview's summary is cached per app server and keyed by the data generation, which
database triggers raise on every committed write — bulk and raw writes included."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from baidays.dashboards.summary import campaign_summary
from core.generation import current_generation, summary_tables
from projects.models import ProjectReport
from tests import factories as f

AS_OF = "2026-05-08"


@pytest.fixture
def summary_cache(settings):
    settings.SUMMARY_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def _campaign_with_a_report():
    campaign = f.CampaignFactory(slug="cache2026")
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100.00"))
    f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("10.00"))
    return campaign


def _completed(client):
    response = client.get(f"/api/summary/?campaign=cache2026&as_of={AS_OF}")
    assert response.status_code == 200
    return response.json()["infrastructure"]["completed_wan"]


@pytest.mark.django_db(transaction=True)  # PostgreSQL raises the generation at commit
def test_a_bulk_update_that_sends_no_signal_still_refreshes_the_cached_summary(
    leader_client, summary_cache
):
    _campaign_with_a_report()
    assert _completed(leader_client) == "10.00"
    before = current_generation()
    ProjectReport.objects.update(week_investment_wan=Decimal("25.50"))
    assert current_generation() > before
    assert _completed(leader_client) == "25.50"
    ProjectReport.objects.all().delete()
    assert _completed(leader_client) == "0.00"


@pytest.mark.django_db(transaction=True)
def test_a_second_request_is_served_from_the_cache_with_fewer_queries(leader_client, summary_cache):
    _campaign_with_a_report()
    url = f"/api/summary/?campaign=cache2026&as_of={AS_OF}"
    with CaptureQueriesContext(connection) as first:
        leader_client.get(url)
    with CaptureQueriesContext(connection) as second:
        body = leader_client.get(url).json()
    assert len(second) <= len(first) - 20
    assert body["infrastructure"]["completed_wan"] == "10.00"


@pytest.mark.django_db
def test_every_table_the_summary_reads_raises_the_generation():
    campaign = _campaign_with_a_report()
    with CaptureQueriesContext(connection) as captured:
        campaign_summary(campaign, datetime.date(2026, 6, 15))
    read = set()
    for query in captured:
        read |= set(re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"]))
    assert read
    assert read <= set(summary_tables())


@pytest.mark.django_db
def test_without_the_cache_setting_nothing_is_cached(leader_client, settings):
    settings.SUMMARY_CACHE_SECONDS = 0
    _campaign_with_a_report()
    cache.clear()
    _completed(leader_client)
    assert not any(key for key in getattr(cache, "_cache", {}) if "summary" in str(key))


@pytest.mark.django_db
def test_every_table_the_overview_reads_raises_the_generation():
    from baidays.dashboards.selectors import _overview

    campaign = _campaign_with_a_report()
    f.InstructionFactory(target=campaign.projects.get())
    f.ProblemFactory(campaign=campaign, due_date=datetime.date(2026, 5, 20))
    f.MilestoneFactory(plan__campaign=campaign, due_date=datetime.date(2026, 6, 1))
    with CaptureQueriesContext(connection) as captured:
        _overview(campaign, datetime.date(2026, 6, 15))
    read = set()
    for query in captured:
        read |= set(re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"]))
    assert read
    assert read <= set(summary_tables())


@pytest.mark.django_db(transaction=True)
def test_the_cached_overview_follows_a_new_report(leader_client, summary_cache):
    campaign = _campaign_with_a_report()
    first = leader_client.get("/", {"campaign": "cache2026", "as_of": AS_OF})
    assert first.context["summary"]["infrastructure"]["completed_wan"] == "10.00"
    ProjectReport.objects.create(
        project=campaign.projects.get(), report_week=2, week_investment_wan=Decimal("5.00")
    )
    second = leader_client.get("/", {"campaign": "cache2026", "as_of": AS_OF})
    assert second.context["summary"]["infrastructure"]["completed_wan"] == "15.00"
