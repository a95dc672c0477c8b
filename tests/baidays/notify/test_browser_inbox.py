"""The inbox on a phone: a long message wraps inside the screen (no line cut off, no sideways
scroll) and 标为已读 is one line, a full 44 px button, that marks the message read."""

import pytest

from baidays.notify.models import Message
from tests.baidays.phone import assert_usable
from tests.baidays.weekly.support import running_campaign
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("width", [375, 1440], ids=["phone", "desktop"])
def test_a_long_message_wraps_and_mark_read_is_a_button(page, staff_user, width):
    page.set_viewport_size({"width": width, "height": 800})
    body = (
        "督办单 DB-2026-0001：纬二路道路工程及配套雨污管网改造提升项目投资完成率低于计划完成率"
        "超过十个百分点，请在答复期限内填写整改措施。"
        "/supervision/1/?campaign=demo&as_of=2026-06-01 " + "X" * 120
    )
    message = Message.objects.create(
        recipient=staff_user, subject="督办通知：" + "纬二路道路工程" * 6, body=body
    )
    running_campaign()  # the staff member lands on 本周填报, which needs a campaign
    browser_login(page, "staff")
    page.goto("/messages/")
    page.wait_for_load_state("networkidle")
    assert_usable(page)
    text = page.locator("[data-testid=message] .portal-message")
    assert text.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # wrapped, not cut
    button = page.locator("[data-testid=mark-read]")
    box = button.bounding_box()
    assert box["height"] >= 44 or width > 767  # the 44 px rule is the phone's
    line = button.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    assert box["height"] < 2 * line + 24  # one line of text, not four
    button.click()
    page.wait_for_load_state("networkidle")
    message.refresh_from_db()
    assert message.read_at is not None
    assert page.console_errors == []
