"""Where each tracked item stands (TrackedItemQuerySet.standings): its unit, annex, lag colour,
progress and amounts as with_lag gives them item by item; the groups every leaders' page sums
and the lagging lists' order (core.selectors.standing_groups, lagging_ranks), read from
standings computed once per data generation when caching is on."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from core.choices import LagStatus, ReportProgress
from core.lag import LAGGING
from core.registry import TRACKED_KINDS
from core.selectors import lagging_ranks, report_week_as_of, standing_groups, standings
from projects.choices import Annex
from projects.models import Project
from tests import factories as f

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 6, 5)


@pytest.fixture
def mixed_campaign():
    """Two units' projects of both annexes: one not started, one done, one far behind its
    written plan, one on plan, one without planned investment, and one archived."""
    campaign = f.CampaignFactory(slug="standing")
    north, south = f.DepartmentFactory(name="北区单位"), f.DepartmentFactory(name="南区单位")
    f.ProjectFactory(campaign=campaign, responsible_department=north)
    done = f.ProjectFactory(campaign=campaign, responsible_department=north)
    f.ProjectReportFactory(project=done, report_week=1, percent_complete=Decimal("100.00"))
    behind = f.ProjectFactory(
        campaign=campaign, responsible_department=south, annex=Annex.KEY_INDUSTRIAL
    )
    f.ProjectReportFactory(project=behind, report_week=1, week_investment_wan=Decimal("1.00"))
    f.written_schedule(behind, {1: Decimal("60.00"), 2: Decimal("40.00")})
    on_plan = f.ProjectFactory(campaign=campaign, responsible_department=south)
    f.ProjectReportFactory(project=on_plan, report_week=1, week_investment_wan=Decimal("90.00"))
    nothing_planned = f.ProjectFactory(
        campaign=campaign, responsible_department=south, planned_investment_wan=Decimal("0")
    )
    f.ProjectReportFactory(project=nothing_planned, report_week=1)
    f.ProjectFactory(campaign=campaign, responsible_department=north, is_archived=True)
    return campaign


def _one_by_one(campaign, week):
    """What the groups must hold, folded item by item from with_lag and with_progress."""
    totals = Counter()
    items = Project.objects.active().filter(campaign=campaign).with_lag(week, campaign, AS_OF)
    for item in items:
        if item.latest_report_week is None:
            progress = ReportProgress.NOT_STARTED
        elif item.latest_percent >= 100:
            progress = ReportProgress.DONE
        else:
            progress = ReportProgress.UNDER_WAY
        key = (item.responsible_department_id, item.annex, item.lag, progress.value)
        totals[(*key, "n")] += 1
        totals[(*key, "planned")] += item.planned_investment_wan
        totals[(*key, "due_cents")] += item.due_cents
    return totals


def test_the_groups_hold_each_item_once_with_its_own_colour(mixed_campaign):
    week = report_week_as_of(mixed_campaign, AS_OF)
    groups = standing_groups(TRACKED_KINDS.of_model(Project), mixed_campaign, AS_OF)
    folded = Counter()
    for group in groups:
        key = (group["responsible_department"], group["annex"], group["lag"], group["progress"])
        for figure in ("n", "planned", "due_cents"):
            folded[(*key, figure)] += group[figure]
    assert folded == _one_by_one(mixed_campaign, week)
    assert sum(group["n"] for group in groups) == 5  # the archived project is not counted
    colours = {group["lag"] for group in groups if group["progress"] == "under_way"}
    assert colours == {LagStatus.RED.value, LagStatus.ON_TRACK.value}


def test_the_lagging_order_is_the_order_with_lag_gives_in_sql(mixed_campaign):
    """Standing.behind_order is the Python twin of with_lag's `behind_order`: the ranks list
    the lagging items as ordering by it in SQL does, ties broken by pk."""
    south = f.DepartmentFactory(name="南区单位")
    amounts = [("1.00", "100.00"), ("1.00", "100.00"), ("0.00", "300.00"), ("15.00", "50.00")]
    for completed, planned in amounts:  # two equal gaps: the pk decides
        item = f.ProjectFactory(
            campaign=mixed_campaign,
            responsible_department=south,
            planned_investment_wan=Decimal(planned),
        )
        f.ProjectReportFactory(project=item, report_week=1, week_investment_wan=Decimal(completed))
        f.written_schedule(item, {1: Decimal(planned) / 2, 2: Decimal(planned) / 2})
    week = report_week_as_of(mixed_campaign, AS_OF)
    in_sql = list(
        Project.objects.active()
        .filter(campaign=mixed_campaign)
        .with_lag(week, mixed_campaign, AS_OF)
        .filter(lag__in=LAGGING)
        .order_by("behind_order", "pk")
        .values_list("pk", "responsible_department")
    )
    assert len(in_sql) >= 5  # and the fixture's own lagging items
    assert lagging_ranks(TRACKED_KINDS.of_model(Project), mixed_campaign, AS_OF) == in_sql


@pytest.mark.django_db(transaction=True)  # PostgreSQL raises the generation at commit
def test_every_page_of_a_generation_reads_the_groups_computed_once(mixed_campaign):
    kind = TRACKED_KINDS.of_model(Project)
    cache.clear()
    try:
        with override_settings(SUMMARY_CACHE_SECONDS=600):
            first = standings(kind, mixed_campaign, AS_OF)
            with CaptureQueriesContext(connection) as again:
                assert standings(kind, mixed_campaign, AS_OF) == first
            f.ProjectFactory(campaign=mixed_campaign)  # a write: a new generation
            with CaptureQueriesContext(connection) as after_write:
                after = standings(kind, mixed_campaign, AS_OF)
    finally:
        cache.clear()
    reads_items = [q for q in again.captured_queries if "projects_project" in q["sql"]]
    assert reads_items == []
    assert any("projects_project" in q["sql"] for q in after_write.captured_queries)
    assert len(after) == len(first) + 1
