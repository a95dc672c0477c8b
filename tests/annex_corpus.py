"""A generated corpus of annex workbooks: the sample annexes' rows written again from the
concept table, in the layouts offices use (one, two or three header rows; columns in any
order; 万元, 亿元 or 元; sections and 小计; with and without 序号) and in every format: .xlsx
by openpyxl, .xls by xlwt, .ods by odfpy — no LibreOffice needed."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from baidays.demo.samples import sample_path
from baidays.excel.concepts import ANNEX_CONCEPTS
from baidays.excel.layouts import AMOUNT, CATEGORY, GOAL, LAYOUTS
from baidays.excel.reader import read_annex
from enterprises.choices import CompetitionGoal, KeyEnterpriseCategory

UNIT_DIVISORS = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
SECTION_LABELS = {"goal": CompetitionGoal, "category": KeyEnterpriseCategory}


@dataclass(frozen=True)
class Variant:
    name: str
    header_rows: int = 1
    unit: str = "万元"
    unit_in_header: bool = True
    reverse: bool = False
    seq: bool = True
    sections: bool = False
    spelling: int = 0  # which of each concept's spellings to write

    def __str__(self):
        return self.name


VARIANTS = (
    Variant("plain"),
    Variant("two-rows-亿元", header_rows=2, unit="亿元", spelling=1),
    Variant("three-rows-元-line", header_rows=3, unit="元", unit_in_header=False, spelling=2),
    Variant("reversed-no-seq", reverse=True, seq=False, spelling=3),
    Variant("sections", sections=True, spelling=4, unit="亿元", unit_in_header=False),
    Variant("two-rows-reversed", header_rows=2, reverse=True, spelling=5, seq=False),
)


def sample_rows(annex):
    """The sample annex's rows as the reader gives them: column key -> parsed value."""
    return [row.values for row in read_annex(sample_path(annex), LAYOUTS[annex]).rows]


def spelling(annex, key, index):
    item = next(c for c in ANNEX_CONCEPTS[annex] if c.key == key)
    return item.spellings[index % len(item.spellings)]


def _columns(annex, variant, rows):
    layout = LAYOUTS[annex]
    used = {key for row in rows for key, value in row.items() if value not in (None, "")}
    columns = [c for c in layout.columns if c.key in used or c.in_header]
    if not variant.seq:
        columns = [c for c in columns if c.key != "seq"]
    if variant.sections and layout.section_key:
        columns = [c for c in columns if c.key != layout.section_key]
    return list(reversed(columns)) if variant.reverse else columns


def _header_text(annex, column, variant):
    text = spelling(annex, column.key, variant.spelling)
    for unit in ("（万元）", "(万元)"):
        text = text.replace(unit, "")
    if column.kind == AMOUNT and variant.unit_in_header and variant.header_rows == 1:
        text += f"（{variant.unit}）"
    return text


def _cell(column, value, variant):
    if value is None:
        return None
    if column.kind == AMOUNT:
        return float(value / UNIT_DIVISORS[variant.unit])
    if column.kind == GOAL:
        return CompetitionGoal(value).label
    if column.kind == CATEGORY:
        return KeyEnterpriseCategory(value).label
    return value


@dataclass
class Sheet:
    rows: list
    merges: list  # (first row, first col, last row, last col), 0-based


def build(annex, variant):
    """The variant's sheet (rows and merges) and the rows it holds."""
    layout = LAYOUTS[annex]
    records = sample_rows(annex)
    columns = _columns(annex, variant, records)
    top = [[f"附件{annex}"], [layout.title]]
    if not variant.unit_in_header:
        top.append(["填报单位：县工业园区管委会", f"金额单位：{variant.unit}"])
    header, merges = _header(annex, columns, variant, len(top))
    body = _body(annex, columns, variant, records)
    return Sheet(top + header + body, merges), records


