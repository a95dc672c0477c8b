"""A generated corpus of annex workbooks: the sample annexes' rows written again from the
concept table, in the layouts offices use (one, two or three header rows; columns in any
order; 万元, 亿元 or 元; sections and 小计; with and without 序号) and in every format: .xlsx
by openpyxl, .xls by xlwt, .ods by odfpy — no LibreOffice needed."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.utils import column_index_from_string, get_column_letter

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
    merged: bool = False  # attributes written once, merged down over the rows they apply to
    months: str = ""  # "" | "total" (5月…8月 and 合计 under 百日计划投资) | "parts" (no 合计)
    hidden: bool = False  # a stale hidden column and a hidden data row that is not imported
    two_levels: bool = False  # "一、…" over "（一）…" sections, each with its 小计
    seq_labels: bool = False  # 序号 written "1-1", "1-2"…

    def __str__(self):
        return self.name


VARIANTS = (
    Variant("plain"),
    Variant("two-rows-亿元", header_rows=2, unit="亿元", spelling=1),
    Variant("three-rows-元-line", header_rows=3, unit="元", unit_in_header=False, spelling=2),
    Variant("reversed-no-seq", reverse=True, seq=False, spelling=3),
    Variant("sections", sections=True, spelling=4, unit="亿元", unit_in_header=False),
    Variant("two-rows-reversed", header_rows=2, reverse=True, spelling=5, seq=False),
    Variant("merged-attributes", merged=True, spelling=1),
    Variant("months-with-total-亿元", months="total", unit="亿元", spelling=2),
    Variant("months-only-parts", months="parts", merged=True, unit_in_header=False),
    Variant("hidden-column-and-row", hidden=True, spelling=3),
    Variant(
        "two-level-sections-merged",
        sections=True,
        two_levels=True,
        merged=True,
        seq_labels=True,
        unit="亿元",
        unit_in_header=False,
    ),
)
# the attributes offices write once for several rows, merged down (never an amount)
MERGEABLE = ("zone", "responsible_department", "responsible_leader", "liaison_leader", "goal")
MERGEABLE += ("category", "enterprise_name")
MONTHS = ("5月", "6月", "7月", "8月")


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
    if variant.months and annex != 4:
        at = next(i for i, c in enumerate(columns) if c.key == "planned_investment_wan")
        parts = [Part(month, n) for n, month in enumerate(MONTHS)]
        total = [columns[at]] if variant.months == "total" else []
        columns = columns[:at] + parts + total + columns[at + 1 :]
    return list(reversed(columns)) if variant.reverse else columns


@dataclass(frozen=True)
class Part:
    """One month of the 100-day plan: a quarter of it, the cents left over in the first."""

    period: str
    index: int
    key: str = "planned_investment_wan"
    kind: str = "part"

    def share(self, amount):
        cents = int(amount * 100)
        quarter, rest = divmod(cents, len(MONTHS))
        return Decimal(quarter + (rest if self.index == 0 else 0)) / 100


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
    if column.kind == "part":
        return float(column.share(value) / UNIT_DIVISORS[variant.unit])
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
    hidden_rows: tuple = ()  # Excel row numbers
    hidden_columns: tuple = ()  # letters


def build(annex, variant):
    """The variant's sheet (rows, merges, hidden rows and columns) and the rows it holds."""
    layout = LAYOUTS[annex]
    records = sample_rows(annex)
    columns = _columns(annex, variant, records)
    top = [[f"附件{annex}"], [layout.title]]
    if not variant.unit_in_header:
        top.append(["填报单位：县工业园区管委会", f"金额单位：{variant.unit}"])
    if any(c.kind == "part" for c in columns):
        header, merges = _month_header(annex, columns, variant, len(top))
    else:
        header, merges = _header(annex, columns, variant, len(top))
    body, body_merges = _body(annex, columns, variant, records)
    first = len(top) + len(header)
    merges += [(r1 + first, c1, r2 + first, c2) for r1, c1, r2, c2 in body_merges]
    sheet = Sheet(top + header + body, merges)
    if variant.hidden:
        _hide(annex, sheet, columns, first, variant)
    return sheet, records


def _hide(annex, sheet, columns, first, variant):
    """A stale copy of an amount (or text) column, hidden right of the real one under the same
    header, and a stale data row hidden under the first one: neither is imported."""
    key = "planned_investment_wan" if annex != 4 else "main_products"
    at = next(i for i, c in enumerate(columns) if c.key == key) + 1
    for number, row in enumerate(sheet.rows):
        row.extend([None] * (len(columns) - len(row)))
        row.insert(at, 9999 if number >= first else None)
    sheet.rows[first - 1][at] = sheet.rows[first - 1][at - 1]
    name = next(i for i, c in enumerate(columns) if c.key == LAYOUTS[annex].name_keys[-1])
    stale = list(sheet.rows[first])
    stale[name + (name >= at)] = "已撤销的旧项目"
    sheet.rows.insert(first + 1, stale)
    sheet.merges = [
        (r1 + (r1 > first), c1 + (c1 >= at), r2 + (r2 > first), c2 + (c2 >= at))
        for r1, c1, r2, c2 in sheet.merges
    ]
    sheet.hidden_rows = (first + 2,)
    sheet.hidden_columns = (get_column_letter(at + 1),)


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


