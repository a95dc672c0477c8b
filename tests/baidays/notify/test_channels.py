"""Each channel against a real peer: mail through aiosmtpd, robots through a local HTTP server
that records the request; payload shapes, the 钉钉 signature, splitting, the rate limit,
retries with backoff, resend and idempotence."""

import base64
import datetime
import email
import email.policy
import hashlib
import hmac
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from baidays.notify.channels import WECOM_MAX_BYTES, dingtalk_signed_url, split_utf8
from baidays.notify.models import Channel, ChannelKind, OutboxEntry, OutboxStatus
from baidays.notify.outbox import backoff, deliver_pending, queue, resend
from tests.baidays.notify.peers import RecordingRobot, smtp_server
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
NOON = timezone.make_aware(datetime.datetime(2026, 5, 14, 12, 0))


@pytest.fixture(autouse=True)
def at_noon():
    with time_machine.travel(NOON, tick=False):
        yield


def _channel(kind, target, secret=""):
    return Channel.objects.create(
        department=DepartmentFactory(name="园区建设科"), kind=kind, target=target, secret=secret
    )


def test_email_goes_through_a_real_smtp_server(settings):
    controller, box = smtp_server()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
        settings.EMAIL_USE_TLS = False
        channel = _channel(ChannelKind.EMAIL, "jianshe@example.gov.cn")
        queue(channel=channel, key="k1", subject="催报：第 7 周", body="- 项目：一号路")
        assert deliver_pending(NOON) == (1, 0)
    finally:
        controller.stop()
    assert len(box.messages) == 1
    assert box.messages[0].rcpt_tos == ["jianshe@example.gov.cn"]
    mail = email.message_from_bytes(box.messages[0].content, policy=email.policy.default)
    assert mail["Subject"] == "催报：第 7 周"
    assert "一号路" in mail.get_content()


def test_wecom_gets_markdown_and_long_texts_are_split_between_whole_items():
    with RecordingRobot() as robot:
        channel = _channel(ChannelKind.WECOM, robot.url)
        body = "\n".join(f"- 项目{n}：主体结构施工，本周未报" for n in range(400))
        queue(channel=channel, key="k1", subject="催报", body=body)
        parts = OutboxEntry.objects.count()
        assert parts > 1
        assert deliver_pending(NOON) == (parts, 0)
    assert len(robot.requests) == parts
    lines = []
    for number, request in enumerate(robot.requests, 1):
        content = request["json"]["markdown"]["content"]
        assert request["json"]["msgtype"] == "markdown"
        assert len(content.encode()) <= WECOM_MAX_BYTES
        assert request["query"]["access_token"] == "t"
        heading, *items = content.split("\n")
        assert heading == ("### 催报（1/%d）" if number == 1 else "### 催报（续 %d/%d）") % (
            (parts,) if number == 1 else (number, parts)
        )
        assert all(item.startswith("- 项目") and item.endswith("本周未报") for item in items)
        lines += items
    assert lines == body.split("\n")


def test_dingtalk_request_is_signed_with_timestamp_and_hmac_sha256():
    secret = "SEC0123456789abcdef"
    with RecordingRobot() as robot:
        channel = _channel(ChannelKind.DINGTALK, robot.url, secret=secret)
        queue(channel=channel, key="k1", subject="催报", body="- 项目：二号路")
        assert deliver_pending(NOON) == (1, 0)
    (request,) = robot.requests
    assert request["json"]["msgtype"] == "markdown"
    assert request["json"]["markdown"]["title"] == "催报"
    assert "二号路" in request["json"]["markdown"]["text"]
    timestamp = request["query"]["timestamp"]
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert request["query"]["sign"] == expected
    assert abs(int(timestamp) / 1000 - timezone.now().timestamp()) < 60


def test_dingtalk_sign_is_url_encoded():
    url = dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=x", "s", 1)
    assert url.startswith("https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1&sign=")
    assert "+" not in url.split("sign=")[1] and "/" not in url.split("sign=")[1]


