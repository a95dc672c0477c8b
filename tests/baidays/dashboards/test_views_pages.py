"""Phase, department, league-table and full-list dashboards: figures by hand, access, as-of,
and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest

from core.choices import PhaseKind
from tests import factories as f

pytestmark = pytest.mark.django_db

SCOPE = {"campaign": "t2026", "as_of": "2026-06-15"}  # time progress 41.07%, week 8


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="t2026")


def get(client, url, **extra):
    response = client.get(url, {**SCOPE, **extra})
    assert response.status_code == 200, response.content[:500]
    return response


# --- phases -------------------------------------------------------------------------------


def test_mobilize_phase_lists_its_tasks_done_as_of_the_date(campaign, leader_client):
    phase = f.PhaseFactory(
        campaign=campaign,
        kind=PhaseKind.MOBILIZE,
        name="发动阶段",
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 5, 20),
        sort_order=1,
    )
    f.PhaseTaskFactory(
        phase=phase,
        title="召开动员大会",
        status="done",
        completed_on=datetime.date(2026, 5, 6),
        due_date=datetime.date(2026, 5, 20),
    )
    f.PhaseTaskFactory(
        phase=phase,
        title="开展一次调研",
        status="done",
        completed_on=datetime.date(2026, 5, 18),
        due_date=datetime.date(2026, 5, 20),
    )
    f.ProblemFactory(
        campaign=campaign, title="调研发现用地不足", raised_on=datetime.date(2026, 5, 12)
    )
    url = "/dashboards/phases/mobilize/"
    on_the_10th = get(leader_client, url, as_of="2026-05-10")
    assert on_the_10th.context["tasks_done"] == 1
    assert [t["done"] for t in on_the_10th.context["tasks"]] == [True, False]
    later = get(leader_client, url)
    assert later.context["tasks_done"] == 2
    assert "调研发现用地不足" in later.content.decode()
    assert "召开动员大会" in later.content.decode()


def test_advance_phase_shows_the_three_activities_topics_and_plans(campaign, leader_client):
    f.PhaseFactory(campaign=campaign)
    f.PromotionEventFactory(campaign=campaign, title="长三角推介会", leads_count=4)
    f.LandTransferFactory(campaign=campaign, area_mu=Decimal("45.60"))
    f.TopicMeetingFactory(campaign=campaign, title="解决土地问题专题会议")
    f.PowerItemFactory(campaign=campaign, name="东一路电力线路改造")
    f.MilestoneFactory(plan__campaign=campaign, title="工业新城控制性详规评审")
    response = get(leader_client, "/dashboards/phases/advance/")
    body = response.content.decode()
    for text in ["长三角推介会", "45.60 亩", "解决土地问题专题会议", "东一路电力线路改造"]:
        assert text in body
    assert "工业新城控制性详规评审" in body
    assert response.context["summary"]["promotion"] == {"events": 1, "leads": 4}


def test_summary_phase_shows_feedback_and_evaluation_scores(campaign, leader_client):
    f.PhaseFactory(
        campaign=campaign,
        kind=PhaseKind.SUMMARIZE,
        name="总结阶段",
        start_date=datetime.date(2026, 8, 1),
        end_date=datetime.date(2026, 8, 20),
        sort_order=3,
    )
    f.PersonEvaluationFactory(
        campaign=campaign, score=Decimal("90.00"), evaluated_on=datetime.date(2026, 8, 10)
    )
    f.PersonEvaluationFactory(
        campaign=campaign, score=Decimal("85.50"), evaluated_on=datetime.date(2026, 8, 10)
    )
    f.ProblemFactory(
        campaign=campaign,
        status="confirmed",
        resolved_on=datetime.date(2026, 6, 1),
        confirmed_on=datetime.date(2026, 6, 3),
        satisfaction="satisfied",
        feedback="解决及时",
    )
    response = get(leader_client, "/dashboards/phases/summarize/", as_of="2026-08-15")
    assert response.context["evaluation_scores"] == {"count": 2, "average": Decimal("87.75")}
    assert response.context["feedback"]["confirmed"] == 1
    assert response.context["feedback"]["satisfied"] == 1
    assert "解决及时" in response.content.decode()
    before = get(leader_client, "/dashboards/phases/summarize/", as_of="2026-08-01")
    assert before.context["evaluation_scores"]["count"] == 0


def test_unknown_phase_is_a_404(campaign, leader_client):
    assert leader_client.get("/dashboards/phases/nope/").status_code == 404


# --- departments --------------------------------------------------------------------------


def test_department_table_and_page_figures(campaign, leader_client, department):
    late = f.ProjectFactory(
        campaign=campaign, responsible_department=department, planned_investment_wan=Decimal("200")
    )
    f.ProjectReportFactory(
        project=late,
        report_week=8,
        week_investment_wan=Decimal("50"),
        percent_complete=Decimal("20"),
    )
    f.CompetitionEntryFactory(
        campaign=campaign, responsible_department=department, planned_investment_wan=Decimal("800")
    )
    f.MilestoneFactory(
        plan__campaign=campaign, lead_department=department, due_date=datetime.date(2026, 6, 1)
    )
    f.ProblemFactory(
        campaign=campaign, responsible_department=department, due_date=datetime.date(2026, 6, 1)
    )
    rows = get(leader_client, "/dashboards/departments/").context["rows"]
    row = next(r for r in rows if r["department"] == department)
    assert (row["items"], row["planned"], row["completed"]) == (
        2,
        Decimal("1000.00"),
        Decimal("50.00"),
    )
    assert row["percent"] == Decimal("5.00")
    assert (row["red"], row["yellow"]) == (2, 0)
    assert row["missing"] == 1  # the entry has no week-8 report
    assert row["overdue"] == 2  # the milestone and the problem
    page = get(leader_client, f"/dashboards/departments/{department.pk}/")
    assert page.context["figures"]["completed"] == Decimal("50.00")
    # the page lists the same two overdue things the table counts
    assert [o["label"] for o in page.context["overdue"]] == ["规划节点", "困难问题"]
    assert len(page.context["open_problems"]) == 1
    week8 = page.context["reporting"][0]
    assert (week8["week"], week8["expected"], week8["approved"], week8["missing"]) == (8, 2, 1, 1)


def test_staff_see_their_own_department_page_only(
    campaign, staff_client, department, other_department
):
    assert get(staff_client, f"/dashboards/departments/{department.pk}/").status_code == 200
    response = staff_client.get(f"/dashboards/departments/{other_department.pk}/", SCOPE)
    assert response.status_code == 404


def test_staff_cannot_open_the_county_wide_dashboards(campaign, staff_client):
    for url in ["/dashboards/league/", "/dashboards/screen/", "/dashboards/briefing/"]:
        assert staff_client.get(url).status_code == 403


# --- league table --------------------------------------------------------------------------


def test_league_ranks_by_share_of_planned_investment_with_boards_at_the_thresholds(
    campaign, leader_client
):
    # time progress 41.07%; shares 41.07 (red board), 31.07 (yellow: exactly 10 behind),
    # 31.06 (black board); planned 100 so the share equals the amount
    entries = {}
    for amount in ["31.07", "41.07", "31.06"]:
        entry = f.CompetitionEntryFactory(
            campaign=campaign, planned_investment_wan=Decimal("100.00")
        )
        f.due_by_week_8(entry)  # its own 计划完成率 equals time progress
        f.EntryReportFactory(entry=entry, report_week=8, week_investment_wan=Decimal(amount))
        entries[amount] = entry
    f.EntryReportFactory(
        entry=entries["31.06"], report_week=9, week_investment_wan=Decimal("50")
    )  # after the cut
    f.CompetitionEntryFactory(
        campaign=campaign, goal="start", achieved_on=datetime.date(2026, 6, 20)
    )
    response = get(leader_client, "/dashboards/league/")
    rows = response.context["rows"]
    assert [(r["entry"].pk, r["share"], r["board"]) for r in rows[:3]] == [
        (entries["41.07"].pk, Decimal("41.07"), "red"),
        (entries["31.07"].pk, Decimal("31.07"), ""),
        (entries["31.06"].pk, Decimal("31.06"), "black"),
    ]
    assert rows[3]["goal_achieved"] is False  # achieved June 20, after as_of
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    # the fourth entry has reported nothing: 0% is on the black board too
    assert (response.context["red_board_count"], response.context["black_board_count"]) == (1, 2)
    body = response.content.decode()
    assert "排名规则" in body and "百日计划投资完成率" in body
    later = get(leader_client, "/dashboards/league/", as_of="2026-06-20")
    assert later.context["rows"][0]["entry"].pk == entries["31.06"].pk  # 81.06% by week 9
    assert any(r["goal_achieved"] for r in later.context["rows"])


# --- full lists ----------------------------------------------------------------------------


def test_lagging_list_is_paginated_and_filtered_by_department(campaign, leader_client, department):
    for _ in range(55):
        f.ProjectFactory(campaign=campaign, responsible_department=department)
    f.ProjectFactory(campaign=campaign)
    first = get(leader_client, "/dashboards/lagging/")
    assert first.context["page_obj"].paginator.count == 56
    assert len(first.context["rows"]) == 50
    second = get(leader_client, "/dashboards/lagging/", page=2)
    assert len(second.context["rows"]) == 6
    only = get(leader_client, "/dashboards/lagging/", department=department.pk)
    assert only.context["page_obj"].paginator.count == 55


def test_missing_list_names_the_items_without_this_weeks_report(campaign, leader_client):
    done = f.ProjectFactory(campaign=campaign, name="已报项目")
    f.ProjectReportFactory(project=done, report_week=8)
    f.ProjectFactory(campaign=campaign, name="未报项目")
    entry = f.CompetitionEntryFactory(campaign=campaign)
    response = get(leader_client, "/dashboards/missing/")
    assert [row["name"] for row in response.context["rows"]] == ["未报项目"]
    entries = get(leader_client, "/dashboards/missing/", kind="entry")
    assert [row["pk"] for row in entries.context["rows"]] == [entry.pk]


# --- as-of errors and query counts ---------------------------------------------------------


def test_a_bad_as_of_is_explained_on_every_dashboard(campaign, leader_client):
    f.PhaseFactory(campaign=campaign)
    for url in ["/dashboards/league/", "/dashboards/departments/", "/dashboards/phases/advance/"]:
        response = leader_client.get(url, {"as_of": "2026-13-01"})
        assert "YYYY-MM-DD" in response.content.decode()


DASHBOARDS = [
    ("/dashboards/phases/mobilize/", 20),
    ("/dashboards/phases/advance/", 50),
    ("/dashboards/phases/summarize/", 20),
    ("/dashboards/departments/", 34),  # with the 考核 (supervision.assessment): 31
    ("/dashboards/departments/assessment.xlsx", 22),
    ("/dashboards/league/", 41),  # the summary's two planned curves: two queries each
    ("/dashboards/lagging/", 16),
    ("/dashboards/lagging/?kind=entry", 16),
    ("/dashboards/missing/", 16),
    ("/dashboards/screen/", 60),  # 48, a fixed few for the insights and the park map, 2 curves
    ("/dashboards/briefing/", 46),
    ("/dashboards/briefing.xlsx", 55),  # with its audit record (on PostgreSQL the chain lock too)
]


@pytest.mark.parametrize("size", [2, 12])
def test_every_dashboard_has_a_fixed_number_of_queries(
    campaign, leader_client, django_assert_max_num_queries, size
):
    _populate(campaign, size)
    department = f.DepartmentFactory(name="固定单位")
    f.ProjectFactory(campaign=campaign, responsible_department=department)
    for url, bound in DASHBOARDS + [(f"/dashboards/departments/{department.pk}/", 48)]:
        with django_assert_max_num_queries(bound):
            response = leader_client.get(url, SCOPE)
        assert response.status_code == 200, url


def _populate(campaign, size):
    for kind, order in [("mobilize", 1), ("advance", 2), ("summarize", 3)]:
        phase = f.PhaseFactory(campaign=campaign, kind=kind, sort_order=order)
        for _ in range(size):
            f.PhaseTaskFactory(phase=phase)
    plan = f.PlanFactory(campaign=campaign)
    target = f.TopicTargetFactory(campaign=campaign)
    for index in range(size):
        department = f.DepartmentFactory()
        project = f.ProjectFactory(campaign=campaign, responsible_department=department)
        f.ProjectReportFactory(project=project, report_week=6, percent_complete=Decimal(index))
        entry = f.CompetitionEntryFactory(campaign=campaign, responsible_department=department)
        f.EntryReportFactory(entry=entry, report_week=8)
        f.ProblemFactory(campaign=campaign, responsible_department=department)
        f.InstructionFactory(target=project)
        f.MilestoneFactory(plan=plan, lead_department=department)
        f.PowerItemFactory(campaign=campaign, responsible_department=department)
        f.DecisionFactory(meeting__campaign=campaign, responsible_department=department)
        f.LandFilingFactory(target=target)
        f.PromotionEventFactory(campaign=campaign)
        f.KeyEnterpriseFactory(campaign=campaign, responsible_department=department)
        f.PersonEvaluationFactory(campaign=campaign, evaluated_on=datetime.date(2026, 6, 1))


def test_bad_list_parameters_are_404_not_errors(campaign, leader_client):
    # a malformed number is a 400 with the Chinese page (core.parsing)
    assert leader_client.get("/dashboards/lagging/", {"department": "abc"}).status_code == 400
    assert leader_client.get("/dashboards/lagging/", {"kind": "other"}).status_code == 404
    assert leader_client.get("/dashboards/missing/", {"department": "999"}).status_code == 404
    assert leader_client.get("/dashboards/lagging/", {"page": "x"}).status_code == 200
