"""Every workbook the portal writes prints on A4: the annex exports and the briefing's and the
考核's workbooks, read back with openpyxl (page setup, repeated header rows, footer page
numbers, number formats, column widths, header row heights), then converted to PDF by
LibreOffice where it is installed and their pages counted."""

import datetime
import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from baidays.dashboards.assessment_export import assessment_workbook
from baidays.dashboards.briefing import briefing, briefing_workbook
from baidays.demo.seed import seed_demo
from baidays.excel.export import HEADER_ROW, write_annex
from baidays.excel.printing import text_width
from supervision.assessment import assess
from supervision.services import supervise
from tests.libreoffice import pdf_pages, require_soffice

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(scope="module")
def workbooks(django_db_setup, django_db_blocker):
    """The four annex exports, the briefing and the 考核 of the demo, written once for the
    module."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            campaign, _users = seed_demo(today=TODAY, password="print-test-1")
            books = {f"附件{n}": write_annex(n, campaign, as_of=TODAY) for n in (1, 2, 3, 4)}
            books["briefing"] = briefing_workbook(briefing(campaign, TODAY))
            supervise(campaign=campaign, as_of=TODAY)  # the 考核 deducts its 督办单
            books["assessment"] = assessment_workbook(assess(campaign, TODAY))
            transaction.set_rollback(True)
    return books


def _sheets(content):
    return load_workbook(BytesIO(content)).worksheets


def _print_setup(sheet):
    return (
        sheet.page_setup.paperSize,
        sheet.page_setup.fitToWidth,
        sheet.page_setup.fitToHeight,
        sheet.sheet_properties.pageSetUpPr.fitToPage,
    )


@pytest.mark.parametrize("name", ["附件1", "附件2", "附件3", "附件4", "briefing", "assessment"])
def test_every_sheet_is_set_up_for_a4_one_page_wide_with_page_numbers(workbooks, name):
    for sheet in _sheets(workbooks[name]):
        assert _print_setup(sheet) in ((9, 1, 0, True), ("9", 1, 0, True)), sheet.title  # 9 is A4
        assert sheet.page_setup.orientation in ("portrait", "landscape")
        assert re.fullmatch(r"\$1:\$\d+", sheet.print_title_rows), sheet.print_title_rows
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text


@pytest.mark.parametrize("annex", [1, 2, 3, 4])
def test_annex_exports_repeat_title_and_header_and_fit_their_longest_value(workbooks, annex):
    sheet = _sheets(workbooks[f"附件{annex}"])[0]
    assert sheet.print_title_rows.endswith(f"$1:${HEADER_ROW}")
    headers = {cell.value: cell.column_letter for cell in sheet[HEADER_ROW] if cell.value}
    for letter in headers.values():
        width = sheet.column_dimensions[letter].width
        values = [sheet[f"{letter}{row}"].value for row in range(HEADER_ROW + 1, sheet.max_row)]
        longest = max((text_width(v) for v in values), default=0)
        wraps = any(
            sheet[f"{letter}{row}"].alignment.wrap_text
            for row in range(HEADER_ROW + 1, sheet.max_row)
        )
        assert width >= longest or wraps, (letter, width, longest)
    assert sheet.row_dimensions[HEADER_ROW].height >= 19
    if "完成比例（%）" in headers:
        letter = headers["完成比例（%）"]
        cell = sheet[f"{letter}{HEADER_ROW + 1}"]
        assert isinstance(cell.value, int | float | Decimal) and cell.number_format == "0.00"


def test_the_briefing_workbook_is_in_the_annex_layout_with_numbers_as_numbers(workbooks):
    sheets = {sheet.title: sheet for sheet in _sheets(workbooks["briefing"])}
    overview = sheets["总览"]
    values = {row[0].value: row[1] for row in overview.iter_rows(min_col=1, max_col=2)}
    assert isinstance(values["时序进度（%）"].value, int | float)
    assert values["时序进度（%）"].number_format == "0.00"
    assert isinstance(values["基础设施累计完成投资（万元）"].value, int | float)
    for title in ("附件1 基础设施项目", "附件2 争先杯", "附件3 重点工业项目"):
        sheet = sheets[title]
        assert sheet["A1"].value == title.split(" ")[0]
        assert any(cell.value == "单位：万元" for cell in sheet[3])
        last = [cell.value for cell in sheet[sheet.max_row]]
        assert last[0] == "合计" and any(isinstance(v, int | float) for v in last[1:])
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.row_dimensions[HEADER_ROW].height >= 19  # wrapped headers stay clear
    achieved = sheets["附件2 争先杯"]
    dates = [row[8] for row in achieved.iter_rows(min_row=HEADER_ROW + 1) if row[8].is_date]
    assert dates and all(cell.number_format == "yyyy-mm-dd" for cell in dates)


def test_the_workbooks_print_on_few_a4_pages_in_libreoffice(workbooks, tmp_path):
    require_soffice("libreoffice-calc-nogui")
    pages = {
        name: pdf_pages(content, tmp_path, name, ".xlsx") for name, content in workbooks.items()
    }
    # one page per annex and for the 考核 (each fits a landscape A4 at one page wide), one per
    # briefing sheet
    assert all(count == 1 for name, count in pages.items() if name != "briefing"), pages
    assert pages["briefing"] <= 6, pages
