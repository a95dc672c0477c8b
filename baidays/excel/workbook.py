"""Opening an annex file of any format an office produces (.xlsx, .xlsm, .xls, .ods) through
python-calamine, which parses all four in Rust, never runs macros and never evaluates formulas.
Only files that passed the safety checks reach it."""

import io
import zipfile
from dataclasses import dataclass, field

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from baidays.excel.errors import WorkbookError
from baidays.excel.safety import MAX_CELLS

DAMAGED = "文件已损坏，无法打开，请重新保存后再导入"


@dataclass
class Sheet:
    name: str
    index: int
    source: object  # the calamine sheet
    merged: list = field(default_factory=list)  # ((first row, first col), (last row, last col))
    hidden_rows: set = field(default_factory=set)  # Excel row numbers (sheet_state.py)
    hidden_columns: set = field(default_factory=set)  # 0-based column indices
    formulas: bool = None  # whether it holds any formula (None: not known)

    @property
    def column_offset(self):
        # calamine drops empty leading columns but keeps leading rows
        return self.source.start[1] if self.source.start else 0

    def rows(self):
        """(Excel row number, cells) for every row, empty cells as None."""
        pad = [None] * self.column_offset
        for index, row in enumerate(self.source.iter_rows()):
            yield index + 1, [*pad, *(None if cell == "" else cell for cell in row)]


def open_workbook(data):
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as error:
        raise WorkbookError("文件受密码保护，请取消密码后再导入") from error
    except (CalamineError, ValueError, OSError) as error:
        raise WorkbookError(DAMAGED) from error
    except Exception as error:  # calamine raises its own kinds (XmlError, ZipError, …)
        raise WorkbookError(DAMAGED) from error


def visible_sheets(workbook):
    """The worksheets a clerk sees (hidden sheets hold lists for drop-downs, not data)."""
    sheets = []
    for index, meta in enumerate(workbook.sheets_metadata):
        if meta.visible != SheetVisibleEnum.Visible:
            continue
        sheet = _load(workbook, index, meta)
        if sheet is not None:
            sheets.append(Sheet(meta.name, index, sheet, list(sheet.merged_cell_ranges or [])))
    return sheets


def apply_states(sheets, states):
    """Give each sheet what calamine does not read: hidden rows and columns, .ods merges."""
    for sheet in sheets:
        state = states.get(sheet.name)
        if state is None:
            continue
        sheet.hidden_rows, sheet.hidden_columns = state.hidden_rows, state.hidden_columns
        sheet.formulas = state.formulas
        if not sheet.merged and state.merges:
            sheet.merged = state.merges


def _load(workbook, index, meta):
    try:
        sheet = workbook.get_sheet_by_index(index)
    except PasswordError as error:
        raise WorkbookError("文件受密码保护，请取消密码后再导入") from error
    except Exception as error:
        if meta.typ != SheetTypeEnum.WorkSheet:
            return None  # a chart sheet or dialog sheet: not a table
        # a worksheet whose cells or merged cells cannot be read: never skipped in silence,
        # the annex might be on it
        raise WorkbookError(
            f"工作表“{meta.name}”的单元格或合并单元格信息无法读取，文件可能已损坏："
            "请在 Excel 或 WPS 中打开、另存后再导入。本次未导入任何数据"
        ) from error
    if sheet.height * sheet.width > MAX_CELLS:
        raise WorkbookError(
            f"工作表“{sheet.name}”超过 {MAX_CELLS:,} 个单元格，请删去无关内容后再导入"
        )
    return sheet


def has_formulas(data):
    """Whether an xlsx/xlsm holds any formula at all; calamine gives a formula's cached value
    (or an empty cell when it was never calculated), so only then is a second look needed."""
    if not data.startswith(b"PK"):
        return False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                text = archive.read(name)
                if b"<f>" in text or b"<f " in text:
                    return True
    return False


def uncached_formulas(data, sheet_name, cells, formulas=None):
    """Of `cells` ((row number, 0-based column) pairs that read empty), those holding a formula
    Excel never calculated (the file was written by a program, or saved without recalculation).
    Only xlsx keeps formulas without values; openpyxl reads the formula text. `formulas` says
    whether the sheet holds any, when already known (sheet_state.py)."""
    if not cells or not (has_formulas(data) if formulas is None else formulas):
        return set()
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = workbook[sheet_name]
        first, last = min(r for r, _ in cells), max(r for r, _ in cells)
        found = set()
        rows = sheet.iter_rows(min_row=first, max_row=last, values_only=True)
        for number, row in enumerate(rows, start=first):
            for wanted_row, column in cells:
                if wanted_row == number and column < len(row):
                    value = row[column]
                    if isinstance(value, str) and value.startswith("="):
                        found.add((number, column))
        return found
    finally:
        workbook.close()
