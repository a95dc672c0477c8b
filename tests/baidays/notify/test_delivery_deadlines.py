"""Issue 22 #6: every network call has a total deadline and no database transaction is open
across it. A mail server that accepts and never speaks, and a robot that answers one byte at a
time inside the per-socket timeout, cannot hold the outbox longer than NOTIFY_DEADLINE_SECONDS."""

import datetime
import os

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from baidays.notify import channels
from baidays.notify.models import Channel, ChannelKind, OutboxEntry, OutboxStatus
from baidays.notify.outbox import deliver_pending, queue
from tests.baidays.notify.hostile_peers import OK, RawServer, ScriptedRobot, silent, trickling_http
from tests.factories import DepartmentFactory

NOON = timezone.make_aware(datetime.datetime(2026, 5, 14, 12, 0))


@pytest.fixture(autouse=True)
def at_noon():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture(autouse=True)
def short_deadlines(settings):
    settings.NOTIFY_DEADLINE_SECONDS = 2
    settings.EMAIL_TIMEOUT = 1
    settings.NOTIFY_QUIET_HOURS = (datetime.time(0), datetime.time(0))


@pytest.mark.django_db
def test_an_smtp_server_that_accepts_and_never_answers_is_cut_at_the_deadline(settings):
    with RawServer(silent) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        channel = Channel.objects.create(
            department=DepartmentFactory(), kind=ChannelKind.EMAIL, target="a@example.gov.cn"
        )
        entry = queue(channel=channel, key="k1", subject="催报", body="内容")
        assert deliver_pending(NOON) == (0, 1)
    entry.refresh_from_db()
    # never got as far as the message: surely not delivered, so tried again later
    assert entry.status == OutboxStatus.PENDING
    assert "连接邮件服务器失败" in entry.last_error
    assert "超时" in entry.last_error or "timed out" in entry.last_error


def _under_faketime():
    """CI's faketime pass (libfaketime preloaded): timed waits of threads do not end there,
    so the total deadline's timer cannot be watched; only the per-read timeout cuts the peer."""
    return "faketime" in os.environ.get("LD_PRELOAD", "") or "FAKETIME" in os.environ


@pytest.mark.django_db
def test_a_webhook_peer_trickling_one_byte_at_a_time_is_cut_at_the_total_deadline():
    if _under_faketime():
        pytest.skip("时钟被冻结（faketime）时无法计量总时限")
    with RawServer(trickling_http) as server:
        channel = Channel.objects.create(
            department=DepartmentFactory(),
            kind=ChannelKind.WECOM,
            target=f"http://127.0.0.1:{server.port}/send?key=k",
        )
        entry = queue(channel=channel, key="k1", subject="催报", body="内容")
        deliver_pending(NOON)
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.UNKNOWN
    assert "超过总时限 2 秒" in entry.last_error


@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_open_while_a_robot_is_called(monkeypatch):
    seen = []
    real_post = channels.post_json

    def watching_post(url, payload, **kwargs):
        status = OutboxEntry.objects.values_list("status", flat=True).get()
        seen.append((connection.in_atomic_block, status))
        return real_post(url, payload, **kwargs)

    monkeypatch.setattr(channels, "post_json", watching_post)
    with ScriptedRobot([OK]) as robot:
        channel = Channel.objects.create(
            department=DepartmentFactory(), kind=ChannelKind.WECOM, target=robot.url
        )
        queue(channel=channel, key="k1", subject="催报", body="内容")
        assert deliver_pending(NOON) == (1, 0)
    # the claim was committed before the call: another worker sees it as 发送中
    assert seen == [(False, OutboxStatus.SENDING)]
