"""The leader's figures say what their rule says: a total is coloured by the lag rule against
its items' own plans (never against 时序进度), the 红黑榜 prints the rule it applies, the top ten
are the ten furthest behind their own plans, and report counts are one partition,
应报 = 已通过 + 待审核 + 退回 + 未报, on every page that shows them."""

from decimal import Decimal

import pytest

from baidays.dashboards.selectors import BOARD_RULE
from core.campaign_settings import CampaignRules, LeagueOrder
from core.choices import ReportState
from core.lag import rule_text
from tests import factories as f
from tests.baidays.consistency_rules import colours, marked, numbers

pytestmark = pytest.mark.django_db

# 2026-06-15: week 8 in force, time progress 41.07%
SCOPE = {"campaign": "one", "as_of": "2026-06-15"}


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="one")


def project(campaign, due, completed, **kwargs):
    """A 100.00 万元 project with `due` of it due from week 1 on and `completed` by week 7."""
    item = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100.00"), **kwargs)
    f.written_schedule(item, {1: Decimal(due), 17: Decimal(100) - Decimal(due)})
    f.ProjectReportFactory(project=item, report_week=7, week_investment_wan=Decimal(completed))
    return item


def test_totals_are_coloured_against_their_own_plans_not_time_progress(
    campaign, department, leader_client
):
    # 50% done is ahead of time progress (41.07%) but 30 points behind its own plan (80%)
    project(campaign, "80", "50", responsible_department=department)
    overview = leader_client.get("/", SCOPE)
    block = overview.context["summary"]["infrastructure"]
    assert (block["lag"], block["due_percent"]) == ("red", "6.92")  # 80 of the 1156 target
    assert colours(overview, "kpi-lag")[0] == "red"
    assert rule_text(campaign) in overview.content.decode()

    units = leader_client.get("/dashboards/departments/", SCOPE)
    row = next(r for r in units.context["rows"] if r["department"] == department)
    assert (row["percent"], row["plan_percent"], row["lag"]) == (
        Decimal("50.00"),
        Decimal("80.00"),
        "red",
    )
    assert colours(units, "unit-lag") == ["red"]
    page = leader_client.get(f"/dashboards/departments/{department.pk}/", SCOPE)
    assert colours(page, "unit-lag") == ["red"]
    for response in (units, page):
        assert "颜色按时序进度" not in response.content.decode()
        assert rule_text(campaign) in response.content.decode()


def test_the_league_puts_an_entry_on_the_board_its_printed_rule_says(campaign, leader_client):
    # 42.32% done: ahead of time progress, 17.68 points behind its own plan (60%)
    behind = f.CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    f.written_schedule(behind, {1: Decimal("60"), 17: Decimal("40")})
    f.EntryReportFactory(entry=behind, report_week=7, week_investment_wan=Decimal("42.32"))
    ahead = f.CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    f.written_schedule(ahead, {1: Decimal("40"), 17: Decimal("60")})
    f.EntryReportFactory(entry=ahead, report_week=7, week_investment_wan=Decimal("42.32"))

    league = leader_client.get("/dashboards/league/", SCOPE)
    boards = {row["pk"]: row["board"] for row in league.context["rows"]}
    assert boards == {behind.pk: "black", ahead.pk: "red"}
    html = league.content.decode()
    assert BOARD_RULE in html and rule_text(campaign) in html
    assert "不低于时序进度" not in html


def test_the_league_ranks_by_the_campaigns_rule_and_prints_it(campaign, leader_client):
    # `steady` has done more, `early` is further ahead of its own plan
    steady = f.CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    f.written_schedule(steady, {1: Decimal("60"), 17: Decimal("40")})
    f.EntryReportFactory(entry=steady, report_week=7, week_investment_wan=Decimal("65"))
    early = f.CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    f.written_schedule(early, {1: Decimal("20"), 17: Decimal("80")})
    f.EntryReportFactory(entry=early, report_week=7, week_investment_wan=Decimal("30"))

    def ranked():
        page = leader_client.get("/dashboards/league/", SCOPE)
        return [row["pk"] for row in page.context["rows"]], page.content.decode()

    order, html = ranked()
    assert order == [steady.pk, early.pk] and "按百日计划投资完成率（" in html
    CampaignRules.objects.create(campaign=campaign, league_order=LeagueOrder.PLAN)
    order, html = ranked()
    assert order == [early.pk, steady.pk]
    assert "按超前于本项目进度计划的百分点" in html and "按百日计划投资完成率（" not in html
    screen = leader_client.get("/dashboards/screen/", SCOPE).content.decode()
    assert "按超前于本项目进度计划的百分点" in screen


def test_the_top_ten_are_the_furthest_behind_their_own_plans(campaign, leader_client):
    far = project(campaign, "60", "30.40")  # 29.6 points behind, 30.4% done
    near = project(campaign, "15.50", "10")  # 5.5 points behind, 10% done
    # ten more, 15 … 6 points behind, each with less done than `far`
    others = [project(campaign, "20", str(done)) for done in range(5, 15)]

    overview = leader_client.get("/", SCOPE).context["lagging"]
    assert [row["pk"] for row in overview] == [far.pk] + [item.pk for item in others[:9]]
    assert near.pk not in [row["pk"] for row in overview]
    assert overview[0]["gap"] == Decimal("29.60")
    for url in ("/dashboards/briefing/", "/dashboards/screen/"):
        shown = leader_client.get(url, SCOPE).context["lagging"]
        assert [row["pk"] for row in shown] == [row["pk"] for row in overview][: len(shown)]
    listed = leader_client.get("/dashboards/lagging/", SCOPE).context["rows"]
    assert [row["pk"] for row in listed][:10] == [row["pk"] for row in overview]
    assert listed[-1]["pk"] == near.pk


def test_report_counts_are_one_partition_on_every_page(campaign, department, leader_client):
    states = [
        ReportState.SUBMITTED,
        ReportState.APPROVED,
        ReportState.PENDING,
        ReportState.RETURNED,
        None,
    ]
    for state in states:
        item = f.ProjectFactory(campaign=campaign, responsible_department=department)
        if state:
            f.ProjectReportFactory(project=item, report_week=8, state=state)
    # 应报 5 = 已通过 2 (one needed no review) + 待审核 1 + 退回 1 + 未报 1
    whole = [5, 2, 1, 1, 1]
    overview = leader_client.get("/", SCOPE)
    reports = overview.context["summary"]["reports"]
    assert [
        reports[key] for key in ("expected", "submitted", "pending_review", "returned", "missing")
    ] == whole
    shown = marked(overview).of("report-counts")
    assert numbers(shown[0][1]) == whole
    assert numbers(shown[1][1])[-5:] == whole  # the unit's row
    screen = marked(leader_client.get("/dashboards/screen/", SCOPE)).of("report-counts")
    assert numbers(screen[0][1]) == [8, *whole]
    briefing = marked(leader_client.get("/dashboards/briefing/", SCOPE)).of("report-counts")
    assert numbers(briefing[0][1])[:6] == [8, *whole]
    page = marked(leader_client.get(f"/dashboards/departments/{department.pk}/", SCOPE))
    assert numbers(page.of("report-counts")[0][1])[-5:] == whole
