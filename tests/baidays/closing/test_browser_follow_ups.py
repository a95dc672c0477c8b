"""A unit's clerk follows up a 回头看 row from a phone (375 px) and a desktop (1440 px) in a real
headless Chromium: the menu's 回头看 entry opens the list, the clerk fills in 办结日期 and 整改情况
and 办结 the row, and the list shows it done. Every control the clerk uses, the menu entry too,
lies inside the screen and is at least 44 px on a phone."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.baidays.phone import layout_problems, usable_problems
from tests.baidays.weekly.support import running_campaign
from tests.conftest import browser_login, open_phone_menu

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
PHONE = 375
MENU_ENTRY_SIZE = """() => {
  const r = document.querySelector('[data-testid=nav-lookback]').getBoundingClientRect();
  return [r.left, r.right, r.width, r.height, document.documentElement.clientWidth];
}"""


@pytest.mark.parametrize("width", [PHONE, 1440])
def test_a_clerk_completes_a_follow_up_from_the_menu(page, width, staff_user, department):
    campaign = running_campaign()
    today = timezone.localdate()
    follow_up = f.FollowUpFactory(
        campaign=campaign,
        responsible_department=department,
        finding="问题未解决：用地指标未落实",
        found_on=today - datetime.timedelta(days=9),
    )
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, "staff")
    if width == PHONE:
        open_phone_menu(page)
        page.wait_for_selector("[data-testid=nav-lookback]", state="visible")
        left, right, box_width, box_height, screen = page.evaluate(MENU_ENTRY_SIZE)
        assert left >= 0 and right <= screen + 1
        assert min(box_width, box_height) >= 44
    page.click("[data-testid=nav-lookback]")
    page.wait_for_selector("[data-testid=follow-up]")
    row = page.locator(f"#follow-up-{follow_up.pk}")
    assert "问题未解决：用地指标未落实" in row.inner_text() and "逾期" in row.inner_text()
    assert layout_problems(page) == []
    if width == PHONE:
        assert usable_problems(page) == []
    row.locator("textarea[name=result]").fill("已协调国土部门落实用地指标")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    assert "整改事项已办结" in page.inner_text(".alert-success")
    row = page.locator(f"#follow-up-{follow_up.pk}")
    assert f"已办结 {today.month}月{today.day}日" in row.inner_text()
    assert "已协调国土部门落实用地指标" in row.inner_text()
    assert page.console_errors == []
