"""How every workbook the portal writes goes on paper: A4, fit to one page wide, the title and
header rows repeated on every page, 第 N 页 共 M 页 in the footer, columns wide enough for their
longest value and header rows tall enough for their wrapped text. The annex exports and the
briefing's workbook both call `finish_sheet`."""

import math
import unicodedata

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"  # percent points (41.07 for 41.07%); the header says （%）
COUNT_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
FOOTER = "第 &P 页，共 &N 页"
LINE_HEIGHT = 15  # points per line of 11-point text
MAX_WIDTH = 48  # characters; longer text wraps in its cell instead
MIN_WIDTH = 6


def text_width(value):
    """Width in Excel's character units: a Chinese character is two, a digit or letter one."""
    if value is None:
        return 0
    if isinstance(value, float | int) or hasattr(value, "quantize"):
        return len(f"{value:,.2f}") if hasattr(value, "quantize") else len(str(value))
    if hasattr(value, "isoformat"):
        return 10
    text = str(value)
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            for line in text.splitlines() or [""]
        ),
        default=0,
    )


def fit_columns(sheet, header_row, last_row):
    """Each column as wide as its longest value (header included), within MIN and MAX; values
    longer than MAX wrap. Merged title rows above the header do not count."""
    for column_cells in sheet.iter_cols(min_row=header_row, max_row=last_row):
        letter = get_column_letter(column_cells[0].column)
        widest = max((text_width(cell.value) for cell in column_cells[1:]), default=0)
        header = column_cells[0].value
        # a header may wrap onto two lines: half its width is enough when the values are narrow
        header_need = math.ceil(text_width(header) / 2) if header else 0
        width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 2, header_need + 2))
        sheet.column_dimensions[letter].width = width
        for cell in column_cells[1:]:
            if text_width(cell.value) + 2 > width:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in range(header_row + 1, last_row + 1):
        lines = 1
        for cell in sheet[row]:
            if cell.alignment is not None and cell.alignment.wrap_text:
                width = sheet.column_dimensions[cell.column_letter].width or 8
                lines = max(lines, math.ceil((text_width(cell.value) + 2) / width))
        if lines > 1:
            sheet.row_dimensions[row].height = LINE_HEIGHT * lines


def raise_header_row(sheet, row):
    """The header row tall enough for its longest wrapped header (no overlap with the title)."""
    lines = 1
    for cell in sheet[row]:
        if cell.value:
            width = sheet.column_dimensions[cell.column_letter].width or 8
            lines = max(lines, math.ceil((text_width(cell.value) + 1) / max(1, width - 1)))
    sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 4


def finish_sheet(sheet, *, header_row, last_row, landscape, fit=True):
    """Page setup for printing: A4, orientation, one page wide, rows 1..header_row on every page,
    page numbers in the footer."""
    if fit:
        fit_columns(sheet, header_row, last_row)
    raise_header_row(sheet, header_row)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, footer=0.3)
    sheet.oddFooter.center.text = FOOTER
    sheet.evenFooter.center.text = FOOTER
