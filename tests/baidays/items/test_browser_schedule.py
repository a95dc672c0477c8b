"""The 进度计划 editor in a real headless Chromium at a phone's 375 px: the staff member opens
it, types the weeks (the running total says when they add up), saves, adds a node, and reads
the history; nothing sticks out of the screen and no script fails."""

from decimal import Decimal

import pytest

from core.own_plan import plan_weeks_of
from supervision.schedules.models import ScheduleNode
from tests.baidays.phone import LAYOUT_PROBLEMS
from tests.baidays.weekly.support import project_for, running_campaign
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_staff_edit_the_schedule_on_a_phone(page, staff_user, department):
    page.set_viewport_size({"width": 375, "height": 800})
    campaign = running_campaign()
    project = project_for(campaign, department, name="纬二路道路工程")
    browser_login(page, "staff")
    page.goto(f"/projects/{project.pk}/")
    page.click("[data-testid=schedule-editor] summary")
    page.click("#schedule details summary >> text=每周计划投资")
    assert page.evaluate(LAYOUT_PROBLEMS) == []

    for week in range(1, campaign.weeks_total + 1):
        page.fill(f"#id_weeks-{week - 1}-planned_wan", "")
    page.fill("#id_weeks-0-planned_wan", "60")
    page.fill("#id_weeks-1-planned_wan", "30")
    total = page.locator("[data-schedule-total]")
    assert total.inner_text() == "90.00" and "text-danger" in total.get_attribute("class")
    page.fill("#id_weeks-1-planned_wan", "40")
    assert total.inner_text() == "100.00" and "text-success" in total.get_attribute("class")
    page.click("button[name=action][value=save]")
    page.wait_for_load_state("load")
    assert "进度计划已保存" in page.content()
    assert plan_weeks_of(project) == {1: Decimal("60.00"), 2: Decimal("40.00")}

    page.click("[data-testid=node-editor] summary")
    page.fill("#id_nodes-0-text", "完成路基及雨污管网")
    page.fill("#id_nodes-0-planned_on", campaign.start_date.isoformat())
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    page.click("button:has-text('保存节点')")
    page.wait_for_load_state("load")
    assert ScheduleNode.objects.get(project=project).text == "完成路基及雨污管网"
    history = page.inner_text("#schedule .item-history")
    assert "进度计划（页面填写）" in history and "创建形象进度节点" in history
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    assert page.console_errors == []
