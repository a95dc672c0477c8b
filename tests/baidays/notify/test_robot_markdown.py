"""Issue 22 #2: an enterprise account must not post links and images into the leaders'
企业微信/钉钉 group. User text in a robot's markdown is escaped and kept on its line; the only
links are the portal's own (PORTAL_URL + path)."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from baidays.notify.models import Channel, ChannelKind, Message
from baidays.notify.outbox import deliver_pending
from baidays.notify.reminders import fire_due_occasions
from baidays.notify.text import one_line, robot_markdown
from tests import factories as f
from tests.baidays.notify.hostile_peers import OK, ScriptedRobot

PHISH = (
    "设备到货延迟 [点此查看督办详情](http://evil.example/phish) "
    "![x](http://evil.example/t.png)\n紧急"
)
PORTAL = "https://baidays.example.gov.cn"
LINK = re.compile(r"\[[^\]]*\]\(([^)]*)\)")


def _links(markdown):
    return LINK.findall(markdown)


@pytest.mark.django_db
def test_links_and_images_in_a_problem_title_never_reach_the_robots_markdown(
    settings, department, staff_user
):
    settings.PORTAL_URL = PORTAL
    settings.NOTIFY_QUIET_HOURS = (datetime.time(0), datetime.time(0))
    campaign = f.CampaignFactory(
        slug="md", start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 8, 8)
    )
    f.ProblemFactory(
        campaign=campaign,
        title=PHISH,
        responsible_department=department,
        raised_on=datetime.date(2026, 5, 2),
        due_date=datetime.date(2026, 5, 10),  # already overdue on the 14th
    )
    at = timezone.make_aware(datetime.datetime(2026, 5, 14, 9, 0))
    with (
        time_machine.travel(at, tick=False),
        ScriptedRobot([OK]) as wecom,
        ScriptedRobot([OK]) as dingtalk,
    ):
        Channel.objects.create(department=department, kind=ChannelKind.WECOM, target=wecom.url)
        Channel.objects.create(
            department=department, kind=ChannelKind.DINGTALK, target=dingtalk.url, secret="s"
        )
        fire_due_occasions(at)
        deliver_pending(at)
    texts = [r["json"]["markdown"]["content"] for r in wecom.requests] + [
        r["json"]["markdown"]["text"] for r in dingtalk.requests
    ]
    assert len(texts) == 2
    for text in texts:
        assert "设备到货延迟" in text
        assert _links(text) == []  # no portal link in this reminder, and none planted
        assert "](" not in text and "![" not in text and "http://evil" not in text
        (line,) = [line for line in text.split("\n") if "设备到货延迟" in line]
        assert "紧急" in line  # the planted newline is flattened
        assert not any(line.lstrip().startswith("#") for line in text.split("\n")[1:])
    inbox = Message.objects.get(recipient=staff_user).body
    assert "紧急" in next(line for line in inbox.split("\n") if "设备到货延迟" in line)


@hypothesis_settings(max_examples=200, deadline=None)
@given(user_text=st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_user_text_never_forms_a_link_image_or_heading_in_robot_markdown(user_text):
    from django.conf import settings

    settings.PORTAL_URL = PORTAL
    try:
        body = (
            f"- 督办问题：{one_line(user_text)}（2026年5月10日到期）\n"  # as composed
            f"督办单：{PORTAL}/supervision/3/?campaign=d"
        )
        markdown = robot_markdown(f"黄牌督办：{user_text}", body)
    finally:
        settings.PORTAL_URL = ""
    lines = markdown.split("\n")
    assert len(lines) == 3  # heading, the item, the link: user text added no line
    assert lines[0].startswith("### 黄牌督办：") and not lines[1].startswith("#")
    assert _links(markdown) == [f"{PORTAL}/supervision/3/?campaign=d"]
    assert "![" not in markdown and "<" not in markdown and "`" not in markdown
