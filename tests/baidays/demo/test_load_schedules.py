"""`generate_load --schedules`: a 进度计划 over every week for every generated item, adding up
to its 100-day plan, and enough lagging and silent items that `supervise` has every kind of
work."""

import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, Sum
from hypothesis import given
from hypothesis import strategies as st

from baidays.demo.load import generate_load
from baidays.demo.load_schedules import SHAPES, spread
from core.models import Campaign
from enterprises.models import CompetitionEntry, EntryReport
from projects.models import Project, ProjectReport
from supervision.choices import Cause
from supervision.models import Supervision
from supervision.schedules.models import PlanWeek
from supervision.services import supervise

pytestmark = pytest.mark.django_db
RUNNING = datetime.date(2026, 6, 15)  # week 7 of the 2026 plan: the campaign is running


def load(**kwargs):
    [campaign] = generate_load(
        projects=40, enterprises=40, weeks=15, today=RUNNING, schedules=True, **kwargs
    ).campaigns
    return campaign


def test_every_item_has_a_plan_for_every_week_adding_up_to_its_100_day_plan():
    campaign = load()
    for model, field in ((Project, "project"), (CompetitionEntry, "entry")):
        planned = dict(model.objects.values_list("pk", "planned_investment_wan"))
        weeks = PlanWeek.objects.filter(**{f"version__{field}__isnull": False}).values(
            f"version__{field}"
        )
        sums = weeks.annotate(total=Sum("planned_wan"), weeks=Count("pk"))
        assert len(sums) == len(planned) == 40
        for row in sums:
            assert row["total"] == planned[row[f"version__{field}"]]
            assert row["weeks"] == campaign.weeks_total


def test_schedules_take_the_shapes_in_turn_front_loaded_and_back_loaded_among_them():
    load()
    first_weeks = []
    for project in Project.objects.order_by("pk")[: len(SHAPES)]:
        weeks = dict(
            PlanWeek.objects.filter(version__project=project).values_list("week", "planned_wan")
        )
        first_weeks.append(weeks[1] / project.planned_investment_wan)
    even, front, back, late = first_weeks
    assert front > even > back
    assert late < even


def test_supervise_finds_red_yellow_and_silent_items_in_the_generated_load():
    campaign = load()
    counts = supervise(campaign=campaign, as_of=RUNNING)
    causes = dict(
        Supervision.objects.values_list("cause").annotate(n=Count("pk")).order_by("cause")
    )
    assert counts["opened"] == sum(causes.values())
    assert causes[Cause.RED] > 0
    assert causes[Cause.YELLOW_WEEKS] > 0
    assert causes[Cause.MISSED_REPORTS] == 2  # one in forty of the 40 projects and 40 entries
    lagging = causes[Cause.RED] + causes[Cause.YELLOW_WEEKS]
    assert lagging < Project.objects.count() + CompetitionEntry.objects.count()


def test_silent_items_miss_the_last_two_complete_weeks_and_the_open_one():
    campaign = load()
    open_week = campaign.week_of(RUNNING)
    silent = {
        pk
        for pk in Project.objects.values_list("pk", flat=True)
        if not ProjectReport.objects.filter(project_id=pk, report_week__gte=open_week - 2)
    }
    assert len(silent) == 1
    [pk] = silent
    weeks = set(ProjectReport.objects.filter(project_id=pk).values_list("report_week", flat=True))
    assert weeks == set(range(1, open_week - 2))
    recent = EntryReport.objects.filter(report_week__gte=open_week - 2).values("entry")
    assert CompetitionEntry.objects.exclude(pk__in=recent).count() == 1


def test_a_finished_campaign_gets_schedules_and_no_silent_items():
    [campaign] = generate_load(
        projects=10, enterprises=0, weeks=15, today=datetime.date(2026, 11, 16), schedules=True
    ).campaigns
    assert (
        PlanWeek.objects.filter(version__project__campaign=campaign).count()
        == 10 * campaign.weeks_total
    )
    assert ProjectReport.objects.filter(project__campaign=campaign).count() == 10 * 15


def test_without_the_option_no_schedule_is_written():
    generate_load(projects=10, enterprises=5, weeks=3, today=RUNNING)
    assert not PlanWeek.objects.exists()


@time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
def test_the_command_writes_schedules_and_says_how_many():
    out = StringIO()
    args = ["--projects", "8", "--enterprises", "4", "--weeks", "15", "--schedules"]
    call_command("generate_load", *args, stdout=out)
    weeks = Campaign.objects.get().weeks_total
    assert PlanWeek.objects.count() == 12 * weeks
    assert f"进度计划 {12 * weeks} 周次" in out.getvalue()


@given(
    planned=st.decimals(min_value="0.01", max_value="99999999.99", places=2),
    shape=st.sampled_from(SHAPES),
    weeks=st.integers(min_value=1, max_value=20),
)
def test_spread_adds_up_to_the_cent_and_follows_the_weights(planned, shape, weeks):
    weights = [shape(week, weeks) for week in range(1, weeks + 1)]
    amounts = spread(planned, weights)
    assert sorted(amounts) == list(range(1, weeks + 1))
    assert sum(amounts.values()) == planned
    assert all(amount >= 0 for amount in amounts.values())
    assert all(amount == amount.quantize(Decimal("0.01")) for amount in amounts.values())
    running = Decimal(0)
    for week in range(1, weeks + 1):
        running += amounts[week]
        exact = planned * sum(weights[:week]) / sum(weights)
        assert abs(running - exact) <= Decimal("0.005")
