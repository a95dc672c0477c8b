"""The reader for annex workbooks as offices write them, in any format (.xlsx, .xlsm, .xls,
.ods): it finds the sheet and the header by what the headers mean (headers.py), skips title,
unit, blank and 注 rows, applies section rows ("一、开工项目（7家）") to the rows under them,
converts amounts to 万元, checks 合计 and 小计 rows against the rows they cover, and parses every
cell. Every bad cell is collected; nothing is returned unless all rows are good."""

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from baidays.excel import parsers
from baidays.excel.breakdowns import apply_parts, written_parts
from baidays.excel.date_warnings import plan_warnings
from baidays.excel.errors import CellError, RowErrors, RowProblem, WorkbookError
from baidays.excel.headers import HEADER_SEARCH_ROWS
from baidays.excel.layouts import AMOUNT, DATE, SECTION_SPELLINGS, parse_cell
from baidays.excel.merges import DownMerges
from baidays.excel.safety import check_workbook
from baidays.excel.sections import Sections, row_kind
from baidays.excel.sheet_state import sheet_states
from baidays.excel.sheets import find_annex_header
from baidays.excel.totals import TotalsCheck
from baidays.excel.workbook import apply_states, open_workbook, uncached_formulas, visible_sheets
from core.bounds import SEQ_MAX

MAX_DATA_ROWS = SEQ_MAX  # a row's 序号 is its place in the annex: the same bound
_NONE_KINDS = (AMOUNT, DATE)  # the cells where "—", "/", "无" mean 0 or no date
NO_FORMULA_VALUE = "公式没有计算结果，请在 Excel 中打开、保存后再导入"


@dataclass
class AnnexRow:
    number: int  # the Excel row number, as the clerk sees it
    values: dict
    section: str = ""


@dataclass
class AnnexTable:
    layout: object
    sheet_name: str
    header_rows: tuple
    headers: dict  # column key -> header text as written in the file
    rows: list = field(default_factory=list)
    units: dict = field(default_factory=dict)  # amount column key -> unit as the file says
    unknown: list = field(default_factory=list)  # (column letter, header, why) not imported
    notes: list = field(default_factory=list)  # what the clerk should know (totals checked, …)
    warnings: list = field(default_factory=list)  # what may be wrong (date_warnings.py)

    def unit_line(self):
        """ "金额单位：亿元（百日计划投资、总投资），已换算为万元" for the summary and preview."""
        by_unit = {}
        for key, unit in self.units.items():
            by_unit.setdefault(unit, []).append(self.headers[key])
        parts = [f"{unit}（{'、'.join(names)}）" for unit, names in by_unit.items() if unit]
        return f"金额单位：{'；'.join(parts)}，均按万元导入" if parts else ""

    def unknown_line(self):
        if not self.unknown:
            return ""
        names = "、".join(
            f"{letter} 列“{text}”" + (f"（{why}）" if why else "")
            for letter, text, why in self.unknown
        )
        return f"未识别的列（未导入）：{names}"


def read_annex(source, layout, *, filename=None, mappings=None, campaign=None, sheet=None):
    """The parsed table, or RowErrors naming each bad cell; with `campaign`, date cells outside
    its date window are bad cells too. `sheet` names the sheet to read (else it is found by
    what each sheet says it is, sheets.py)."""
    data = check_workbook(source, filename=filename)
    workbook = open_workbook(data)
    try:
        sheets = visible_sheets(workbook)
        apply_states(sheets, sheet_states(data, [s.name for s in sheets]))
        firsts = [(s, list(itertools.islice(_cells(s), HEADER_SEARCH_ROWS))) for s in sheets]
        header = find_annex_header(firsts, layout, mappings, sheet)
        found = next(s for s in sheets if s.name == header.sheet_name)
        reading = _Reading(layout, header, campaign)
        reading.read(found)
    finally:
        workbook.close()
    return reading.finish(data)


def _cells(sheet):
    return (cells for _, cells in sheet.rows())


