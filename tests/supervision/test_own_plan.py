"""计划完成率 by the item's own schedule: written weeks, or linear over the item's own window;
the SQL expression and the Python twin give the same cents."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.own_plan import planned_to_date_cents, planned_to_date_cents_sql
from enterprises.models import CompetitionEntry
from projects.models import Project
from tests.factories import (
    CampaignFactory,
    CompetitionEntryFactory,
    ProjectFactory,
    written_schedule,
)

pytestmark = pytest.mark.django_db


def sql_cents(item, campaign, week):
    model = type(item)
    return (
        model.objects.filter(pk=item.pk)
        .annotate(due=planned_to_date_cents_sql(model, campaign, week))
        .get()
        .due
    )


def test_late_start_is_due_nothing_before_it_begins():
    campaign = CampaignFactory()
    project = ProjectFactory(
        campaign=campaign,
        planned_investment_wan=Decimal("100.00"),
        planned_start=datetime.date(2026, 6, 1),
        planned_finish=datetime.date(2026, 12, 31),
    )
    may_week = campaign.week_of(datetime.date(2026, 5, 29))
    assert planned_to_date_cents(project, campaign, may_week) == 0
    assert sql_cents(project, campaign, may_week) == 0
    # due in full by the campaign end, the earlier of the two ends of its window
    assert planned_to_date_cents(project, campaign, campaign.weeks_total) == 10000
    assert sql_cents(project, campaign, campaign.weeks_total) == 10000


def test_written_weeks_replace_the_linear_default():
    campaign = CampaignFactory()
    project = ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("90.00"))
    written_schedule(project, {1: Decimal("60"), 5: Decimal("30")})
    assert [planned_to_date_cents(project, campaign, week) for week in (1, 4, 5)] == [
        6000,
        6000,
        9000,
    ]
    assert [sql_cents(project, campaign, week) for week in (1, 4, 5)] == [6000, 6000, 9000]


def test_entries_spread_over_the_whole_campaign():
    campaign = CampaignFactory()
    entry = CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("112.00"))
    # 112 days, week 1 is one day (1 May is the report weekday)
    assert planned_to_date_cents(entry, campaign, 1) == 100
    assert sql_cents(entry, campaign, 1) == 100
    assert sql_cents(entry, campaign, 0) == 0


@settings(max_examples=40, deadline=None)
@given(
    planned=st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2),
    start=st.integers(min_value=-60, max_value=160),
    length=st.integers(min_value=0, max_value=200),
    week=st.integers(min_value=0, max_value=17),
)
def test_sql_and_python_agree(planned, start, length, week):
    campaign = CampaignFactory(slug="prop")
    first = campaign.start_date + datetime.timedelta(days=start)
    project = ProjectFactory(
        campaign=campaign,
        planned_investment_wan=planned,
        planned_start=first,
        planned_finish=first + datetime.timedelta(days=length),
    )
    entry = CompetitionEntryFactory(campaign=campaign, planned_investment_wan=planned)
    try:
        assert sql_cents(project, campaign, week) == planned_to_date_cents(project, campaign, week)
        assert sql_cents(entry, campaign, week) == planned_to_date_cents(entry, campaign, week)
    finally:
        Project.objects.filter(pk=project.pk).delete()
        CompetitionEntry.objects.filter(pk=entry.pk).delete()
