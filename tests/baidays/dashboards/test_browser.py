"""The overview and the big screen in a real headless Chromium: no console errors, charts drawn,
the big screen filling 1920×1080 without scrolling."""

from decimal import Decimal

import pytest

from tests import factories as f
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SCOPE = "?campaign=t2026&as_of=2026-06-15"

CHART_SIZE = """id => {
  const el = document.getElementById(id);
  const chart = window.echarts && echarts.getInstanceByDom(el);
  const drawn = el && el.querySelector('svg');
  if (!chart || !drawn) return null;
  return [chart.getWidth(), chart.getHeight(), chart.getOption().series.length];
}"""

SERIES_NAMES = """id => echarts.getInstanceByDom(document.getElementById(id))
  .getOption().series.map(s => s.name)"""
SERIES_DATA = """([id, name]) => echarts.getInstanceByDom(document.getElementById(id))
  .getOption().series.find(s => s.name === name).data"""


@pytest.fixture
def campaign_with_progress():
    campaign = f.CampaignFactory(slug="t2026")
    f.PhaseFactory(campaign=campaign)
    for week, amount, percent in [(2, "100.00", "8"), (5, "150.00", "20"), (8, "80.00", "30")]:
        project = f.ProjectFactory(campaign=campaign)
        f.ProjectReportFactory(
            project=project,
            report_week=week,
            week_investment_wan=Decimal(amount),
            percent_complete=Decimal(percent),
        )
        entry = f.CompetitionEntryFactory(campaign=campaign)
        f.EntryReportFactory(entry=entry, report_week=week, week_investment_wan=Decimal(amount))
    return campaign


def test_overview_draws_the_cumulative_chart_without_console_errors(
    page, leader_user, campaign_with_progress
):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, "leader")
    page.goto("/" + SCOPE)
    page.wait_for_load_state("networkidle")
    size = page.evaluate(CHART_SIZE, "cumulative-chart")
    assert size is not None, "ECharts did not draw the cumulative chart"
    width, height, series = size
    assert width > 300 and height > 200
    assert series == 5  # time progress; infrastructure and competition, completed and planned
    names = page.evaluate(SERIES_NAMES, "cumulative-chart")
    assert {"时序进度", "基础设施计划进度", "争先杯计划进度"} <= set(names)
    planned = page.evaluate(SERIES_DATA, ["cumulative-chart", "基础设施计划进度"])
    assert planned[7] is not None and planned[8] is None  # drawn through week 8 only
    assert "330.00" in page.inner_text("body")  # 100 + 150 + 80 万元 of infrastructure
    assert page.console_errors == []


def test_big_screen_fills_1920_by_1080_without_scrolling(page, leader_user, campaign_with_progress):
    page.set_viewport_size({"width": 1920, "height": 1080})
    browser_login(page, "leader")
    page.goto("/dashboards/screen/" + SCOPE)
    page.wait_for_load_state("networkidle")
    scroll = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert scroll == [1920, 1080]
    for chart_id in ["screen-cumulative", "gauge-infra", "gauge-comp"]:
        size = page.evaluate(CHART_SIZE, chart_id)
        assert size is not None and size[0] > 100 and size[1] > 100, chart_id
    assert "争先杯计划进度" in page.evaluate(SERIES_NAMES, "screen-cumulative")
    background = page.evaluate("getComputedStyle(document.body).backgroundImage")
    assert "gradient" in background  # the dark theme
    assert page.evaluate("Number(document.body.dataset.refreshSeconds)") > 0
    assert page.console_errors == []


def test_briefing_prints_on_a4_pages(page, leader_user, campaign_with_progress):
    import re

    browser_login(page, "leader")
    page.goto("/dashboards/briefing/" + SCOPE)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    assert page.is_hidden(".portal-navbar")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        # A4 is 595 × 842 points
        assert round(float(width)) == 595 and round(float(height)) == 842
    assert len(boxes) <= 2  # the briefing and its 报/送 lines together, no page of the foot alone
    aligned = page.evaluate(
        "[...document.querySelectorAll('.brief-table td.num')]"
        ".map(td => getComputedStyle(td).textAlign)"
    )
    assert aligned and set(aligned) == {"right"}
    signing = page.inner_text(".brief-foot")
    assert "审核：" in signing and "签发：" in signing
    assert "落后（个百分点）" in page.inner_text(".a4-sheet")
    assert page.console_errors == []
