"""Issue 22 #9 and issue 19: each part of a long robot message is its own delivery, split
between whole items; a part delivered is never sent again; an outcome that cannot be known
(sent, no answer; a worker killed while sending) is not retried automatically but marked
结果未知 for the admin."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from baidays.notify import outbox
from baidays.notify.channels import WECOM_MAX_BYTES
from baidays.notify.models import Channel, ChannelKind, OutboxEntry, OutboxStatus
from baidays.notify.outbox import deliver_pending, queue
from tests.baidays.notify.hostile_peers import OK, DroppingSMTP, RawServer, ScriptedRobot
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
NOON = timezone.make_aware(datetime.datetime(2026, 5, 14, 12, 0))


@pytest.fixture(autouse=True)
def at_noon():
    with time_machine.travel(NOON, tick=False):
        yield


RATE_LIMITED = (200, json.dumps({"errcode": 45009, "errmsg": "api freq out of limit"}).encode(), {})


@pytest.fixture(autouse=True)
def no_quiet_hours(settings):
    settings.NOTIFY_QUIET_HOURS = (datetime.time(0), datetime.time(0))
    settings.NOTIFY_DEADLINE_SECONDS = 2


def _wecom(robot):
    return Channel.objects.create(
        department=DepartmentFactory(), kind=ChannelKind.WECOM, target=robot.url
    )


def _notice_body(count):
    blocks = [
        f"【黄牌】督办单 2026-{n:05d}：纬{n}路道路工程\n督办原因：投资完成率严重滞后于计划（红色）"
        f"\n责任单位：园区建设科\n答复期限：2026年6月18日\n督办单：/supervision/{n}/?campaign=d"
        for n in range(count)
    ]
    return "以下事项已发出黄牌督办单，请按期答复：\n\n" + "\n\n".join(blocks)


def test_a_two_part_wecom_message_to_a_rate_limited_robot_sends_part_one_once():
    body = _notice_body(40)
    with ScriptedRobot([OK, RATE_LIMITED, OK]) as robot:
        queue(channel=_wecom(robot), key="k1", subject="黄牌督办：纬0路等 40 项", body=body)
        parts = OutboxEntry.objects.order_by("part")
        assert parts.count() >= 2
        deliver_pending(NOON)  # part 1 sent; part 2 refused (rate limit)
        later = NOON + datetime.timedelta(minutes=5)
        deliver_pending(later)
        deliver_pending(later + datetime.timedelta(minutes=5))
    contents = [r["json"]["markdown"]["content"] for r in robot.requests]
    first_part = contents[0]
    assert contents.count(first_part) == 1  # never re-sent
    assert {e.status for e in parts} == {OutboxStatus.SENT}
    assert len({e.idempotency_key for e in parts}) == parts.count()


def test_a_wecom_message_split_at_4096_bytes_splits_between_whole_supervisions():
    body = _notice_body(40)
    with ScriptedRobot([OK]) as robot:
        queue(channel=_wecom(robot), key="k1", subject="黄牌督办：纬0路等 40 项", body=body)
        deliver_pending(NOON)
    contents = [r["json"]["markdown"]["content"] for r in robot.requests]
    count = len(contents)
    assert count >= 2
    seen = []
    for number, content in enumerate(contents, 1):
        assert len(content.encode()) <= WECOM_MAX_BYTES
        heading, rest = content.split("\n", 1)
        label = f"（{number}/{count}）" if number == 1 else f"（续 {number}/{count}）"
        assert heading == f"### 黄牌督办：纬0路等 40 项{label}"
        blocks = rest.split("\n\n")
        if number == 1:
            assert blocks.pop(0).startswith("以下事项已发出黄牌督办单")
        for block in blocks:  # every 督办单 whole: from its first line to its link
            assert block.startswith("【黄牌】督办单 ") and block.split("\n")[-1].startswith(
                "督办单："
            )
            seen.append(block.split("\n")[0])
    assert len(seen) == 40


def test_a_robot_answering_after_the_deadline_gets_one_copy_and_the_entry_is_of_unknown_outcome():
    with ScriptedRobot([OK], delay=3) as robot:
        entry = queue(channel=_wecom(robot), key="k1", subject="催报", body="内容")
        assert deliver_pending(NOON) == (0, 1)
        for minutes in (1, 2, 4, 8, 16, 60):
            deliver_pending(NOON + datetime.timedelta(minutes=minutes))
    entry.refresh_from_db()
    assert len(robot.requests) == 1
    assert entry.status == OutboxStatus.UNKNOWN and entry.attempts == 1
    assert "结果未知" in entry.last_error and "手工重新发送" in entry.last_error


def test_a_worker_killed_after_the_robot_received_the_post_never_sends_a_second_copy():
    with ScriptedRobot([OK]) as robot:
        entry = queue(channel=_wecom(robot), key="k1", subject="催报", body="内容")
        claimed = outbox._claim(NOON)  # the worker claimed it, posted... and was killed -9
        assert claimed.status == OutboxStatus.SENDING
        for minutes in (1, 5, 30, 120):
            deliver_pending(NOON + datetime.timedelta(minutes=minutes))
    entry.refresh_from_db()
    assert robot.requests == []
    assert entry.status == OutboxStatus.UNKNOWN
    assert "发送过程中断" in entry.last_error


def test_an_smtp_server_that_drops_after_accepting_gets_one_mail(settings):
    smtp = DroppingSMTP()
    with RawServer(smtp) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        channel = Channel.objects.create(
            department=DepartmentFactory(), kind=ChannelKind.EMAIL, target="a@example.gov.cn"
        )
        entry = queue(channel=channel, key="k1", subject="催报", body="内容")
        for minutes in (0, 1, 2, 4, 8, 16, 32):
            deliver_pending(NOON + datetime.timedelta(minutes=minutes))
    entry.refresh_from_db()
    assert smtp.mails == 1
    assert entry.status == OutboxStatus.UNKNOWN


def test_resending_the_selected_messages_requeues_them(admin_client, settings):
    settings.NOTIFY_QUIET_HOURS = (datetime.time(22), datetime.time(7))
    with ScriptedRobot([OK]) as robot:
        channel = _wecom(robot)
        waiting = queue(channel=channel, key="k1", subject="一", body="内容")
        failed = queue(channel=channel, key="k2", subject="二", body="内容")
        OutboxEntry.objects.filter(pk=failed.pk).update(
            status=OutboxStatus.FAILED, attempts=6, last_error="x"
        )
        deliver_pending(timezone.make_aware(datetime.datetime(2026, 5, 14, 23, 0)))
        changelist = admin_client.get("/admin/notify/outboxentry/").content.decode()
        assert "免打扰时段（22:00–07:00），07:00 后发送" in changelist
        response = admin_client.post(
            "/admin/notify/outboxentry/",
            {"action": "resend_selected", "_selected_action": [waiting.pk, failed.pk]},
            follow=True,
        )
    assert "已重新排队 2 条" in response.content.decode()
    statuses = OutboxEntry.objects.values_list("status", "attempts")
    assert set(statuses) == {(OutboxStatus.PENDING, 0)}
