"""Factories of the 进度计划 (supervision.schedules): versions, their weeks, nodes; and a
schedule written before the campaign began, in effect on every day of it."""

import datetime
from decimal import Decimal

import factory
import time_machine

from tests.factories import ProjectFactory


class ScheduleVersionFactory(factory.django.DjangoModelFactory):
    """A current version of a project's 进度计划 (add its weeks with PlanWeekFactory)."""

    class Meta:
        model = "schedules.ScheduleVersion"

    project = factory.SubFactory(ProjectFactory)
    source = "page"


class PlanWeekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "schedules.PlanWeek"

    version = factory.SubFactory(ScheduleVersionFactory)
    week = 1
    planned_wan = Decimal("10.00")


class ScheduleNodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "schedules.ScheduleNode"

    project = factory.SubFactory(ProjectFactory)
    text = "完成路基"
    planned_on = factory.LazyAttribute(lambda o: o.project.campaign.start_date)


def written_schedule(item, weeks, **kwargs):
    """A 进度计划 written at noon the day before the item's campaign began, so it is in effect
    on every day of the campaign (one written today would count only from today on)."""
    from supervision.schedules.services import replace_schedule

    before = item.campaign.start_date - datetime.timedelta(days=1)
    noon = datetime.datetime.combine(before, datetime.time(4), tzinfo=datetime.UTC)
    with time_machine.travel(noon, tick=False):
        return replace_schedule(item=item, weeks=weeks, **kwargs)


def due_by_week_8(item, due="41.07"):
    """A written 进度计划 that has `due` of a 100.00 万元 plan due from week 1 and the rest in
    the last week: through weeks 1–16 its 计划完成率 is `due` % (time progress on 2026-06-15)."""
    written_schedule(item, {1: Decimal(due), 17: item.planned_investment_wan - Decimal(due)})