class _Reading:
    """One pass over the data rows under the header."""

    def __init__(self, layout, header, campaign=None):
        self.layout, self.header, self.campaign = layout, header, campaign
        self.table = AnnexTable(
            layout, header.sheet_name, (header.first_row, header.last_row), dict(header.texts)
        )
        self.table.units, self.table.unknown = dict(header.units), list(header.unknown)
        self.amounts = [c for c in layout.columns if c.kind == AMOUNT and c.key in header.units]
        self.totals = TotalsCheck({c.key: header.texts[c.key] for c in self.amounts})
        self.problems, self.empty_cells, self.unit_missing = [], [], {}
        self.checked = {c.key for c in layout.columns if c.required or c.kind != "text"}
        self.missing_required = [
            c for c in layout.columns if c.required and c.key not in header.positions
        ]
        self.sections, self.count = Sections(layout), 0
        self.month_only = {}
        self.none_words = {}  # column key -> [(row, word)] of "—", "/", "无" cells
        self.ended = False
        self.hidden_rows, self.hidden_data, self.data_rows = set(), [], []
        self.sheet_formulas = None
        self.merges = DownMerges()

    def read(self, sheet):
        positions = self.header.positions
        self.hidden_rows, self.sheet_formulas = sheet.hidden_rows, sheet.formulas
        parts = {index for found in self.header.parts.values() for index, _ in found}
        amounts = {positions[c.key] for c in self.amounts if c.key in positions} | parts
        self.merges = DownMerges.of(
            sheet.merged, self.header.last_row, set(positions.values()) | parts, amounts
        )
        merges = self.merges if self.merges else None
        for number, cells in sheet.rows():
            if number <= self.header.last_row:
                continue
            if merges is not None:
                cells = merges.apply(number, cells)
            self.row(number, cells)
            if self.ended:
                break

    def row(self, number, cells):
        kind, text = row_kind(cells)
        if kind == "data" and number in self.hidden_rows:
            # what the clerk sees is the table: a hidden row is listed, not imported
            self.hidden_data.append(number)
            self.totals.hidden.append(number)
        elif kind == "total":
            self.totals.total(number, self.written_figures(number, cells))
            self.ended = self.totals.seen_rows  # what follows a closing 合计 is not data
        elif kind == "subtotal":
            self.totals.subtotal(number, self.written_figures(number, cells))
        elif kind == "section":
            self.section(text)
        elif kind == "data":
            self.data(number, cells)

    def section(self, text):
        self.totals.start_section(self.sections.enter(text))

    def written_figures(self, number, cells):
        """The amounts a 合计 / 小计 row states, in 万元; cells left empty are not compared."""
        figures = {}
        for column in self.amounts:
            if column.key not in self.header.positions:  # months alone: their sum
                amount = written_parts(self.header, column.key, cells)
                if amount is not None:
                    figures[column.key] = amount
                continue
            index = self.header.positions[column.key]
            value = cells[index] if index < len(cells) else None
            if value is None:
                self.empty_cells.append((number, index, column.key, "total"))
                continue
            try:
                amount = parsers.exact_amount(value, self.header.units[column.key])
            except CellError:
                continue  # "—" or a note in a total cell: nothing to compare
            if amount is not None:
                figures[column.key] = amount
        return figures

    def data(self, number, cells):
        self.count += 1
        self.data_rows.append(number)
        if self.count > MAX_DATA_ROWS:
            raise WorkbookError(
                f"第 {number} 行：数据超过 {MAX_DATA_ROWS} 行（序号的上限），请分批导入"
            )
        positions = self.header.positions
        picked = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
        if all(picked[key] is None for key in picked if key != "seq"):
            return  # a numbered but empty line of a template
        values, row_problems, exact = self.parse(number, picked)
        for key in self.checked:
            if key in picked and picked[key] is None:
                self.empty_cells.append((number, positions[key], key, "cell"))
        row_problems = self.apply_section(number, values, row_problems)
        if self.header.parts:
            row_problems += apply_parts(self.header, number, cells, values, exact)
        for column in self.missing_required:
            if values.get(column.key) in (None, ""):
                reason = "表中没有这一列，该行也不在分组行（如“一、开工项目”）之下"
                row_problems.append(RowProblem(number, column.header, reason))
        self.problems.extend(row_problems)
        self.totals.add_row(exact)
        self.table.rows.append(AnnexRow(number, values, self.sections.text))

    def parse(self, number, cells):
        """The row's parsed values, its problems and its amounts in exact 万元."""
        values, problems, exact = {}, [], {}
        for column in self.layout.columns:
            if column.key in cells:
                problems += self.parse_column(number, column, cells[column.key], values, exact)
        for check in self.layout.extra_checks:
            failure = check(values)
            if failure:
                key, reason = failure
                problems.append(RowProblem(number, self.header.texts.get(key, ""), reason))
        return values, problems, exact

    def parse_column(self, number, column, value, values, exact):
        """One cell parsed into `values` (and `exact` for an amount); the cell's problems."""
        header = self.header.texts[column.key]
        try:
            parsed = self.parse_value(number, column, value, exact)
        except parsers.UnitUnknown:
            self.unit_missing.setdefault(column.key, number)
            return []
        except CellError as error:
            return [RowProblem(number, header, str(error))]
        problems = []
        if column.required and parsed in (None, ""):
            problems.append(RowProblem(number, header, "不能为空"))
        month_only = isinstance(parsed, parsers.MonthOnly)
        if month_only:
            # noted for the summary, stored as a plain date (a date subclass would reach
            # the database adapter as its own text) and flagged to be shown as the month
            self.month_only.setdefault(column.key, []).append(number)
            parsed = parsed.as_date()
        if self.campaign is not None and column.kind == DATE:
            outside = self.outside_window(number, column, parsed)
            if outside:
                return [*problems, outside]
        if column.month_flag:
            values[column.month_flag] = month_only
        values[column.key] = parsed
        return problems

    def parse_value(self, number, column, value, exact):
        if type(value) is str and column.kind in _NONE_KINDS:
            value = self.none_word(number, column, value)  # "—", "/", "无"
        if column.kind == AMOUNT:
            exact[column.key] = parsers.exact_amount(value, self.header.units[column.key])
            return parsers.round_wan(exact[column.key])
        return parse_cell(column, value)

    def outside_window(self, number, column, parsed):
        """The problem of a date beyond the campaign's window for plan dates, or None."""
        try:
            # every date column of an annex is a plan date (计划开工 / 计划竣工)
            self.campaign.check_date_in_window(parsed, self.header.texts[column.key], planned=True)
        except ValidationError as error:
            return RowProblem(number, self.header.texts[column.key], error.messages[0])
        return None

    def none_word(self, number, column, value):
        """ "—", "/", "无" in an amount or date cell: an amount of 0, no date, listed in the
        summary; any other value as it is."""
        if parsers.is_none_word(value):
            self.none_words.setdefault(column.key, []).append((number, value.strip()))
            return Decimal(0) if column.kind == AMOUNT else None
        return value

    def apply_section(self, number, values, problems):
        key = self.layout.section_key
        if not key or values.get(key):
            return problems
        value, header = self.sections.value, self.header.texts.get(key)
        if value:
            values[key] = value
            return [p for p in problems if p.column != header or p.reason != "不能为空"]
        unknown = self.sections.unknown()
        if unknown and key in SECTION_SPELLINGS:
            column = self.layout.column(key).header
            reason = f"分组行{unknown}不是已知的{column}，该行也没有填写{column}"
            problems = [p for p in problems if p.column != header or p.reason != "不能为空"]
            problems.append(RowProblem(number, column, reason))
        return problems

    def finish(self, data):
        self.problems.extend(self.formula_problems(data))
        self.problems.extend(self.unit_problems())
        self.problems.extend(self.totals.problems())
        self.problems.extend(self.merges.amount_problems(self.data_rows, self.column_header))
        self.problems.extend(check_duplicates(self.table))
        if self.problems:
            raise RowErrors(self.problems)
        if not self.table.rows:
            raise WorkbookError(f"{self.layout.label}表头下没有数据行")
        self.complete_headers()
        _number_rows(self.table)
        self.table.notes = self.notes()
        self.table.warnings = plan_warnings(self.table, self.campaign)
        return self.table

    def formula_problems(self, data):
        cells = {(row, index) for row, index, _, _ in self.empty_cells}
        formulas = uncached_formulas(data, self.header.sheet_name, cells, self.sheet_formulas)
        problems = []
        for row, index, key, where in self.empty_cells:
            if (row, index) not in formulas:
                continue
            if where == "total":
                self.totals.not_checked(row, key)
            else:
                problems.append(RowProblem(row, self.header.texts[key], NO_FORMULA_VALUE))
        return problems

    def column_header(self, index):
        keys = [key for key, i in self.header.positions.items() if i == index]
        return self.header.texts[keys[0]] if keys else ""

    def unit_problems(self):
        return [
            RowProblem(
                self.header.last_row,
                self.header.texts[key],
                "金额单位无法确定：表头和表格上方都没有写明单位（万元、元或亿元），请在表头写明，"
                f"如“{self.header.texts[key]}（万元）”，或在表格上方加一行“单位：万元”",
            )
            for key in self.unit_missing
        ]

    def complete_headers(self):
        """序号 and a section-filled column are imported even when the file has no such
        column (rows are then numbered in file order)."""
        headers = self.table.headers
        headers.setdefault("seq", self.layout.column("seq").header)
        key = self.layout.section_key
        if key and any(key in row.values for row in self.table.rows):
            headers.setdefault(key, self.layout.column(key).header)

    def notes(self):
        lines = [line for line in (self.table.unit_line(), self.table.unknown_line()) if line]
        for key, found in self.header.parts.items():
            periods = "、".join(period for _, period in found)
            how = "已逐行与该列核对" if key in self.header.positions else "相加为该列"
            lines.append(f"“{self.header.texts[key]}”分列为 {periods}，{how}")
        for key, found in self.none_words.items():
            words = "”“".join(dict.fromkeys(word for _, word in found))
            numbers = "、".join(str(number) for number, _ in found)
            meaning = "金额按 0 " if key in self.header.units else "日期按空"
            lines.append(
                f"“{self.header.texts[key]}”有 {len(found)} 处写作“{words}”"
                f"（第 {numbers} 行），{meaning}导入"
            )
        if self.header.hidden:
            names = "、".join(f"{letter} 列“{text}”" for letter, text in self.header.hidden)
            lines.append(f"隐藏的列（未导入）：{names}")
        if self.hidden_data:
            numbers = "、".join(str(number) for number in self.hidden_data)
            lines.append(
                f"隐藏的行（未导入）：第 {numbers} 行。如这些行也要导入，"
                "请在 Excel 中取消隐藏后重新导入"
            )
        for key, numbers in self.month_only.items():
            lines.append(
                f"“{self.header.texts[key]}”有 {len(numbers)} 处只写了月份"
                f"（第 {numbers[0]} 行起），按当月 1 日保存、按月份显示"
            )
        return lines + self.totals.notes()


def _number_rows(table):
    """Offices number rows 1..n, or restart at 1 in every section, or write labels ("1-1",
    "（一）"); a file whose numbers are missing, repeat or are labels is numbered in row
    order."""
    seqs = [row.values.get("seq") for row in table.rows]
    labels = any(isinstance(seq, parsers.SeqLabel) for seq in seqs)
    if labels or None in seqs or len(set(seqs)) != len(seqs):
        for seq, row in enumerate(table.rows, start=1):
            row.values["seq"] = seq


def check_duplicates(table):
    """Two rows with the same natural key would import as one: name them both."""
    seen, problems = {}, []
    keys = table.layout.name_keys
    for row in table.rows:
        key = tuple(parsers.normalize(row.values.get(k)) for k in keys)
        if key in seen:
            column = table.headers.get(keys[-1], "")
            problems.append(RowProblem(row.number, column, f"与第 {seen[key]} 行重复"))
        else:
            seen[key] = row.number
    return problems
