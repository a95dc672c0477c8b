"""Issue 22 #11: the daily 督办 job's record never stays ok=None; a failed day is recorded with
its error and tried again; a clock stepping back runs without error."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from baidays.jobs import supervise as daily_supervise
from baidays.jobs.supervise import run_daily_supervise
from baidays.notify.models import DailyJob, DailyJobRun
from supervision.models import Supervision
from tests.factories import CampaignFactory, ProjectFactory, ProjectReportFactory, written_schedule

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def behind(settings):
    settings.SUPERVISE_HOUR = 6
    campaign = CampaignFactory(slug="retry")
    project = ProjectFactory(campaign=campaign)
    written_schedule(project, {1: Decimal("100")})
    for week in range(1, 9):
        ProjectReportFactory(project=project, report_week=week, week_investment_wan=Decimal("5"))
    return project


def test_a_failed_day_is_recorded_and_retried_never_left_open(behind, monkeypatch):
    day = datetime.date(2026, 6, 15)
    real = daily_supervise.supervise
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise RuntimeError("数据库忙")
        return real(**kwargs)

    monkeypatch.setattr(daily_supervise, "supervise", flaky)
    with pytest.raises(RuntimeError):
        run_daily_supervise(at(day, 6, 0))
    run = DailyJobRun.objects.get(job=DailyJob.SUPERVISE, day=day)
    assert run.ok is False and "数据库忙" in run.result and run.finished_at is not None
    assert run_daily_supervise(at(day, 6, 5)) is None  # not before RETRY_AFTER
    retried = run_daily_supervise(at(day, 6, 20))
    assert retried.ok is True and "新开 1" in retried.result
    assert DailyJobRun.objects.filter(job=DailyJob.SUPERVISE).count() == 1
    assert run_daily_supervise(at(day, 7, 0)) is None  # done for the day


def test_a_run_left_unfinished_by_a_dead_worker_is_taken_over(behind):
    day = datetime.date(2026, 6, 15)
    DailyJobRun.objects.create(job=DailyJob.SUPERVISE, day=day, started_at=at(day, 6, 0))
    assert run_daily_supervise(at(day, 6, 10)) is None  # may still be running
    run = run_daily_supervise(at(day, 6, 40))
    assert run.ok is True


def test_the_clock_stepping_back_a_day_runs_without_error(behind):
    today = datetime.date(2026, 6, 15)
    assert run_daily_supervise(at(today, 6, 0)).ok
    yesterday = today - datetime.timedelta(days=1)
    run = run_daily_supervise(at(yesterday, 6, 0))  # the clock stepped back
    assert run.ok is True and "新开 0" in run.result
    assert Supervision.objects.filter(closed_on__isnull=True).count() == 1