def _header(annex, columns, variant, first):
    """One row; or the amounts under a group 投资情况 (the other headers merged down); or
    that under a title group spanning every column."""
    texts = [_header_text(annex, column, variant) for column in columns]
    if variant.header_rows == 1:
        return [texts], []
    amount = [i for i, c in enumerate(columns) if c.kind == AMOUNT]
    unit = f"（{variant.unit}）" if variant.unit_in_header else ""
    word = "投资情况" + unit
    if not amount:  # 附件4 has no amounts: its first columns go under a group instead
        amount, word = [1, 2], "基本情况"
    group = [None if i in amount else text for i, text in enumerate(texts)]
    sub = [text if i in amount else None for i, text in enumerate(texts)]
    group[amount[0]] = word
    rows, top, last = [group, sub], first, first + variant.header_rows - 1
    merges = []
    if variant.header_rows == 3:
        rows.insert(0, ["百日行动计划表"] + [None] * (len(columns) - 1))
        merges.append((first, 0, first, len(columns) - 1))
        top += 1
    merges += [(top, i, last, i) for i in range(len(columns)) if i not in amount]
    if amount == list(range(amount[0], amount[-1] + 1)):
        merges.append((top, amount[0], top, amount[-1]))
    return rows, merges


def _body(annex, columns, variant, records):
    key = LAYOUTS[annex].section_key if variant.sections else ""
    groups = {}
    for record in records:
        groups.setdefault(record.get(key) if key else "", []).append(record)
    rows = []
    amounts = [c for c in columns if c.kind == AMOUNT]
    for number, (value, members) in enumerate(groups.items(), start=1):
        if key:
            label = SECTION_LABELS[key](value).label if key in SECTION_LABELS else value
            rows.append([f"{'一二三四五六七八九十'[number - 1]}、{label}（{len(members)}家）"])
        rows += [[_cell(c, record.get(c.key), variant) for c in columns] for record in members]
        if key and amounts:
            rows.append(_sum_row("小计", columns, amounts, members, variant))
    if amounts:
        rows.append(_sum_row("合计", columns, amounts, records, variant))
    return rows


def _sum_row(label, columns, amounts, records, variant):
    row = [None] * len(columns)
    row[0 if columns[0].kind != AMOUNT else 1] = label
    for column in amounts:
        total = sum((r.get(column.key) or Decimal(0) for r in records), Decimal(0))
        row[columns.index(column)] = _cell(column, total, variant)
    return row


# --- writers ---------------------------------------------------------------------------------
def write_xlsx(sheet, path):
    return write_xlsx_book([("附件", sheet)], path)


def write_xlsx_book(sheets, path):
    """One workbook of several (name, Sheet) sheets, in order."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, sheet in sheets:
        target = workbook.create_sheet(name)
        for row in sheet.rows:
            target.append(row)
        for r1, c1, r2, c2 in sheet.merges:
            if (r1, c1) != (r2, c2):
                target.merge_cells(
                    start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1
                )
        for number in getattr(sheet, "hidden_rows", ()):
            target.row_dimensions[number].hidden = True
        for letter in getattr(sheet, "hidden_columns", ()):
            target.column_dimensions[letter].hidden = True
    workbook.save(path)
    return path


def write_xls(sheet, path):
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    target = workbook.add_sheet("附件")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    merged = set()
    for r1, c1, r2, c2 in sheet.merges:
        if (r1, c1) != (r2, c2):
            value = sheet.rows[r1][c1] if c1 < len(sheet.rows[r1]) else None
            target.write_merge(r1, r2, c1, c2, value)
            merged |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if value is None or (r, c) in merged:
                continue
            if isinstance(value, datetime.date):
                target.write(r, c, value, dates)
            else:
                target.write(r, c, value)
    workbook.save(str(path))
    return path


def write_ods(sheet, path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="附件")
    for row in sheet.rows:
        line = TableRow()
        for value in row:
            line.addElement(_ods_cell(TableCell, P, value))
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def _ods_cell(cell_class, paragraph, value):
    if value is None:
        return cell_class()
    if isinstance(value, datetime.date):
        cell = cell_class(valuetype="date", datevalue=value.isoformat())
    elif isinstance(value, (int, float)):
        cell = cell_class(valuetype="float", value=repr(value))
    else:
        cell = cell_class(valuetype="string")
    cell.addElement(paragraph(text=str(value)))
    return cell


WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}
