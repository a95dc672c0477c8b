"""Issue 22, High #1: one bad outbox entry must not stop every outside notification and the
daily backup. Each attack of the report against real peers (aiosmtpd, a local robot)."""

import datetime
import email
import email.policy

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from baidays.jobs.periodic import run_periodic_jobs
from baidays.notify import outbox
from baidays.notify.models import (
    Channel,
    ChannelKind,
    DailyJob,
    DailyJobRun,
    OutboxEntry,
    OutboxStatus,
    WorkerHealth,
)
from baidays.notify.outbox import deliver_pending, queue
from tests.baidays.notify.hostile_peers import OK, ScriptedRobot
from tests.baidays.notify.peers import smtp_server
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
NOON = timezone.make_aware(datetime.datetime(2026, 5, 14, 12, 0))
PLANTED_SUBJECT = "项目用电 \r\nBcc: everyone@evil.example"


@pytest.fixture(autouse=True)
def at_noon():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def mail_server(settings):
    controller, box = smtp_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = False
    yield box
    controller.stop()


def _unit():
    return DepartmentFactory(name="园区建设科")


def test_crlf_in_a_problem_title_never_reaches_a_mail_header(mail_server):
    channel = Channel.objects.create(
        department=_unit(), kind=ChannelKind.EMAIL, target="jianshe@example.gov.cn"
    )
    queue(channel=channel, key="k1", subject=PLANTED_SUBJECT, body="诉求：设备到货延迟")
    assert deliver_pending(NOON) == (1, 0)
    (received,) = mail_server.messages
    assert received.rcpt_tos == ["jianshe@example.gov.cn"]
    mail = email.message_from_bytes(received.content, policy=email.policy.default)
    assert mail["Bcc"] is None
    assert mail["Subject"] == "项目用电 Bcc: everyone@evil.example"


def test_an_email_channel_target_with_a_newline_is_refused_at_the_model():
    channel = Channel(
        department=_unit(), kind=ChannelKind.EMAIL, target="a@example.gov.cn\nBcc: x@evil.example"
    )
    with pytest.raises(ValidationError) as refused:
        channel.full_clean()
    assert "换行" in str(refused.value.message_dict["target"])


def test_an_old_email_channel_with_a_newline_fails_alone_and_the_queue_moves_on(mail_server):
    unit = _unit()
    bad = Channel.objects.create(department=unit, kind=ChannelKind.EMAIL, target="a@b.cn\nBcc: x@y")
    good = Channel.objects.create(department=unit, kind=ChannelKind.EMAIL, target="ok@b.cn")
    queue(channel=bad, key="first", subject="催报", body="内容")
    queue(channel=good, key="second", subject="催报", body="内容")
    assert deliver_pending(NOON) == (1, 1)
    failed = OutboxEntry.objects.get(idempotency_key="first")
    assert failed.status == OutboxStatus.FAILED
    assert "换行" in failed.last_error
    assert [m.rcpt_tos for m in mail_server.messages] == [["ok@b.cn"]]


def test_a_nul_byte_in_a_robot_answer_is_stored_as_a_bounded_printable_error():
    answer = b"\x00\x01<html>" + b"x" * 5000
    with ScriptedRobot([(200, answer, {}), OK]) as robot:
        channel = Channel.objects.create(
            department=_unit(), kind=ChannelKind.WECOM, target=robot.url
        )
        entry = queue(channel=channel, key="k1", subject="催报", body="内容")
        assert deliver_pending(NOON) == (0, 1)
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.PENDING  # refused: tried again later
    assert "\x00" not in entry.last_error and "\x01" not in entry.last_error
    assert len(entry.last_error) <= 500
    assert "无法识别" in entry.last_error
    attempt = entry.attempt_log.get()
    assert "\x00" not in attempt.error and len(attempt.error) <= 500


def test_any_exception_of_one_entry_marks_it_failed_and_the_queue_moves_on(monkeypatch):
    real_send = outbox.send_entry

    def send_or_explode(entry):
        if entry.idempotency_key == "bad":
            raise KeyError("意外的错误\x00")
        real_send(entry)

    monkeypatch.setattr(outbox, "send_entry", send_or_explode)
    with ScriptedRobot([OK]) as robot:
        channel = Channel.objects.create(
            department=_unit(), kind=ChannelKind.WECOM, target=robot.url
        )
        queue(channel=channel, key="bad", subject="一", body="内容")
        queue(channel=channel, key="good", subject="二", body="内容")
        assert deliver_pending(NOON) == (1, 1)
        assert deliver_pending(NOON + datetime.timedelta(hours=1)) == (0, 0)
    bad = OutboxEntry.objects.get(idempotency_key="bad")
    assert bad.status == OutboxStatus.FAILED
    assert bad.last_error.startswith("程序错误（KeyError）") and "\x00" not in bad.last_error
    assert OutboxEntry.objects.get(idempotency_key="good").status == OutboxStatus.SENT
    assert len(robot.requests) == 1


@pytest.mark.django_db(transaction=True)  # the backup reads the committed database
def test_the_daily_backup_runs_when_delivery_raises(monkeypatch, settings, tmp_path):
    settings.BACKUP_DIR, settings.BACKUP_HOUR = str(tmp_path), 2
    settings.MEDIA_ROOT = str(tmp_path / "media")

    def broken_delivery(now=None):
        raise RuntimeError("发送队列坏了")

    monkeypatch.setattr("baidays.jobs.periodic.STEPS", _with("outbox", broken_delivery))
    result = run_periodic_jobs(NOON)
    assert result["failed"] == ["发送队列"]
    run = DailyJobRun.objects.get(job=DailyJob.BACKUP)
    assert run.ok is True and list(tmp_path.glob("baidays-*.tar.gz"))
    health = WorkerHealth.objects.get(step="发送队列")
    assert (health.ok, health.failures_in_a_row) == (False, 1)
    assert "发送队列坏了" in health.last_error
    assert WorkerHealth.objects.get(step="每日备份").ok


def _with(step, job):
    from baidays.jobs.periodic import STEPS

    return tuple((name, job if name == step else original) for name, original in STEPS)
