"""The overview's cumulative chart: beside the time line and the completed line, the summed
planned curve of each block's items by their own 进度计划, drawn through the report week of the
as-of day only, ending on the summary's `planned_to_date_wan`, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from baidays.dashboards.summary import campaign_summary
from core.models import Campaign
from core.own_plan import planned_to_date_cents
from projects.choices import Annex
from tests import factories as f
from tests.factories_schedules import written_schedule

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 6, 15)  # report week 8 of the plan's campaign


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="chart")


def planned_keys(row, block):
    return row.get(f"{block}_planned_wan"), row.get(f"{block}_planned_percent")


def test_the_planned_curve_sums_each_items_own_plan_week_by_week(campaign):
    front = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    written_schedule(front, {1: Decimal("60"), 3: Decimal("40")})
    late = f.ProjectFactory(
        campaign=campaign,
        planned_investment_wan=Decimal("77.77"),
        planned_start=datetime.date(2026, 6, 1),
        planned_finish=datetime.date(2026, 7, 31),
    )
    f.ProjectFactory(campaign=campaign, annex=Annex.KEY_INDUSTRIAL)  # not in the 附件1 block
    weeks = campaign_summary(campaign, AS_OF)["weeks"]
    for row in weeks[:8]:
        due = sum(planned_to_date_cents(item, campaign, row["week"]) for item in (front, late))
        assert Decimal(row["infrastructure_planned_wan"]) == Decimal(due) / 100, row["week"]
    assert [row["infrastructure_planned_wan"] for row in weeks[:3]] == ["60.00"] * 2 + ["100.00"]
    # the late start is due nothing before 6月1日 (week 6 begins on 2026-05-30)
    assert weeks[4]["infrastructure_planned_wan"] == "100.00"
    assert Decimal(weeks[7]["infrastructure_planned_wan"]) > Decimal("100.00")


def test_the_planned_share_has_the_completed_lines_denominator(campaign):
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("1156"))
    written_schedule(project, {1: Decimal("115.60"), 2: Decimal("1040.40")})
    f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("57.80"))
    first = campaign_summary(campaign, AS_OF)["weeks"][0]
    # 1156 万元 is also the campaign's 附件1 target: 10% planned, 5% completed in week 1
    assert planned_keys(first, "infrastructure") == ("115.60", "10.00")
    assert first["infrastructure_percent"] == "5.00"


@pytest.mark.parametrize(
    "as_of",
    [datetime.date(2026, 5, 1), datetime.date(2026, 5, 20), AS_OF, datetime.date(2026, 8, 20)],
)
def test_the_last_planned_point_is_the_summarys_planned_to_date(campaign, as_of):
    project = f.ProjectFactory(campaign=campaign)
    written_schedule(project, {2: Decimal("30"), 9: Decimal("70")})
    f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("333.33"))
    entry = f.CompetitionEntryFactory(campaign=campaign)
    written_schedule(entry, {1: Decimal("450"), 16: Decimal("450")})
    f.CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("123.45"))
    summary = campaign_summary(campaign, as_of)
    drawn = [row for row in summary["weeks"] if "infrastructure_planned_wan" in row]
    assert len(drawn) == summary["reports"]["week"]
    for block in ("infrastructure", "competition"):
        assert drawn[-1][f"{block}_planned_wan"] == summary[block]["planned_to_date_wan"]


def test_weeks_after_the_as_of_day_are_not_drawn_as_completed_or_planned(campaign):
    project = f.ProjectFactory(campaign=campaign)
    f.ProjectReportFactory(project=project, report_week=2, week_investment_wan=Decimal("5"))
    f.ProjectReportFactory(project=project, report_week=5, week_investment_wan=Decimal("7"))
    weeks = campaign_summary(campaign, datetime.date(2026, 5, 14))["weeks"]  # report week 3
    assert weeks[2]["infrastructure_wan"] == "5.00"
    assert planned_keys(weeks[2], "infrastructure")[0] is not None
    later = weeks[3:]
    assert later and all(set(row) == {"week", "end", "time_percent"} for row in later)
    assert weeks[-1]["time_percent"] == "100.00"


def _items(campaign, count):
    for index in range(count):
        project = f.ProjectFactory(campaign=campaign)
        entry = f.CompetitionEntryFactory(campaign=campaign)
        if index % 2:
            written_schedule(project, {1: Decimal("40"), 5: Decimal("60")})
            written_schedule(entry, {3: Decimal("900")})
        for week in range(1, 12):
            f.ProjectReportFactory(project=project, report_week=week)
            f.EntryReportFactory(entry=entry, report_week=week)


def test_the_summary_has_as_many_queries_for_many_items_and_weeks_as_for_few(
    campaign, django_assert_num_queries
):
    _items(campaign, 1)
    campaign_summary(campaign, datetime.date(2026, 5, 8))  # what is cached once per process
    with CaptureQueriesContext(connection) as few:
        campaign_summary(Campaign.objects.get(pk=campaign.pk), datetime.date(2026, 5, 8))
    _items(campaign, 12)
    with django_assert_num_queries(len(few.captured_queries)):
        # report week 12
        summary = campaign_summary(Campaign.objects.get(pk=campaign.pk), datetime.date(2026, 7, 15))
    assert len([row for row in summary["weeks"] if "competition_planned_wan" in row]) == 12
