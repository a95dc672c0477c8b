"""`manage.py summary` and `/api/summary/`: figures computed by hand from factory data."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from projects.choices import Annex
from tests import factories as f

pytestmark = pytest.mark.django_db


def summary(*args):
    from io import StringIO

    out = StringIO()
    call_command("summary", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="t2026")


def test_day_one_is_the_start_date_and_time_percent_follows(campaign):
    data = summary("--campaign", "t2026", "--as-of", "2026-05-01")
    assert data["campaign"]["day"] == 1
    assert data["campaign"]["days_total"] == 112
    assert data["campaign"]["time_percent"] == "0.89"
    data = summary("--campaign", "t2026", "--as-of", "2026-08-20")
    assert data["campaign"]["day"] == 112
    assert data["campaign"]["time_percent"] == "100.00"
    data = summary("--campaign", "t2026", "--as-of", "2026-04-01")
    assert data["campaign"]["day"] == 0


def test_investment_is_summed_from_weekly_reports_up_to_the_as_of_week(campaign):
    first = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100.00"))
    second = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("56.50"))
    f.ProjectReportFactory(project=first, report_week=1, week_investment_wan=Decimal("10.10"))
    f.ProjectReportFactory(project=first, report_week=2, week_investment_wan=Decimal("20.20"))
    f.ProjectReportFactory(project=second, report_week=2, week_investment_wan=Decimal("5.05"))
    # a key industrial project does not count toward infrastructure
    key = f.ProjectFactory(campaign=campaign, annex=Annex.KEY_INDUSTRIAL)
    f.ProjectReportFactory(project=key, report_week=1, week_investment_wan=Decimal("999"))

    # 2026-05-01 is a Friday: week 1 is that day alone, week 2 runs May 2–8
    week1 = summary("--campaign", "t2026", "--as-of", "2026-05-01")["infrastructure"]
    assert week1["completed_wan"] == "10.10"
    week2 = summary("--campaign", "t2026", "--as-of", "2026-05-08")["infrastructure"]
    assert week2["count"] == 2
    assert week2["planned_wan"] == "156.50"
    assert week2["completed_wan"] == "35.35"
    assert week2["target_wan"] == "1156.00"
    assert week2["percent"] == "3.06"  # 35.35 / 1156 = 3.058%
    key_block = summary("--campaign", "t2026", "--as-of", "2026-05-08")["key_projects"]
    assert key_block["completed_wan"] == "999.00"


def test_lagging_counts_judge_the_investment_completion_rate_against_time_progress(campaign):
    # as of 2026-06-15: day 46 of 112, time progress 41.07%; each project plans 100.00 万元
    for completed in ["41.07", "31.07", "31.06", "0"]:
        project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100.00"))
        f.due_by_week_8(project)  # its own 计划完成率 equals time progress
        f.ProjectReportFactory(
            project=project,
            report_week=7,
            week_investment_wan=Decimal(completed),
            # the reported 形象进度 % does not decide the colour
            percent_complete=Decimal("100"),
        )
    f.ProjectFactory(campaign=campaign)  # never reported: 0%
    data = summary("--campaign", "t2026", "--as-of", "2026-06-15")
    assert data["campaign"]["time_percent"] == "41.07"
    # 41.07 on track; 31.07 is exactly 10 points behind (yellow); 31.06 and 0 and none are red
    assert data["infrastructure"]["lagging"] == {"red": 3, "yellow": 1, "total": 4}


def test_goals_count_achievements_up_to_the_as_of_date(campaign):
    f.CompetitionEntryFactory(
        campaign=campaign, goal="start", achieved_on=datetime.date(2026, 6, 1)
    )
    f.CompetitionEntryFactory(
        campaign=campaign, goal="start", achieved_on=datetime.date(2026, 7, 1)
    )
    f.CompetitionEntryFactory(campaign=campaign, goal="complete")
    goals = summary("--campaign", "t2026", "--as-of", "2026-06-15")["competition"]["goals"]
    assert goals["start"] == {"label": "开工", "planned": 7, "entries": 2, "achieved": 1}
    assert goals["complete"]["achieved"] == 0


def test_problems_open_and_resolved_as_of_a_date(campaign):
    ke = f.KeyEnterpriseFactory(campaign=campaign)
    f.ProblemFactory(
        campaign=campaign,
        enterprise=ke.enterprise,
        status="resolved",
        raised_on=datetime.date(2026, 5, 10),
        resolved_on=datetime.date(2026, 6, 20),
    )
    f.ProblemFactory(
        campaign=campaign, enterprise=ke.enterprise, due_date=datetime.date(2026, 6, 1)
    )
    f.ProblemFactory(campaign=campaign)  # not a key enterprise
    june = summary("--campaign", "t2026", "--as-of", "2026-06-15")
    assert june["key_enterprises"] == {"count": 1, "problems_open": 2, "problems_resolved": 0}
    assert june["problems"]["overdue"] == 1
    july = summary("--campaign", "t2026", "--as-of", "2026-07-01")
    assert july["key_enterprises"]["problems_resolved"] == 1
    # the other open problem's due date (June 15) has passed as well
    assert july["problems"] == {"total": 3, "open": 2, "resolved": 1, "overdue": 2}


def test_topics_plans_and_reports_blocks(campaign):
    target = f.TopicTargetFactory(campaign=campaign)
    f.LandFilingFactory(target=target, area_mu=Decimal("86.5"), filed_on=datetime.date(2026, 5, 10))
    f.LandFilingFactory(target=target, area_mu=Decimal("70"), filed_on=datetime.date(2026, 5, 30))
    f.PowerItemFactory(campaign=campaign, status="done", completed_on=datetime.date(2026, 6, 1))
    f.PowerItemFactory(campaign=campaign)
    f.MilestoneFactory(plan__campaign=campaign, due_date=datetime.date(2026, 6, 1))
    f.MilestoneFactory(
        plan__campaign=campaign,
        plan__kind="layout",
        due_date=datetime.date(2026, 6, 1),
        status="done",
        completed_on=datetime.date(2026, 5, 10),
    )
    reported = f.ProjectFactory(campaign=campaign)
    f.ProjectFactory(campaign=campaign)
    f.ProjectReportFactory(project=reported, report_week=3)
    data = summary("--campaign", "t2026", "--as-of", "2026-05-15")
    land = data["topics"]["land"]["targets"][0]
    assert (land["achieved"], land["target"], land["percent"]) == ("86.50", "150.00", "57.67")
    assert data["topics"]["power"]["items"] == 2 and data["topics"]["power"]["done"] == 0
    assert data["plans"] == {"milestones": 2, "done": 1, "overdue": 0}
    assert data["reports"]["week"] == 3
    assert data["reports"]["expected"] == 2
    assert data["reports"]["submitted"] == 1
    assert data["reports"]["missing"] == 1
    later = summary("--campaign", "t2026", "--as-of", "2026-06-02")
    assert later["plans"]["overdue"] == 1
    assert later["topics"]["power"]["done"] == 1
    assert later["topics"]["land"]["targets"][0]["achieved"] == "156.50"


def test_money_is_always_a_string_with_two_decimals(campaign):
    f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("7"))
    data = summary("--campaign", "t2026")
    for block in ("infrastructure", "competition", "key_projects"):
        for key in ("target_wan", "planned_wan", "completed_wan"):
            value = data[block][key]
            assert isinstance(value, str) and value.split(".")[1].__len__() == 2


def test_bad_as_of_and_unknown_campaign_are_clear_errors(campaign):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("summary", "--as-of", "15/06/2026")
    with pytest.raises(CommandError, match="nope"):
        call_command("summary", "--campaign", "nope")


def test_api_summary_equals_the_command(campaign, leader_client):
    f.ProjectReportFactory(project=f.ProjectFactory(campaign=campaign), report_week=2)
    response = leader_client.get("/api/summary/", {"campaign": "t2026", "as_of": "2026-06-15"})
    assert response.status_code == 200
    assert response.json() == summary("--campaign", "t2026", "--as-of", "2026-06-15")


def test_api_summary_needs_a_login(campaign, client):
    response = client.get("/api/summary/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_summary_query_count_does_not_grow_with_items(campaign, django_assert_max_num_queries):
    for _ in range(30):
        project = f.ProjectFactory(campaign=campaign)
        f.ProjectReportFactory(project=project, report_week=2)
        f.EntryReportFactory(entry=f.CompetitionEntryFactory(campaign=campaign), report_week=2)
    # 32: two per planned curve (its written weeks, its items on the linear default)
    with django_assert_max_num_queries(32):
        summary("--campaign", "t2026", "--as-of", "2026-06-15")
