"""The 考核 on the department dashboard: the ranking with its parts and rule, as of ?as_of= and
for ?campaign=; each unit's own breakdown on its page; the workbook, printed like every other
export, as of the same day."""

import datetime
import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from supervision.assessment import rule_text
from supervision.choices import Cause
from tests import factories as f
from tests.factories_schedules import written_schedule
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db
SCOPE = {"campaign": "a2026", "as_of": "2026-06-15"}  # week 8 in force, weeks 1–7 ended


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="a2026")


@pytest.fixture
def units(campaign):
    """甲: on plan and every report in (100.00). 乙: its project red against a front-loaded
    plan, weeks 1–3 reported, one 红牌 opened 06-01: 40 × 3 ÷ 7 = 17.14, 0 on plan, − 3 for
    the 红牌 − 2 for its answer, due 06-04 and never given = 12.14."""
    good = f.DepartmentFactory(name="甲单位", sort_order=1)
    poor = f.DepartmentFactory(name="乙单位", sort_order=2)
    on_plan = f.ProjectFactory(campaign=campaign, responsible_department=good)
    behind = f.ProjectFactory(campaign=campaign, responsible_department=poor)
    written_schedule(on_plan, {17: Decimal("100")})
    written_schedule(behind, {1: Decimal("100")})
    for week in range(1, 8):
        f.ProjectReportFactory(project=on_plan, report_week=week)
    for week in range(1, 4):
        f.ProjectReportFactory(project=behind, report_week=week)
    SupervisionFactory(
        target=behind,
        cause=Cause.RED,
        opened_on=datetime.date(2026, 6, 1),
        escalated_on=datetime.date(2026, 6, 9),
    )
    return good, poor


def test_the_department_list_ranks_units_with_the_parts_and_the_rule(
    campaign, units, leader_client
):
    good, poor = units
    response = leader_client.get("/dashboards/departments/", SCOPE)
    rows = response.context["assessment"].rows
    assert [(row.department, row.score, row.rank) for row in rows] == [
        (good, Decimal("100.00"), 1),
        (poor, Decimal("12.14"), 2),
    ]
    html = response.content.decode()
    assert rule_text(campaign) in html
    assert re.search(r'data-score="12.14"', html) and "3/7" in html
    assert "/dashboards/departments/assessment.xlsx?campaign=a2026&amp;as_of=2026-06-15" in html


def test_the_ranking_follows_as_of_and_campaign(campaign, units, leader_client):
    _good, poor = units
    # 05-27: weeks 1–4 ended, the 红牌 not opened: 40 × 3 ÷ 4 = 30.00 + 0 on plan
    earlier = leader_client.get(
        "/dashboards/departments/", {**SCOPE, "as_of": "2026-05-27"}
    ).context["assessment"]
    assert earlier.of(poor).score == Decimal("30.00")
    other = f.CampaignFactory(slug="b2026")
    f.ProjectFactory(campaign=other, responsible_department=poor)
    elsewhere = leader_client.get(
        "/dashboards/departments/", {**SCOPE, "campaign": "b2026"}
    ).context["assessment"]
    assert [row.department for row in elsewhere.rows] == [poor]
    # that campaign's own: never reported there, its 红牌 is in the other campaign
    assert elsewhere.of(poor).red == 0
    assert elsewhere.of(poor).reports_due == 7 and elsewhere.of(poor).reports_on_time == 0


def test_the_department_page_shows_its_own_score_breakdown(
    campaign, units, leader_client, staff_client, department
):
    _good, poor = units
    page = leader_client.get(f"/dashboards/departments/{poor.pk}/", SCOPE)
    score = page.context["score"]
    assert (score.score, score.rank, score.red, score.late_answers) == (
        Decimal("12.14"),
        2,
        1,
        1,
    )
    html = page.content.decode()
    assert 'data-score="12.14"' in html and "第 <strong>2</strong> 名（共 2 个单位）" in html
    assert "已报 3 / 应报 7 份" in html and rule_text(campaign) in html
    # a unit with nothing to be scored on says so, and still shows the rule
    own = staff_client.get(f"/dashboards/departments/{department.pk}/", SCOPE)
    assert own.context["score"] is None
    assert "没有需要考核的事项" in own.content.decode()


def test_the_workbook_has_every_part_the_rule_and_the_print_setup(campaign, units, leader_client):
    response = leader_client.get("/dashboards/departments/assessment.xlsx", SCOPE)
    assert response.status_code == 200
    assert 'filename="assessment-a2026-2026-06-15.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[3]]
    rows = [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(4, 5, values_only=True)]
    assert [(row["名次"], row["责任单位"], row["考核得分"]) for row in rows] == [
        (1, "甲单位", 100),
        (2, "乙单位", 12.14),
    ]
    assert (rows[1]["已报周报（份）"], rows[1]["应报周报（份）"], rows[1]["扣分"]) == (3, 7, 5)
    assert sheet["A6"].value == f"注：{rule_text(campaign)}。"
    assert sheet["A6"].alignment.wrap_text and sheet.row_dimensions[6].height > 30
    assert sheet.page_setup.paperSize in (9, "9") and sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows.endswith("$1:$3")
    assert "&P" in sheet.oddFooter.center.text
    assert sheet.cell(5, headers.index("考核得分") + 1).number_format == "0.00"


def test_the_workbook_is_as_of_its_day(campaign, units, leader_client):
    response = leader_client.get(
        "/dashboards/departments/assessment.xlsx", {**SCOPE, "as_of": "2026-05-27"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    scores = {row[1]: row[-1] for row in sheet.iter_rows(4, 5, values_only=True)}
    assert scores == {"甲单位": 100, "乙单位": 30}
    assert "截至 2026-05-27" in sheet["A2"].value


def test_a_unit_name_that_looks_like_a_formula_stays_text(campaign, leader_client):
    unit = f.DepartmentFactory(name="=HYPERLINK(1)")
    f.ProjectFactory(campaign=campaign, responsible_department=unit)
    content = leader_client.get("/dashboards/departments/assessment.xlsx", SCOPE).content
    cell = load_workbook(BytesIO(content)).active["B4"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")
