"""计划完成率 by the item's own schedule: written weeks, or linear over the item's own window;
the SQL expression and the Python twin give the same cents, as of any day by the version of the
schedule then in effect."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from core.own_plan import planned_to_date_cents, planned_to_date_cents_sql
from enterprises.models import CompetitionEntry
from projects.models import Project
from supervision.schedules.services import replace_schedule
from tests.factories import (
    CampaignFactory,
    CompetitionEntryFactory,
    ProjectFactory,
    written_schedule,
)

pytestmark = pytest.mark.django_db


def sql_cents(item, campaign, week, as_of=None):
    model = type(item)
    return (
        model.objects.filter(pk=item.pk)
        .annotate(due=planned_to_date_cents_sql(model, campaign, week, as_of))
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


def at_noon(day):
    return datetime.datetime.combine(day, datetime.time(4), tzinfo=datetime.UTC)  # 12:00 北京


def written_on(item, day, weeks):
    with time_machine.travel(at_noon(day), tick=False):
        replace_schedule(item=item, weeks=weeks)


def test_the_lag_as_of_a_day_uses_the_schedule_then_in_effect():
    campaign = CampaignFactory()
    project = ProjectFactory(
        campaign=campaign,
        planned_investment_wan=Decimal("100.00"),
        planned_start=campaign.start_date,
        planned_finish=campaign.end_date,
    )
    linear = planned_to_date_cents(project, campaign, 6, plan_weeks={})
    written_on(project, datetime.date(2026, 6, 10), {1: Decimal("100")})
    for as_of, due in [
        (datetime.date(2026, 6, 5), linear),  # before any schedule: the linear default
        (datetime.date(2026, 6, 9), linear),
        (datetime.date(2026, 6, 10), 10000),  # written that day: in effect by its end
        (None, 10000),
    ]:
        assert planned_to_date_cents(project, campaign, 6, as_of=as_of) == due, as_of
        assert sql_cents(project, campaign, 6, as_of) == due, as_of
    written_on(project, datetime.date(2026, 6, 20), {})  # cleared: linear again from then
    assert sql_cents(project, campaign, 6, datetime.date(2026, 6, 15)) == 10000
    assert sql_cents(project, campaign, 6, datetime.date(2026, 6, 20)) == linear


def test_a_version_never_starts_before_the_one_it_replaces():
    campaign = CampaignFactory()
    project = ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100.00"))
    written_on(project, datetime.date(2026, 6, 10), {1: Decimal("100")})
    written_on(project, datetime.date(2026, 6, 1), {2: Decimal("100")})  # the clock stepped back
    versions = list(project.schedule_versions.order_by("pk"))
    assert versions[0].superseded_at == versions[1].effective_from == versions[0].effective_from
    # the first one's interval is empty: as of 6月10日 the second one is in effect
    june_10 = datetime.date(2026, 6, 10)
    assert planned_to_date_cents(project, campaign, 1, as_of=june_10) == 0
    assert sql_cents(project, campaign, 2, june_10) == 10000
    assert planned_to_date_cents(project, campaign, 2, as_of=june_10) == 10000


@settings(max_examples=30, deadline=None)
@given(
    writes=st.lists(
        st.tuples(
            st.integers(min_value=-5, max_value=115),
            st.one_of(st.none(), st.tuples(st.integers(1, 17), st.integers(1, 17))),
        ),
        max_size=5,
    ),
    as_of=st.one_of(st.none(), st.integers(min_value=-5, max_value=120)),
    week=st.integers(min_value=0, max_value=17),
)
def test_sql_and_python_agree_on_the_version_in_effect(writes, as_of, week):
    """Schedules written, replaced and cleared on random days: as of any day both twins give
    the figure of the last schedule written by the end of that day (linear before any)."""
    campaign = CampaignFactory(slug="versions")
    items = [
        ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100.00")),
        CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("100.00")),
    ]
    day = None if as_of is None else campaign.start_date + datetime.timedelta(days=as_of)
    try:
        for offset, weeks in sorted(writes, key=lambda write: write[0]):
            written = campaign.start_date + datetime.timedelta(days=offset)
            amounts = {} if weeks is None else {weeks[0]: Decimal("40")}
            if weeks is not None:
                amounts[weeks[1]] = amounts.get(weeks[1], Decimal(0)) + Decimal("60")
            for item in items:
                written_on(item, written, amounts)
        in_effect = [
            weeks
            for offset, weeks in sorted(writes, key=lambda write: write[0])
            if day is None or campaign.start_date + datetime.timedelta(days=offset) <= day
        ]
        for item in items:
            python = planned_to_date_cents(item, campaign, week, as_of=day)
            assert sql_cents(item, campaign, week, day) == python
            if in_effect and in_effect[-1] is not None and week >= 1:
                first, second = in_effect[-1]
                assert python == 4000 * (first <= week) + 6000 * (second <= week)
            else:
                assert python == planned_to_date_cents(item, campaign, week, plan_weeks={})
    finally:
        Project.objects.filter(pk=items[0].pk).delete()
        CompetitionEntry.objects.filter(pk=items[1].pk).delete()
