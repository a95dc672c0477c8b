"""Issue 22 #3: the worker survives any exception of one job and a lost database connection
(it closes the connection, waits with backoff and reconnects), and records each failure in
后台任务状态 where the admin sees it."""

import datetime
import io
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.utils import timezone

from baidays.jobs import periodic as jobs
from baidays.jobs.management.commands import run_worker
from baidays.notify.models import Message, OccasionKind, ReminderOccasion, WorkerHealth
from tests import factories as f

THURSDAY_1605 = timezone.make_aware(datetime.datetime(2026, 5, 14, 16, 5))


@pytest.fixture
def missing_report(db, staff_user, department):
    campaign = f.CampaignFactory(
        slug="jobs", start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 8, 8)
    )
    f.ProjectFactory(campaign=campaign, responsible_department=department)
    return campaign


def _failing_first(times, error):
    real = jobs.fire_due_occasions
    calls = []

    def job(now=None):
        calls.append(now)
        if len(calls) <= times:
            raise error
        return real(now)

    return job, calls


@pytest.mark.django_db(transaction=True)  # the connection is really closed and reopened
def test_the_worker_survives_a_lost_database_connection_and_records_it(
    missing_report, staff_user, monkeypatch
):
    job, calls = _failing_first(2, OperationalError("server closed the connection unexpectedly"))
    steps = tuple((name, job if name == "reminders" else run) for name, run in jobs.STEPS)
    monkeypatch.setattr(jobs, "STEPS", steps)
    waits = []
    monkeypatch.setattr(run_worker, "wait_after", lambda lost, interval: waits.append(lost) or 0)
    err = io.StringIO()
    with time_machine.travel(THURSDAY_1605, tick=False):
        call_command("run_worker", "--runs=3", stdout=io.StringIO(), stderr=err)
    assert len(calls) == 3  # it went on after two failures
    assert waits == [1, 2]  # backoff grew while the database was lost
    assert "数据库连接已断开，稍后重连" in err.getvalue()
    assert ReminderOccasion.objects.filter(kind=OccasionKind.MISSING).count() == 1
    assert Message.objects.filter(recipient=staff_user, subject__startswith="催报").exists()
    health = WorkerHealth.objects.get(step="提醒")
    assert health.ok and health.last_error_at is not None
    assert "server closed the connection" in health.last_error


@pytest.mark.django_db(transaction=True)
def test_an_exception_in_one_step_is_recorded_and_the_other_steps_run(missing_report, monkeypatch):
    def broken(now=None):
        raise ValueError("坏数据\x00")

    steps = tuple((name, broken if name == "notices" else run) for name, run in jobs.STEPS)
    monkeypatch.setattr(jobs, "STEPS", steps)
    with time_machine.travel(THURSDAY_1605, tick=False):
        result = jobs.run_periodic_jobs()
    assert result["failed"] == ["督办通知"] and not result["database_lost"]
    assert result["occasions"] == 2  # the day's 8:30 and 16:00 reminders: the step after ran
    health = WorkerHealth.objects.get(step="督办通知")
    assert health.failures_in_a_row == 1 and "坏数据" in health.last_error
    assert "\x00" not in health.last_error


@pytest.mark.django_db
def test_worker_status_is_shown_in_the_admin(admin_client, missing_report):
    with time_machine.travel(THURSDAY_1605, tick=False):
        jobs.run_periodic_jobs()
    page = admin_client.get("/admin/notify/workerhealth/").content.decode()
    for label in ("每日督办", "提醒", "督办通知", "发送队列", "每日备份"):
        assert label in page


def test_backoff_after_a_lost_database_grows_to_five_minutes():
    assert [run_worker.wait_after(n, 60) for n in range(8)] == [60, 5, 10, 20, 40, 80, 160, 300]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real backend to terminate")
@pytest.mark.django_db(transaction=True)
def test_a_terminated_postgresql_connection_is_replaced_within_the_same_tick(missing_report):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()

    def terminate():
        with connections["default"].cursor() as cursor:  # this thread's own connection
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        connections.close_all()

    killer = threading.Thread(target=terminate)
    killer.start()
    killer.join()
    with time_machine.travel(THURSDAY_1605, tick=False):
        result = jobs.run_periodic_jobs()
    assert result["database_lost"] and result["failed"] == ["每日督办"]
    assert result["occasions"] == 2  # the next steps ran on a new connection
    assert WorkerHealth.objects.get(step="每日督办").failures_in_a_row == 1
