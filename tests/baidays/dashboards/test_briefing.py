"""The weekly briefing: an A4 print page and an Excel workbook with one sheet per annex."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from projects.choices import Annex
from tests import factories as f

pytestmark = pytest.mark.django_db

SCOPE = {"campaign": "t2026", "as_of": "2026-06-15"}


@pytest.fixture
def campaign():
    campaign = f.CampaignFactory(slug="t2026")
    f.PhaseFactory(campaign=campaign)
    return campaign


def test_briefing_page_is_an_a4_print_page_with_the_overview_figures(campaign, leader_client):
    project = f.ProjectFactory(
        campaign=campaign, name="纬二路道路工程", planned_investment_wan=Decimal("1156.00")
    )
    f.ProjectReportFactory(project=project, report_week=8, week_investment_wan=Decimal("115.60"))
    response = leader_client.get("/dashboards/briefing/", SCOPE)
    body = response.content.decode()
    assert response.status_code == 200
    assert "工 作 简 报" in body
    assert "css/briefing.css" in body
    assert "<b>115.60</b> 万元" in body and "<b>10.00%</b>" in body
    assert "纬二路道路工程" in body  # lagging: 10% complete against 41.07%


def test_briefing_css_prints_on_a4():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[3] / "static/css/briefing.css").read_text()
    assert "size: A4" in css and "@media print" in css


def test_briefing_workbook_opens_with_one_sheet_per_annex(campaign, leader_client):
    road = f.ProjectFactory(
        campaign=campaign, seq=1, name="纬二路道路工程", planned_investment_wan=Decimal("300")
    )
    f.ProjectReportFactory(project=road, report_week=8, week_investment_wan=Decimal("115.60"))
    f.ProjectReportFactory(project=road, report_week=9, week_investment_wan=Decimal("99"))
    f.ProjectFactory(
        campaign=campaign,
        annex=Annex.KEY_INDUSTRIAL,
        name="年产10万套汽配项目",
        owner_name="某汽配公司",
    )
    entry = f.CompetitionEntryFactory(campaign=campaign, planned_investment_wan=Decimal("1000"))
    f.EntryReportFactory(entry=entry, report_week=8, week_investment_wan=Decimal("500.50"))
    f.KeyEnterpriseFactory(campaign=campaign)
    response = leader_client.get("/dashboards/briefing.xlsx", SCOPE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "briefing-t2026-2026-06-15.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [
        "总览",
        "附件1 基础设施项目",
        "附件2 争先杯",
        "附件3 重点工业项目",
        "附件4 重点企业",
    ]
    overview = {row[0]: row[1] for row in workbook["总览"].iter_rows(values_only=True) if row}
    assert overview["基础设施累计完成投资（万元）"] == 115.6
    assert overview["基础设施投资完成率（%）"] == 10.0
    assert overview["争先杯累计完成投资（万元）"] == 500.5
    annex1 = list(workbook["附件1 基础设施项目"].iter_rows(min_row=3, values_only=True))
    assert annex1[0][:6] == (
        1,
        "纬二路道路工程",
        road.responsible_department.name,
        300,
        115.6,
        38.53,
    )
    assert workbook["附件1 基础设施项目"]["D3"].number_format == "#,##0.00"
    annex2 = list(workbook["附件2 争先杯"].iter_rows(min_row=3, values_only=True))
    assert annex2[0][0] == 1 and annex2[0][7] == 50.05
    annex3 = list(workbook["附件3 重点工业项目"].iter_rows(min_row=3, values_only=True))
    assert annex3[0][1:3] == ("年产10万套汽配项目", "某汽配公司")
    assert workbook["附件4 重点企业"].max_row == 3
