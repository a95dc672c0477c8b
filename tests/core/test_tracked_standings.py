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
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from core.choices import LagStatus, ReportProgress, ReportState
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


def _progress_of(item):
    if item.latest_report_week is None:
        return ReportProgress.NOT_STARTED.value
    if item.latest_percent >= 100:
        return ReportProgress.DONE.value
    return ReportProgress.UNDER_WAY.value


def _one_by_one(campaign, week):
    """What the groups must hold, folded item by item from with_lag and with_progress."""
    totals = Counter()
    items = Project.objects.active().filter(campaign=campaign).with_lag(week, campaign, AS_OF)
    for item in items:
        key = (item.responsible_department_id, item.annex, item.lag, _progress_of(item))
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


amounts = st.integers(min_value=0, max_value=10**7).map(lambda n: Decimal(n) / 100)
report = st.tuples(
    st.integers(min_value=1, max_value=6),  # week
    amounts,
    # percent: 100% makes an item done, the edges of it most often
    st.sampled_from([Decimal("0.00"), Decimal("99.99"), Decimal("100.00")])
    | st.integers(min_value=0, max_value=10000).map(lambda n: Decimal(n) / 100),
    st.sampled_from(ReportState.values),
)
item_data = st.tuples(
    amounts,  # planned
    st.lists(report, max_size=5, unique_by=lambda one: one[0]),
    # a written plan: weights of some weeks, split over the planned investment (None: linear)
    st.none()
    | st.dictionaries(
        st.integers(min_value=1, max_value=17), st.integers(1, 9), min_size=1, max_size=4
    ),
)


def _split(planned, weights):
    """{week: amount} of `weights` shared out over `planned`, the rest in the last week."""
    total_cents, whole = int(planned * 100), sum(weights.values())
    plan = {week: Decimal(total_cents * weight // whole) / 100 for week, weight in weights.items()}
    last = max(plan)
    plan[last] += planned - sum(plan.values())
    return plan


@examples(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(items=st.lists(item_data, min_size=1, max_size=4), week=st.integers(0, 6))
def test_each_standing_is_what_with_lag_and_with_progress_say_of_its_item(
    standing_campaign, items, week
):
    """One pass over an item's reports and plan (core.own_plan.standing_sql) gives its colour,
    planned to date, completed investment and progress as the separate annotations do, for any
    reports (every review state, any week up to the one asked) and any written plan or none."""
    made = []
    for planned, reports, plan in items:
        item = f.ProjectFactory(campaign=standing_campaign, planned_investment_wan=planned)
        for number, invested, percent, state in reports:
            f.ProjectReportFactory(
                project=item,
                report_week=number,
                week_investment_wan=invested,
                percent_complete=percent,
                state=state,
            )
        if plan is not None:
            f.written_schedule(item, _split(planned, plan))
        made.append(item.pk)
    try:
        items = Project.objects.filter(pk__in=made)
        expected = [
            (item.pk, item.lag, _progress_of(item), item.due_cents, item.completed_investment_wan)
            for item in items.with_lag(week, standing_campaign, AS_OF).order_by("pk")
        ]
        got = [
            (one.pk, one.lag, one.progress, one.due_cents, one.completed)
            for one in items.standings(week, standing_campaign, AS_OF)
        ]
        assert got == expected
    finally:
        for item in Project.objects.filter(pk__in=made):
            item.reports.all().delete()
            item.delete()


@pytest.fixture
def standing_campaign():
    return f.CampaignFactory(slug="standing-property")
