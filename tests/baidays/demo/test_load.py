"""`manage.py generate_load`: counts, sums and shapes of the synthetic benchmark data."""

import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min, Sum

from baidays.dashboards.summary import campaign_summary
from baidays.demo.load import generate_load
from core.models import Campaign
from enterprises.models import CompetitionEntry, Enterprise, EntryReport, Problem
from plans.models import Milestone
from projects.choices import Annex
from projects.models import Project, ProjectReport

pytestmark = pytest.mark.django_db

# The command works from today: a fixed November day, after the 2026 campaign, whatever the
# real date (from January to mid-May the current campaign would not have begun).
IN_NOVEMBER = time_machine.travel(
    datetime.datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
)


def run(*args):
    out = StringIO()
    call_command("generate_load", *args, stdout=out)
    return out.getvalue()


@IN_NOVEMBER
def test_generates_items_and_weeks_in_every_campaign():
    output = run("--projects", "10", "--enterprises", "6", "--weeks", "3", "--campaigns", "3")
    assert "已生成 3 个百日行动" in output
    assert Campaign.objects.count() == 3
    for campaign in Campaign.objects.all():
        projects = Project.objects.filter(campaign=campaign)
        assert projects.count() == 10
        assert projects.filter(annex=Annex.KEY_INDUSTRIAL).count() == 2
        assert CompetitionEntry.objects.filter(campaign=campaign).count() == 6
        # the campaigns are over (the current one too, in November): three weeks each
        assert ProjectReport.objects.filter(project__campaign=campaign).count() == 30
        assert EntryReport.objects.filter(entry__campaign=campaign).count() == 18
        assert Milestone.objects.filter(plan__campaign=campaign).count() >= 1
    assert Enterprise.objects.count() == 6  # one pool, reused by every campaign


def test_weekly_money_is_decimal_and_adds_up_in_the_summary():
    [campaign] = generate_load(
        projects=20, enterprises=10, weeks=4, today=datetime.date(2026, 8, 30)
    ).campaigns
    reports = ProjectReport.objects.filter(project__campaign=campaign, project__annex=1)
    assert all(isinstance(r.week_investment_wan, Decimal) for r in reports)
    assert all(r.week_investment_wan >= 0 for r in reports)
    by_hand = reports.aggregate(total=Sum("week_investment_wan"))["total"]
    summary = campaign_summary(campaign, campaign.end_date)
    assert summary["infrastructure"]["count"] == 16
    assert summary["infrastructure"]["completed_wan"] == f"{by_hand:.2f}"
    assert summary["competition"]["count"] == 10
    for project in Project.objects.filter(campaign=campaign):
        completed = project.reports.aggregate(total=Sum("week_investment_wan"))["total"]
        assert completed <= project.planned_investment_wan


def test_percent_never_falls_and_some_items_lag_while_others_are_ahead():
    [campaign] = generate_load(
        projects=60, enterprises=0, weeks=8, today=datetime.date(2026, 8, 30)
    ).campaigns
    previous = {}
    for report in ProjectReport.objects.filter(project__campaign=campaign).order_by(
        "project", "report_week"
    ):
        assert Decimal("0") <= report.percent_complete <= Decimal("100")
        assert report.percent_complete >= previous.get(report.project_id, Decimal("0"))
        previous[report.project_id] = report.percent_complete
    summary = campaign_summary(campaign, campaign.week_end(8))
    lagging = summary["infrastructure"]["lagging"]["total"]
    assert 0 < lagging < summary["infrastructure"]["count"]
    assert Problem.objects.filter(campaign=campaign).exists()


def test_a_running_campaign_gets_reports_up_to_the_open_week_only():
    today = datetime.date(2026, 6, 15)  # week 7 of the 2026 plan
    [campaign] = generate_load(projects=30, enterprises=10, weeks=15, today=today).campaigns
    weeks = ProjectReport.objects.filter(project__campaign=campaign).aggregate(
        first=Min("report_week"), last=Max("report_week")
    )
    assert weeks == {"first": 1, "last": campaign.week_of(today)}
    assert not Problem.objects.filter(raised_on__gt=today).exists()
    assert not Milestone.objects.filter(completed_on__gt=today).exists()


@IN_NOVEMBER
def test_a_second_run_adds_to_the_same_campaign_with_new_numbers():
    run("--projects", "5", "--enterprises", "4", "--weeks", "2")
    run("--projects", "5", "--enterprises", "4", "--weeks", "2")
    assert Campaign.objects.count() == 1
    assert Project.objects.count() == 10
    seqs = CompetitionEntry.objects.values("seq").annotate(n=Count("pk")).filter(n__gt=1)
    assert not seqs.exists()


def test_campaigns_must_include_the_current_one():
    with pytest.raises(CommandError, match="--campaigns 至少为 1"):
        run("--projects", "1", "--enterprises", "1", "--weeks", "1", "--campaigns", "0")