def _month_header(annex, columns, variant, first):
    """百日计划投资 over 5月…8月 (and 合计), the other headers merged down over both rows."""
    parts = [i for i, c in enumerate(columns) if c.key == "planned_investment_wan"]
    unit = f"（{variant.unit}）" if variant.unit_in_header else ""
    group, sub = [], []
    for i, column in enumerate(columns):
        if i in parts:
            group.append("百日计划投资" + unit if i == parts[0] else None)
            sub.append(column.period if column.kind == "part" else "合计")
        else:
            group.append(_header_text(annex, column, variant))
            sub.append(None)
    merges = [(first, i, first + 1, i) for i in range(len(columns)) if i not in parts]
    merges.append((first, parts[0], first, parts[-1]))
    return [group, sub], merges


def _groups(annex, variant, records):
    key = LAYOUTS[annex].section_key if variant.sections else ""
    groups = {}
    for record in records:
        groups.setdefault(record.get(key) if key else "", []).append(record)
    return key, groups


def _body(annex, columns, variant, records):
    """The data rows (sections, 小计 and 合计 as the variant has them) and the merges of
    attributes written once for a run of rows (0-based, relative to the first body row)."""
    key, groups = _groups(annex, variant, records)
    rows, merges = [], []
    amounts = [c for c in columns if c.kind in (AMOUNT, "part")]
    if variant.two_levels:
        rows.append(["一、现代工业集聚区"])
    for number, (value, members) in enumerate(groups.items(), start=1):
        if key:
            label = SECTION_LABELS[key](value).label if key in SECTION_LABELS else value
            ordinal = "一二三四五六七八九十"[number - 1]
            heading = f"（{ordinal}）" if variant.two_levels else f"{ordinal}、"
            rows.append([f"{heading}{label}（{len(members)}家）"])
        start = len(rows)
        for n, record in enumerate(members, start=1):
            row = [_cell(c, record.get(c.key), variant) for c in columns]
            if variant.seq_labels and columns[0].key == "seq":
                row[0] = f"{number}-{n}"
            rows.append(row)
        if variant.merged:
            merges += _merge_runs(columns, rows, start, len(rows))
        if key and amounts:
            rows.append(_sum_row("小计", columns, amounts, members, variant))
    if variant.two_levels and amounts:
        rows.append(_sum_row("小计", columns, amounts, records, variant))
    if amounts:
        rows.append(_sum_row("合计", columns, amounts, records, variant))
    return rows, merges


def _merge_runs(columns, rows, start, end):
    """Runs of one value down a mergeable column: written once, merged."""
    merges = []
    for c, column in enumerate(columns):
        if column.key not in MERGEABLE:
            continue
        top = start
        for r in range(start + 1, end + 1):
            if r < end and rows[r][c] == rows[top][c] and rows[top][c] is not None:
                continue
            if r - top > 1:
                merges.append((top, c, r - 1, c))
                for covered in range(top + 1, r):
                    rows[covered][c] = None
            top = r
    return merges


def _sum_row(label, columns, amounts, records, variant):
    row = [None] * len(columns)
    row[0 if columns[0].kind not in (AMOUNT, "part") else 1] = label
    for column in amounts:
        values = [r.get(column.key) or Decimal(0) for r in records]
        if column.kind == "part":  # the sum of the rows' shares, as the rows are written
            total = sum((column.share(value) for value in values), Decimal(0))
            row[columns.index(column)] = float(total / UNIT_DIVISORS[variant.unit])
        else:
            row[columns.index(column)] = _cell(column, sum(values, Decimal(0)), variant)
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
    for number in sheet.hidden_rows:
        target.row(number - 1).hidden = True
    for letter in sheet.hidden_columns:
        target.col(column_index_from_string(letter) - 1).hidden = True
    workbook.save(str(path))
    return path


def write_ods(sheet, path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="附件")
    width = max(len(row) for row in sheet.rows)
    hidden = {column_index_from_string(letter) - 1 for letter in sheet.hidden_columns}
    for c in range(width):
        table.addElement(TableColumn(visibility="collapse" if c in hidden else "visible"))
    tops, covered = {}, set()
    for r1, c1, r2, c2 in sheet.merges:
        if (r1, c1) != (r2, c2):
            tops[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, row in enumerate(sheet.rows):
        shown = "collapse" if r + 1 in sheet.hidden_rows else "visible"
        line = TableRow(visibility=shown)
        for c in range(width):
            value = row[c] if c < len(row) else None
            if (r, c) in tops:
                rows, columns = tops[(r, c)]
                cell = _ods_cell(TableCell, P, value)
                cell.setAttribute("numberrowsspanned", str(rows))
                cell.setAttribute("numbercolumnsspanned", str(columns))
            elif (r, c) in covered:
                cell = CoveredTableCell()
            else:
                cell = _ods_cell(TableCell, P, value)
            line.addElement(cell)
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
