"""A unit with more rows than a page of the batch form holds, in a real headless Chromium on a
desktop and at phone width: the clerk fills the week page by page, each save leading on to
the next page, and ends on 填报首页 with every row reported."""

import pytest

from baidays.weekly import views
from tests.baidays.phone import assert_usable
from tests.baidays.weekly.support import project_for, running_campaign
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def fill_page(page, rows):
    for index in range(rows):
        page.fill(f"#id_form-{index}-week_investment_wan", "5")
        page.fill(f"#id_form-{index}-percent_complete", "10")


@pytest.mark.parametrize("width", [1440, 375], ids=["desktop", "phone"])
def test_the_clerk_fills_the_week_page_by_page(page, staff_user, department, monkeypatch, width):
    monkeypatch.setattr(views, "BATCH_PAGE_ROWS", 2)
    page.set_viewport_size({"width": width, "height": 900})
    campaign = running_campaign()
    projects = [project_for(campaign, department, seq=n, name=f"{n}号路") for n in (1, 2, 3)]
    browser_login(page, "staff")
    page.click("text=填报第")
    page.wait_for_load_state("networkidle")
    assert "第 1–2 行，共 3 行" in page.inner_text("[data-testid=batch-pages]")
    assert page.locator(".batch-row").count() == 2
    assert_usable(page)

    fill_page(page, 2)
    page.click("button:has-text('保存本页并填写下一页')")
    page.wait_for_load_state("networkidle")
    assert "page=2" in page.url
    assert "周报已保存：新填报 2 项" in page.content()
    assert "第 3–3 行，共 3 行" in page.inner_text("[data-testid=batch-pages]")
    assert page.locator(".batch-row").count() == 1
    assert page.inner_text(".batch-row .badge.text-bg-light") == "3"
    assert_usable(page)

    fill_page(page, 1)
    page.click("button:has-text('保存本页')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/report/")
    for project in projects:
        assert "已填报" in page.inner_text(f"[data-item='project-{project.pk}']")
    assert page.console_errors == []
