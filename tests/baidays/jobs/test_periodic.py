"""The periodic jobs on both set-ups: the embedded worker always, Celery's real worker (with
Redis as broker) when Redis answers on 127.0.0.1:6379."""

import datetime
import io
import socket

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from baidays.notify.models import Message, OccasionKind, ReminderOccasion
from tests import factories as f

THURSDAY_1605 = timezone.make_aware(datetime.datetime(2026, 5, 14, 16, 5))


def _redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def missing_report(db, staff_user, department):
    campaign = f.CampaignFactory(
        slug="jobs", start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 8, 8)
    )
    f.ProjectFactory(campaign=campaign, responsible_department=department)
    return campaign


@pytest.mark.django_db
def test_embedded_worker_fires_the_due_occasion_once(missing_report, staff_user):
    with time_machine.travel(THURSDAY_1605, tick=False):
        out = io.StringIO()
        call_command("run_worker", "--once", stdout=out)
        call_command("run_worker", "--once", stdout=io.StringIO())
    assert "后台任务已停止" in out.getvalue()
    assert ReminderOccasion.objects.filter(kind=OccasionKind.MISSING).count() == 1
    assert Message.objects.filter(recipient=staff_user, subject__startswith="催报").count() == 1


@pytest.mark.skipif(not _redis_answers(), reason="Redis 未在 127.0.0.1:6379 运行")
@pytest.mark.django_db(transaction=True)
def test_celery_worker_runs_the_jobs_through_redis_once_for_two_calls(
    missing_report, staff_user, settings
):
    from celery.contrib.testing.worker import start_worker

    from baidays.celery import app
    from baidays.jobs.tasks import periodic_jobs

    app.conf.broker_url = "redis://127.0.0.1:6379/15"
    app.conf.result_backend = "redis://127.0.0.1:6379/15"
    worker = start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10)
    with time_machine.travel(THURSDAY_1605, tick=True), worker:
        first = periodic_jobs.delay().get(timeout=30)
        second = periodic_jobs.delay().get(timeout=30)
    assert first["occasions"] >= 1
    assert second["occasions"] == 0
    assert Message.objects.filter(recipient=staff_user, subject__startswith="催报").count() == 1
