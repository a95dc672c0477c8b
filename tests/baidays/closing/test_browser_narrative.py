"""The office writes the briefing's narrative and a leader 签发 it, in a real headless Chromium
at a phone's 375 px and a desktop's 1440 px: the briefing shows 本期尚未撰写, the office opens
简报文字, writes 工作动态、存在问题、下步工作 and saves, the briefing shows them (and on paper, its
buttons gone), 下载公文 gives the .docx with them; the leader 签发 and the briefing names him.
Every control the office and the leader use lies inside the screen and is at least 44 px."""

from io import BytesIO
from pathlib import Path

import pytest
from docx import Document

from tests.baidays.phone import LAYOUT_PROBLEMS, assert_usable
from tests.baidays.weekly.support import running_campaign
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = 375


def _fits(page):
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    assert_usable(page)


@pytest.mark.parametrize("width", [PHONE, 1440])
def test_the_office_writes_the_narrative_and_the_leader_issues_it(
    page, width, admin_user, leader_user
):
    page.set_viewport_size({"width": width, "height": 900})
    campaign = running_campaign()
    browser_login(page, "admin")
    page.goto(f"/dashboards/briefing/?campaign={campaign.slug}")
    assert page.inner_text("[data-testid=narrative-progress]") == "（本期尚未撰写）"
    _fits(page)

    page.click("[data-testid=narrative-link]")
    page.wait_for_load_state("load")
    _fits(page)
    page.fill("#id_progress", "一是三个项目集中开工\n二是召开土地专题会议")
    page.fill("#id_problems", "部分项目征地进度偏慢")
    page.fill("#id_next_steps", "下周召开电力专题会议")
    page.click("[data-testid=narrative-form] button[type=submit]")
    page.wait_for_load_state("load")
    assert "简报文字已保存" in page.content()
    assert "未签发" in page.inner_text("[data-testid=issue-state]")

    page.click("[data-testid=back-to-briefing]")
    page.wait_for_load_state("load")
    progress = page.inner_text("[data-testid=narrative-progress]")
    assert progress.split() == ["一是三个项目集中开工", "二是召开土地专题会议"]
    assert page.inner_text("[data-testid=narrative-problems]") == "部分项目征地进度偏慢"
    assert page.inner_text("[data-testid=narrative-next-steps]") == "下周召开电力专题会议"
    page.emulate_media(media="print")
    assert page.is_visible("[data-testid=narrative-progress]")
    assert not page.is_visible("[data-testid=download-docx]")
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.click("[data-testid=download-docx]")
    path = download.value.path()
    text = "\n".join(p.text for p in Document(BytesIO(Path(path).read_bytes())).paragraphs)
    assert "二是召开土地专题会议" in text and "签发人：（未签发）" in text
    assert page.console_errors == []

    page.context.clear_cookies()
    browser_login(page, "leader")
    page.goto(f"/dashboards/briefing/?campaign={campaign.slug}")
    page.click("[data-testid=narrative-link]")
    page.wait_for_load_state("load")
    assert page.locator("[data-testid=narrative-form]").count() == 0
    _fits(page)
    page.click("[data-testid=issue-form] button")
    page.wait_for_load_state("load")
    week = page.url.split("/closing/briefing/")[1].split("/")[0]
    assert f"第 {week} 期简报已签发" in page.content()
    page.click("[data-testid=back-to-briefing]")
    page.wait_for_load_state("load")
    assert page.inner_text("[data-testid=issued]") == "签发：leader"
    assert page.console_errors == []
