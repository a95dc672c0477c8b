"""Annex workbooks written in the layout offices know — 附件N, title, 填报单位 and 单位：万元,
header, data, 合计 — with progress columns added (cumulative investment, %, latest 形象进度,
lag colour as on the dashboards). Reading the file back with the importer changes nothing."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from baidays.excel.layouts import AMOUNT, CATEGORY, DATE, GOAL, LAYOUTS
from baidays.excel.printing import DATE_FORMAT, MONEY_FORMAT, PERCENT_FORMAT, finish_sheet
from core import plan_data
from core.choices import LagStatus
from core.dates import plan_date_text
from core.lag import rule_text
from core.privacy import mask_phone
from core.roles import can_see_phone_numbers
from core.selectors import report_week_as_of
from enterprises.choices import CompetitionGoal, KeyEnterpriseCategory
from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.models import Project

FORMULA_TRIGGERS = ("=", "+", "-", "@")
LAG_FILLS = {
    LagStatus.ON_TRACK: "C6EFCE",
    LagStatus.YELLOW: "FFEB9C",
    LagStatus.RED: "FFC7CE",
}
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
PROGRESS_HEADERS = [
    ("completed_investment_wan", "累计完成投资", 12),
    ("latest_percent", "完成比例（%）", 10),
    ("latest_progress_text", "最新形象进度", 24),
    ("lag", "进度状态", 12),
]
KEY_ENTERPRISE_HEADERS = [
    ("visit_count", "走访次数", 8),
    ("open_problem_count", "未解决问题（个）", 10),
    ("resolved_problem_count", "已解决问题（个）", 10),
]
HEADER_ROW = 4
LANDSCAPE_ABOVE = 6  # columns: a wider annex prints landscape


def _records(annex, campaign, as_of):
    """The annex's active records with their figures as they stood at the end of `as_of`."""
    week = report_week_as_of(campaign, as_of)
    if annex in (1, 3):
        return (
            Project.objects.active()
            .filter(campaign=campaign, annex=annex)
            .with_lag(week, campaign, as_of)
            .select_related("responsible_leader", "responsible_department")
            .order_by("seq")
        )
    if annex == 2:
        return (
            CompetitionEntry.objects.active()
            .filter(campaign=campaign)
            .with_lag(week, campaign, as_of)
            .select_related("enterprise", "liaison_leader", "responsible_department")
            .order_by("seq")
        )
    return (
        KeyEnterprise.objects.active()
        .filter(campaign=campaign)
        .with_service_figures(as_of)
        .select_related("enterprise", "service_person", "responsible_department")
        .order_by("seq")
    )


def _value(record, key):
    if key == "enterprise_name":
        return record.enterprise.name
    if key == "goal":
        return CompetitionGoal(record.goal).label
    if key == "category":
        return KeyEnterpriseCategory(record.category).label
    if not hasattr(record, key):
        return getattr(record.enterprise, key)  # 附件4: 法人代表, 电话, 主要产品 of the enterprise
    value = getattr(record, key)
    if getattr(record, f"{key}_is_month", False) and value is not None:
        return plan_date_text(value, as_month=True)  # "2026年5月", read back as the month
    if hasattr(value, "name") and not isinstance(value, str):
        return value.name  # a Person or Department
    return value


def _put(sheet, row, column, value):
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"  # text that looks like a formula stays text
    return cell


PHONE_KEYS = frozenset({"phone"})


