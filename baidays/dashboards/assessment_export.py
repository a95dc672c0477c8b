"""The 考核 as a workbook for the leading-group office: one row per unit in rank order with
every part of its score, the rule under the table, printed like every other export (A4
landscape, one page wide, header repeated, page numbers)."""

import math
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from baidays.dashboards.briefing import BORDER, HEADER_FILL, keep_text_as_text
from baidays.excel.printing import (
    COUNT_FORMAT,
    LINE_HEIGHT,
    PERCENT_FORMAT,
    finish_sheet,
    text_width,
)

HEADER_ROW = 3
SCORE_FORMAT = "0.00"
COLUMNS = [
    ("名次", COUNT_FORMAT, lambda row: row.rank),
    ("责任单位", "", lambda row: row.department.name),
    ("应报周报（份）", COUNT_FORMAT, lambda row: row.reports_due),
    ("已报周报（份）", COUNT_FORMAT, lambda row: row.reports_on_time),
    ("按时报送率（%）", PERCENT_FORMAT, lambda row: row.on_time_percent),
    ("按时报送得分", SCORE_FORMAT, lambda row: row.report_points),
    ("跟踪项目（个）", COUNT_FORMAT, lambda row: row.items),
    ("按计划推进（个）", COUNT_FORMAT, lambda row: row.items_on_plan),
    ("按计划推进率（%）", PERCENT_FORMAT, lambda row: row.on_plan_percent),
    ("按计划推进得分", SCORE_FORMAT, lambda row: row.plan_points),
    ("黄牌（张）", COUNT_FORMAT, lambda row: row.yellow),
    ("红牌（张）", COUNT_FORMAT, lambda row: row.red),
    ("逾期答复（次）", COUNT_FORMAT, lambda row: row.late_answers),
    ("逾期办结（项）", COUNT_FORMAT, lambda row: row.closed_late),
    ("扣分", SCORE_FORMAT, lambda row: row.penalty_points),
    ("考核得分", SCORE_FORMAT, lambda row: row.score),
]


def assessment_filename(assessment):
    return f"assessment-{assessment.campaign.slug}-{assessment.as_of.isoformat()}.xlsx"


def assessment_workbook(assessment):
    """The workbook of an Assessment (supervision.assessment); scores stay Decimal."""
    campaign = assessment.campaign
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "单位考核"
    width = len(COLUMNS)
    sheet.cell(row=1, column=1, value=f"{campaign.name} 责任单位考核得分").font = Font(
        bold=True, size=14
    )
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(
        row=2,
        column=1,
        value=(
            f"截至 {assessment.as_of:%Y-%m-%d}（第 {assessment.week} 周；"
            f"已截止周报周 {assessment.weeks_due} 周）"
        ),
    )
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for position, (header, _format, _value) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=position, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row_number = HEADER_ROW
    for row in assessment.rows:
        row_number += 1
        for position, (_header, number_format, value) in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=row_number, column=position, value=value(row))
            cell.border = BORDER
            if number_format:
                cell.number_format = number_format
            if cell.value is None:
                cell.value = "—"  # nothing was due: the part counts in full
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)
    finish_sheet(sheet, header_row=HEADER_ROW, last_row=row_number, landscape=True)
    _rule_note(sheet, row_number + 1, width, f"注：{assessment.rule}。")
    keep_text_as_text(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rule_note(sheet, row, width, text):
    """The rule under the table, across it, tall enough for its wrapped lines."""
    cell = sheet.cell(row=row, column=1, value=text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    across = sum(
        sheet.column_dimensions[cell.column_letter].width or 8 for cell in sheet[HEADER_ROW]
    )
    sheet.row_dimensions[row].height = LINE_HEIGHT * math.ceil(text_width(text) / across) + 4
