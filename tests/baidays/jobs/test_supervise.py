"""督办 runs by itself: the periodic jobs run `supervise` once a day from SUPERVISE_HOUR for every
campaign in progress, however many workers tick."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from baidays.jobs.periodic import run_periodic_jobs
from baidays.jobs.supervise import run_daily_supervise
from baidays.notify.models import DailyJob, DailyJobRun
from supervision.choices import Cause, Level
from supervision.models import Supervision
from supervision.schedules.services import replace_schedule
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 15)  # report week 8 of a campaign from 2026-05-01


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def road(settings):
    settings.SUPERVISE_HOUR = 6
    campaign = f.CampaignFactory(slug="daily")
    project = f.ProjectFactory(campaign=campaign, name="纬二路道路工程")
    with time_machine.travel(at(datetime.date(2026, 5, 1), 9), tick=False):
        replace_schedule(item=project, weeks={1: project.planned_investment_wan})
    for week in range(1, 9):
        f.ProjectReportFactory(project=project, report_week=week, week_investment_wan=Decimal("1"))
    return project


def tick(moment):
    with time_machine.travel(moment, tick=False):
        return run_periodic_jobs(moment)


def test_before_the_hour_nothing_is_supervised(road):
    assert tick(at(DAY, 5, 59))["supervise"] == ""
    assert not Supervision.objects.exists()
    assert not DailyJobRun.objects.exists()


def test_the_first_tick_of_the_day_opens_the_red_items_card_and_says_so(road):
    result = tick(at(DAY, 6))["supervise"]
    ticket = Supervision.objects.get(cause=Cause.RED)
    assert ticket.opened_on == DAY and ticket.level_as_of(DAY) == Level.YELLOW
    assert "新开 1" in result and road.campaign.name in result
    run = DailyJobRun.objects.get(job=DailyJob.SUPERVISE, day=DAY)
    assert run.ok and run.finished_at is not None


def test_later_ticks_that_day_and_a_second_worker_do_not_run_it_again(road):
    tick(at(DAY, 6))
    assert tick(at(DAY, 6, 1))["supervise"] == ""
    assert run_daily_supervise(at(DAY, 23)) is None
    assert DailyJobRun.objects.filter(job=DailyJob.SUPERVISE).count() == 1
    assert Supervision.objects.count() == 1


def test_eight_days_later_the_days_run_escalates_the_card_to_red(road):
    tick(at(DAY, 6))
    later = DAY + datetime.timedelta(days=8)
    assert "升级红牌 1" in tick(at(later, 6))["supervise"]
    assert Supervision.objects.get(cause=Cause.RED).level_as_of(later) == Level.RED


def test_outside_any_campaign_the_run_says_there_was_none(road):
    after = road.campaign.end_date + datetime.timedelta(days=3)
    assert tick(at(after, 7))["supervise"] == "当天没有进行中的百日行动"