def write_annex(annex, campaign, *, blank=False, as_of=None, reader=None):
    """The annex as an .xlsx file's bytes; `blank` gives the empty template. A `reader` who may
    not read phone numbers in full gets them masked (core.privacy); an operator's command
    passes none and gets the file as kept."""
    layout = LAYOUTS[annex]
    as_of = as_of or timezone.localdate()
    columns = list(layout.columns)
    extra = [] if blank else (KEY_ENTERPRISE_HEADERS if annex == 4 else PROGRESS_HEADERS)
    width = len(columns) + len(extra)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.label
    _title_rows(sheet, layout, width)
    _header_row(sheet, columns, extra)
    totals = {c.key: 0 for c in columns if c.kind == AMOUNT}
    if any(key == "completed_investment_wan" for key, _, _ in extra):
        totals["completed_investment_wan"] = 0
    # asked once per file, not per row
    masked = PHONE_KEYS if reader is not None and not can_see_phone_numbers(reader) else set()
    row = HEADER_ROW + 1
    for record in [] if blank else _records(annex, campaign, as_of):
        _record_row(sheet, row, record, columns, extra, totals, masked)
        row += 1
    _total_row(sheet, row, columns, extra, totals, blank)
    time_percent = campaign.time_percent(as_of) if campaign else 0
    _footnote(sheet, row + 1, campaign, blank, as_of, time_percent)
    finish_sheet(sheet, header_row=HEADER_ROW, last_row=row, landscape=width > LANDSCAPE_ABOVE)
    sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=width)
    sheet.cell(row=row + 1, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[row + 1].height = 32
    if blank:
        _choice_lists(sheet, columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _title_rows(sheet, layout, width):
    """附件N, the title merged over the table's width, 填报单位 and the amount unit."""
    sheet.cell(row=1, column=1, value=layout.label).font = Font(bold=True)
    title = sheet.cell(row=2, column=1, value=layout.title)
    title.font = Font(bold=True, size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.row_dimensions[2].height = 30
    sheet.cell(row=3, column=1, value=f"填报单位：{plan_data.LEADING_OFFICE}")
    if any(c.kind == AMOUNT for c in layout.columns):
        sheet.cell(row=3, column=max(width - 2, 2), value="单位：万元")


def _header_row(sheet, columns, extra):
    headers = [c.header for c in columns] + [label for _, label, _ in extra]
    widths = [c.width for c in columns] + [w for _, _, w in extra]
    for index, (header, column_width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column_width + 2
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)


def _record_row(sheet, row, record, columns, extra, totals, masked):
    """One record's annex columns then its progress columns; amounts add to `totals`."""
    for index, column in enumerate(columns, start=1):
        value = _value(record, column.key)
        if column.key in masked:
            value = mask_phone(value)
        cell = _put(sheet, row, index, value)
        cell.border = BORDER
        if column.kind == AMOUNT:
            cell.number_format = MONEY_FORMAT
            totals[column.key] += value or 0
        elif column.kind == DATE and value:
            cell.number_format = DATE_FORMAT
    for offset, (key, _, _) in enumerate(extra, start=len(columns) + 1):
        _progress_cell(sheet, row, offset, record, key, totals).border = BORDER


def _progress_cell(sheet, row, column, record, key, totals):
    if key == "lag":
        # decided by with_lag: 投资完成率 against the item's own 计划完成率
        status = LagStatus(record.lag)
        cell = _put(sheet, row, column, status.label)
        cell.fill = PatternFill("solid", fgColor=LAG_FILLS[status])
        return cell
    cell = _put(sheet, row, column, getattr(record, key))
    if key == "latest_percent":
        cell.number_format = PERCENT_FORMAT
    if key == "completed_investment_wan":
        cell.number_format = MONEY_FORMAT
        totals[key] += record.completed_investment_wan
    return cell


def _total_row(sheet, row, columns, extra, totals, blank):
    sheet.cell(row=row, column=1, value="合计").font = Font(bold=True)
    keys = [c.key for c in columns] + [key for key, _, _ in extra]
    for index, key in enumerate(keys, start=1):
        cell = sheet.cell(row=row, column=index)
        cell.border = BORDER
        if key in totals and not blank:
            cell.value = totals[key]
            cell.number_format = MONEY_FORMAT
            cell.font = Font(bold=True)


def _footnote(sheet, row, campaign, blank, as_of, time_percent):
    if blank:
        text = (
            "注：每行一个项目；金额单位为万元；日期写作 2026-05-08 或 2026年5月8日；"
            "表头文字请勿改动，可增加列；合计行以下不再读取。"
        )
    else:
        text = (
            f"注：截至 {as_of:%Y-%m-%d}，时序进度 {time_percent}%。"
            f"进度状态：{rule_text(campaign)}。"
        )
    sheet.cell(row=row, column=1, value=text)


def _choice_lists(sheet, columns):
    lists = {GOAL: CompetitionGoal.labels, CATEGORY: KeyEnterpriseCategory.labels}
    for index, column in enumerate(columns, start=1):
        if column.kind in lists:
            letter = get_column_letter(index)
            validation = DataValidation(
                type="list", formula1=f'"{",".join(lists[column.kind])}"', allow_blank=True
            )
            validation.error = f"请从列表中选择{column.header}"
            sheet.add_data_validation(validation)
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + 500}")


def export_filename(annex, campaign=None, *, blank=False):
    layout = LAYOUTS[annex]
    if blank:
        return f"{layout.label}-空白模板.xlsx"
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"{layout.label}-{campaign.slug}-{stamp}.xlsx"
