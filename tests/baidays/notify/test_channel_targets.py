"""Issue 22 #5: channel targets are checked once, in the model, for the admin form and the
`add_channel` command alike; robots are never asked to follow redirects; keys are masked in
the list and the 钉钉 secret is write-only."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from baidays.notify.models import Channel, ChannelKind, OutboxEntry, OutboxStatus
from baidays.notify.outbox import deliver_pending, queue
from tests.baidays.notify.hostile_peers import OK, ScriptedRobot
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
NOON = timezone.make_aware(datetime.datetime(2026, 5, 14, 12, 0))


@pytest.fixture(autouse=True)
def at_noon():
    with time_machine.travel(NOON, tick=False):
        yield


REFUSED_ROBOTS = [
    ("file:///etc/passwd", "只接受 http 和 https"),
    ("gopher://127.0.0.1:70/_x", "只接受 http 和 https"),
    ("http://127.0.0.1:5432/", "本机、内网或保留地址"),
    ("http://localhost:8000/robot", "本机、内网或保留地址"),
    ("http://169.254.169.254/latest/meta-data/", "本机、内网或保留地址"),
    ("http://10.1.2.3/robot", "本机、内网或保留地址"),
    ("http://192.168.1.1/robot", "本机、内网或保留地址"),
    ("http://[::1]:8000/robot", "本机、内网或保留地址"),
    ("http://[::ffff:127.0.0.1]/robot", "本机、内网或保留地址"),
    ("http://0.0.0.0/robot", "本机、内网或保留地址"),
    ("https://user:pw@qyapi.weixin.qq.com/x", "不含用户名和密码"),
    ("https://qyapi.weixin.qq.com/x\nHost: evil", "换行"),
]


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    settings.NOTIFY_ALLOWED_HOSTS = []


@pytest.mark.parametrize(("target", "why"), REFUSED_ROBOTS)
def test_the_admin_form_and_the_command_refuse_the_same_robot_targets(target, why, admin_client):
    unit = DepartmentFactory(name="园区电力办")
    response = admin_client.post(
        "/admin/notify/channel/add/",
        {"department": unit.pk, "kind": ChannelKind.WECOM, "target": target, "is_active": "on"},
    )
    assert response.status_code == 200
    assert why in response.content.decode()
    with pytest.raises(CommandError, match=why):
        call_command("add_channel", "--department=园区电力办", "--kind=wecom", f"--target={target}")
    assert not Channel.objects.exists()


@pytest.mark.parametrize("target", ["not-an-email", "a@", "a b@c.cn", "a@b.cn\nBcc: x@y.cn"])
def test_not_an_email_is_refused_by_the_form_and_the_command(target, admin_client):
    unit = DepartmentFactory(name="园区电力办")
    response = admin_client.post(
        "/admin/notify/channel/add/",
        {"department": unit.pk, "kind": ChannelKind.EMAIL, "target": target, "is_active": "on"},
    )
    assert response.status_code == 200 and "errornote" in response.content.decode()
    with pytest.raises(CommandError):
        call_command("add_channel", "--department=园区电力办", "--kind=email", f"--target={target}")
    assert not Channel.objects.exists()


def test_an_allowed_intranet_host_is_accepted(settings):
    settings.NOTIFY_ALLOWED_HOSTS = ["127.0.0.1"]
    DepartmentFactory(name="园区电力办")
    call_command(
        "add_channel",
        "--department=园区电力办",
        "--kind=wecom",
        "--target=http://127.0.0.1:9/robot?key=k",
        stdout=__import__("io").StringIO(),
    )
    assert Channel.objects.get().target == "http://127.0.0.1:9/robot?key=k"


def test_a_loopback_channel_saved_before_the_rule_is_refused_when_sending():
    with ScriptedRobot([OK]) as robot:
        channel = Channel.objects.create(
            department=DepartmentFactory(), kind=ChannelKind.WECOM, target=robot.url
        )
        entry = queue(channel=channel, key="k1", subject="催报", body="内容")
        assert deliver_pending(NOON) == (0, 1)
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.FAILED  # refused at once, not retried
    assert "本机、内网或保留地址" in entry.last_error
    assert robot.requests == []


def test_a_redirect_to_loopback_is_not_followed(settings):
    settings.NOTIFY_ALLOWED_HOSTS = ["127.0.0.1"]
    with ScriptedRobot([OK]) as inside:
        moved = (302, b"", {"Location": inside.url})
        with ScriptedRobot([moved]) as robot:
            channel = Channel.objects.create(
                department=DepartmentFactory(), kind=ChannelKind.WECOM, target=robot.url
            )
            entry = queue(channel=channel, key="k1", subject="催报", body="内容")
            deliver_pending(NOON)
    entry.refresh_from_db()
    assert len(robot.requests) == 1 and inside.requests == []
    assert entry.status == OutboxStatus.FAILED and "重定向" in entry.last_error


def test_webhook_keys_are_masked_in_the_list_and_the_dingtalk_secret_is_write_only(
    admin_client, settings
):
    unit = DepartmentFactory(name="园区电力办")
    channel = Channel.objects.create(
        department=unit,
        kind=ChannelKind.DINGTALK,
        target="https://oapi.dingtalk.com/robot/send?access_token=abcdef123456",
        secret="SECtopsecret987",
    )
    listing = admin_client.get("/admin/notify/channel/").content.decode()
    assert "access_token=abcd…" in listing and "abcdef123456" not in listing
    form = admin_client.get(f"/admin/notify/channel/{channel.pk}/change/").content.decode()
    assert "SECtopsecret987" not in form
    data = {
        "department": unit.pk,
        "kind": ChannelKind.DINGTALK,
        "target": channel.target,
        "secret": "",
        "is_active": "on",
    }
    settings.NOTIFY_ALLOWED_HOSTS = ["oapi.dingtalk.com"]  # no DNS in the test sandbox needed
    assert admin_client.post(f"/admin/notify/channel/{channel.pk}/change/", data).status_code == 302
    channel.refresh_from_db()
    assert channel.secret == "SECtopsecret987"  # left empty: kept
    data["secret"] = "SECnew"
    admin_client.post(f"/admin/notify/channel/{channel.pk}/change/", data)
    channel.refresh_from_db()
    assert channel.secret == "SECnew"


def test_only_a_dingtalk_channel_takes_a_secret():
    channel = Channel(
        department=DepartmentFactory(), kind=ChannelKind.EMAIL, target="a@b.cn", secret="x"
    )
    with pytest.raises(Exception, match="只有钉钉机器人使用加签密钥"):
        channel.full_clean()
    assert not OutboxEntry.objects.exists()