def test_a_dingtalk_robot_gets_at_most_twenty_messages_a_minute():
    with RecordingRobot() as robot:
        channel = _channel(ChannelKind.DINGTALK, robot.url, secret="s")
        for n in range(25):
            queue(channel=channel, key=f"k{n}", subject=f"消息{n}", body="内容")
        deliver_pending(NOON)
        assert len(robot.requests) == 20
        assert OutboxEntry.objects.filter(status=OutboxStatus.PENDING).count() == 5
        deliver_pending(NOON + datetime.timedelta(seconds=61))
    assert len(robot.requests) == 25


def test_a_failing_robot_is_retried_with_exponential_backoff_and_logged():
    with RecordingRobot(fail_first=2) as robot:
        channel = _channel(ChannelKind.WECOM, robot.url)
        entry = queue(channel=channel, key="k1", subject="催报", body="内容")
        assert deliver_pending(NOON) == (0, 1)
        entry.refresh_from_db()
        assert entry.next_attempt_at == NOON + datetime.timedelta(seconds=backoff(1))
        assert "HTTP 500" in entry.last_error
        assert deliver_pending(NOON + datetime.timedelta(seconds=30)) == (0, 0)  # not due yet
        second = NOON + datetime.timedelta(seconds=60)
        assert deliver_pending(second) == (0, 1)
        entry.refresh_from_db()
        assert entry.next_attempt_at == second + datetime.timedelta(seconds=120)
        assert deliver_pending(second + datetime.timedelta(seconds=120)) == (1, 0)
    entry.refresh_from_db()
    assert (entry.status, entry.attempts) == (OutboxStatus.SENT, 3)
    assert [a.ok for a in entry.attempt_log.order_by("attempted_at")] == [False, False, True]
    assert all(a.error for a in entry.attempt_log.filter(ok=False))


def test_same_key_is_queued_once_and_a_sent_entry_is_not_sent_again():
    with RecordingRobot() as robot:
        channel = _channel(ChannelKind.WECOM, robot.url)
        assert queue(channel=channel, key="k1", subject="催报", body="内容") is not None
        assert queue(channel=channel, key="k1", subject="催报", body="内容") is None
        deliver_pending(NOON)
        deliver_pending(NOON + datetime.timedelta(hours=1))
        assert len(robot.requests) == 1
        assert resend(OutboxEntry.objects.all()) == 1
        deliver_pending(NOON)
    assert len(robot.requests) == 2


def test_quiet_hours_postpone_outside_deliveries(settings):
    settings.NOTIFY_QUIET_HOURS = (datetime.time(22), datetime.time(7))
    with RecordingRobot() as robot:
        channel = _channel(ChannelKind.WECOM, robot.url)
        entry = queue(channel=channel, key="k1", subject="催报", body="内容")
        late = timezone.make_aware(datetime.datetime(2026, 5, 14, 23, 30))
        assert deliver_pending(late) == (0, 1)
        entry.refresh_from_db()
        assert entry.next_attempt_at == timezone.make_aware(datetime.datetime(2026, 5, 15, 7))
        assert robot.requests == []
        deliver_pending(entry.next_attempt_at)
    assert len(robot.requests) == 1


@pytest.mark.parametrize("text", ["", "一" * 5000, "a\n" * 3000, "短文本\n" + "长" * 2000])
def test_split_keeps_every_character_within_the_limit(text):
    pieces = split_utf8(text, 1000)
    assert "".join(pieces) == text
    assert all(len(piece.encode()) <= 1000 for piece in pieces)


def test_add_channel_command():
    DepartmentFactory(name="园区电力办")
    out = io.StringIO()
    call_command(
        "add_channel",
        "--department=园区电力办",
        "--kind=dingtalk",
        "--target=https://oapi.dingtalk.com/robot/send?access_token=abc",
        "--secret=SECabc",
        stdout=out,
    )
    channel = Channel.objects.get()
    assert (channel.kind, channel.secret) == (ChannelKind.DINGTALK, "SECabc")
    assert "已添加" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有名为“不存在科”的单位"):
        call_command("add_channel", "--department=不存在科", "--kind=email", "--target=a@b.cn")
    with pytest.raises(CommandError, match="不是电子邮件地址"):
        call_command("add_channel", "--department=园区电力办", "--kind=email", "--target=abc")
