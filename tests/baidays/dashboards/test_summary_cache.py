"""The overview's summary is cached per app server and keyed by the campaign's data
generation, which database triggers raise on every committed write to its rows — bulk and raw
writes included — while writes in another campaign leave it alone."""

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
    campaign = _campaign_with_a_report()
    assert _completed(leader_client) == "10.00"
    before = current_generation(campaign.pk)
    ProjectReport.objects.update(week_investment_wan=Decimal("25.50"))
    assert current_generation(campaign.pk) > before
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


def _overview_queries(client, slug):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/", {"campaign": slug, "as_of": AS_OF})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db(transaction=True)
def test_a_report_in_one_campaign_leaves_another_campaigns_cached_overview_cached(
    leader_client, summary_cache
):
    mine = _campaign_with_a_report()
    other = f.CampaignFactory(slug="other2026")
    other_project = f.ProjectFactory(campaign=other)
    uncached = _overview_queries(leader_client, "cache2026")
    cached = _overview_queries(leader_client, "cache2026")
    assert cached <= uncached - 20
    before = current_generation(mine.pk)
    ProjectReport.objects.create(project=other_project, report_week=1)
    assert current_generation(mine.pk) == before
    assert _overview_queries(leader_client, "cache2026") == cached
    ProjectReport.objects.create(
        project=mine.projects.get(), report_week=2, week_investment_wan=Decimal("5.00")
    )
    assert current_generation(mine.pk) > before
    assert _overview_queries(leader_client, "cache2026") >= cached + 20
    assert _completed(leader_client) == "15.00"


@pytest.mark.django_db(transaction=True)
def test_a_write_to_a_row_of_no_one_campaign_refreshes_every_campaign(leader_client, summary_cache):
    campaign = _campaign_with_a_report()
    before = current_generation(campaign.pk)
    f.DepartmentFactory()
    assert current_generation(campaign.pk) > before


@pytest.mark.django_db(transaction=True)
def test_deleting_a_project_with_its_reports_refreshes_its_campaign(leader_client, summary_cache):
    campaign = _campaign_with_a_report()
    assert _completed(leader_client) == "10.00"
    before = current_generation(campaign.pk)
    campaign.projects.get().delete()
    assert current_generation(campaign.pk) > before
    assert _completed(leader_client) == "0.00"
