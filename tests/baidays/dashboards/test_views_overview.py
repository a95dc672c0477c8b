"""The overview (leaders' home page): figures computed by hand from factory data."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from projects.choices import Annex
from tests import factories as f
from tests.factories_schedules import written_schedule

pytestmark = pytest.mark.django_db

AS_OF = "2026-06-15"  # day 46 of 112: time progress 41.07%, report week 8 (June 13–19)


@pytest.fixture
def campaign():
    campaign = f.CampaignFactory(slug="t2026")
    f.PhaseFactory(campaign=campaign)
    return campaign


def overview(client, as_of=AS_OF):
    response = client.get("/", {"campaign": "t2026", "as_of": as_of})
    assert response.status_code == 200
    return response


def test_overview_shows_day_time_progress_and_the_two_targets(campaign, leader_client):
    response = overview(leader_client)
    body = response.content.decode()
    assert "第 46 天" in body
    assert "41.07%" in body
    assert "1156万元" in body and "1.78亿元" in body
    assert "推进阶段" in body


def test_investment_and_progress_bars_follow_reports_up_to_the_as_of_week(campaign, leader_client):
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("300.00"))
    f.ProjectReportFactory(project=project, report_week=6, week_investment_wan=Decimal("100.10"))
    f.ProjectReportFactory(project=project, report_week=8, week_investment_wan=Decimal("15.50"))
    f.ProjectReportFactory(project=project, report_week=9, week_investment_wan=Decimal("500"))
    entry = f.CompetitionEntryFactory(campaign=campaign)
    f.EntryReportFactory(entry=entry, report_week=3, week_investment_wan=Decimal("1780.00"))
    response = overview(leader_client)
    summary = response.context["summary"]
    assert summary["infrastructure"]["completed_wan"] == "115.60"  # week 9 is after the cut
    assert summary["infrastructure"]["percent"] == "10.00"  # 115.60 / 1156
    assert summary["competition"]["percent"] == "10.00"  # 1780 / 17800
    body = response.content.decode()
    assert "115.60" in body
    assert 'style="width: 10.00%"' in body
    # the weekly chart: cumulative up to week 8, time line for every week
    series = response.context["series"]
    assert series[5]["infrastructure_wan"] == "100.10"
    assert series[6]["infrastructure_wan"] == "100.10"
    assert series[7]["infrastructure_wan"] == "115.60"
    assert series[6]["time_percent"] == "38.39"  # June 12 (week 7's end) is day 43 of 112
    assert "infrastructure_wan" not in series[8]
    assert len(series) == campaign.weeks_total
    assert 'id="series-data"' in body


@pytest.mark.parametrize("path", ["/", "/dashboards/screen/"])
def test_the_cumulative_chart_and_its_table_show_the_planned_curve(campaign, leader_client, path):
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("115.60"))
    written_schedule(project, {2: Decimal("57.80"), 12: Decimal("57.80")})
    response = leader_client.get(path, {"campaign": "t2026", "as_of": AS_OF})
    series = response.context["series"]
    assert series[1]["infrastructure_planned_wan"] == "57.80"
    assert series[1]["infrastructure_planned_percent"] == "5.00"  # of the 1156 万元 target
    assert "infrastructure_planned_wan" not in series[8]  # week 9 is after the as-of week
    assert (
        series[7]["infrastructure_planned_wan"]
        == (response.context["summary"]["infrastructure"]["planned_to_date_wan"])
    )
    body = response.content.decode()
    table = body[body.index('data-testid="cumulative-table"') :]
    table = table[: table.index("</table>")]
    assert "基础设施计划（万元）" in table and "争先杯计划（万元）" in table
    assert "<td>第2周</td><td>5月8日</td>" in table and "57.80（5.00%）" in table


def test_lagging_list_colours_items_exactly_at_the_thresholds(campaign, leader_client):
    unit = f.DepartmentFactory(name="园区建设科")
    names = {}
    for percent in ["41.07", "31.07", "31.06"]:
        project = f.ProjectFactory(
            campaign=campaign, name=f"道路{percent}", responsible_department=unit
        )
        f.due_by_week_8(project)  # its own 计划完成率 equals time progress
        f.ProjectReportFactory(
            project=project,
            # reported in week 8 alone: yellow one week, not yet the run of yellow weeks that
            # turns red
            report_week=8,
            week_investment_wan=Decimal(percent),  # of the 100.00 万元 planned
            percent_complete=Decimal("100"),  # the reported 形象进度 does not decide
        )
        names[percent] = project.name
    never = f.ProjectFactory(campaign=campaign, name="从未填报的项目")
    rows = overview(leader_client).context["lagging"]
    assert [(row["name"], row["lag"]) for row in rows] == [
        (never.name, "red"),
        (names["31.06"], "red"),
        (names["31.07"], "yellow"),
    ]
    assert rows[1]["department"] == "园区建设科"
    assert rows[1]["last_report_week"] == 8
    assert rows[1]["gap"] == Decimal("10.01")
    assert rows[0]["last_report_week"] is None


def test_lagging_list_is_bounded_and_links_to_the_full_list(campaign, leader_client):
    for _ in range(13):
        f.ProjectFactory(campaign=campaign)
    response = overview(leader_client)
    assert len(response.context["lagging"]) == 10
    assert "/dashboards/lagging/" in response.content.decode()


def test_goals_land_approvals_power_milestones_problems_on_the_overview(campaign, leader_client):
    f.CompetitionEntryFactory(
        campaign=campaign, goal="start", achieved_on=datetime.date(2026, 6, 1)
    )
    f.CompetitionEntryFactory(
        campaign=campaign, goal="start", achieved_on=datetime.date(2026, 6, 16)
    )
    land = f.TopicTargetFactory(campaign=campaign)
    f.LandFilingFactory(target=land, area_mu=Decimal("60"), filed_on=datetime.date(2026, 5, 20))
    f.ApprovalCaseFactory(target__campaign=campaign, solved_on=datetime.date(2026, 6, 10))
    f.PowerItemFactory(campaign=campaign, status="done", completed_on=datetime.date(2026, 6, 14))
    f.PowerItemFactory(campaign=campaign)
    f.MilestoneFactory(plan__campaign=campaign, due_date=datetime.date(2026, 6, 1))
    f.ProblemFactory(campaign=campaign, due_date=datetime.date(2026, 6, 1))
    f.ProblemFactory(campaign=campaign, status="resolved", resolved_on=datetime.date(2026, 6, 2))
    response = overview(leader_client)
    summary = response.context["summary"]
    assert summary["competition"]["goals"]["start"]["achieved"] == 1  # June 16 is after
    body = response.content.decode()
    assert "<strong>1</strong> / 7 家" in body
    assert "<strong>60.00</strong> / 150.00 亩" in body
    assert "1 / 7 家" in body  # approvals solved
    assert "1 / 2 项" in body  # power items done
    assert summary["plans"]["overdue"] == 1
    assert [m.title for m in response.context["overdue_milestones"]] == ["完成可研初稿"]
    assert summary["problems"] == {"total": 2, "open": 1, "resolved": 1, "overdue": 1}
    assert len(response.context["overdue_problems"]) == 1


def test_reports_missing_this_week_by_department(campaign, leader_client):
    roads = f.DepartmentFactory(name="园区建设科")
    power = f.DepartmentFactory(name="园区电力办")
    reported = f.ProjectFactory(campaign=campaign, responsible_department=roads)
    f.ProjectFactory(campaign=campaign, responsible_department=roads)
    f.ProjectFactory(campaign=campaign, responsible_department=power, annex=Annex.KEY_INDUSTRIAL)
    f.CompetitionEntryFactory(campaign=campaign, responsible_department=power)
    f.ProjectReportFactory(project=reported, report_week=8)
    f.ProjectReportFactory(project=reported, report_week=9)  # after the cut: not this week's
    f.ProjectReportFactory(
        project=f.ProjectFactory(campaign=campaign, responsible_department=power), report_week=8
    )
    f.ProjectReportFactory(project=f.ProjectFactory(campaign=campaign), report_week=7)
    rows = overview(leader_client).context["missing_by_department"]
    assert [(r["department"], r["expected"], r["missing"]) for r in rows[:2]] == [
        ("园区电力办", 3, 2),
        ("园区建设科", 2, 1),
    ]
    assert rows[2]["missing"] == 1  # the unit whose only report is last week's


def test_as_of_moves_every_figure_back(campaign, leader_client):
    project = f.ProjectFactory(campaign=campaign)
    f.ProjectReportFactory(project=project, report_week=2, week_investment_wan=Decimal("10"))
    f.ProjectReportFactory(project=project, report_week=9, week_investment_wan=Decimal("20"))
    early = overview(leader_client, "2026-05-08").context["summary"]
    late = overview(leader_client, "2026-07-01").context["summary"]
    assert early["campaign"]["day"] == 8
    assert early["infrastructure"]["completed_wan"] == "10.00"
    assert late["infrastructure"]["completed_wan"] == "30.00"


def test_staff_land_on_their_weekly_list_without_other_units_items(campaign, staff_client):
    f.ProjectFactory(campaign=campaign, name="别的单位的项目")
    response = staff_client.get("/", {"campaign": "t2026"}, follow=True)
    assert response.redirect_chain[0][0].startswith("/report/")
    assert "别的单位的项目" not in response.content.decode()


@pytest.mark.parametrize("size", [3, 25])
def test_overview_query_count_does_not_grow_with_data(
    campaign, leader_client, django_assert_max_num_queries, size
):
    _populate(campaign, size)
    # 48 for the figures and lists, plus a fixed few for the added insights (status breakdown,
    # unit ranking, week-on-week, photos), the park map and the two planned curves (two each)
    with django_assert_max_num_queries(58):
        overview(leader_client)


@pytest.mark.parametrize("cache_seconds", [0, 600])
def test_the_overview_after_a_write_works_each_items_colour_out_once_per_kind(
    campaign, leader_client, cache_seconds
):
    """With the cache empty (the first request after a write) or off, the summary's blocks,
    the status breakdown, the unit ranking and the lagging top ten all read the one standings
    query of each kind (core.selectors.standings, read_once)."""
    _populate(campaign, 3)
    cache.clear()
    try:
        with (
            override_settings(SUMMARY_CACHE_SECONDS=cache_seconds),
            CaptureQueriesContext(connection) as queries,
        ):
            assert overview(leader_client).status_code == 200
    finally:
        cache.clear()
    standings = [q for q in queries.captured_queries if 'AS "standing"' in q["sql"]]
    assert len(standings) == 2


def _populate(campaign, size):
    """`size` of every kind of thing the overview counts, lagging and reported."""
    plan = f.PlanFactory(campaign=campaign)
    for index in range(size):
        department = f.DepartmentFactory()
        project = f.ProjectFactory(campaign=campaign, responsible_department=department)
        f.ProjectReportFactory(project=project, report_week=6, percent_complete=Decimal(index))
        entry = f.CompetitionEntryFactory(campaign=campaign, responsible_department=department)
        f.EntryReportFactory(entry=entry, report_week=8)
        f.ProblemFactory(campaign=campaign, responsible_department=department)
        f.InstructionFactory(target=project)
        f.MilestoneFactory(plan=plan, due_date=datetime.date(2026, 6, 1))
