"""The reader for annex workbooks as offices write them: it finds the sheet and the header row
by header text (one row, or two rows under a merged group header), skips title, unit, blank,
合计 and 注 rows, applies section rows ("一、开工项目（7家）") to the rows under them, and
parses every cell. Every bad cell is collected; nothing is returned unless all rows are good."""

import io
import re
from dataclasses import dataclass, field

from openpyxl import load_workbook

from baidays.excel import parsers
from baidays.excel.errors import CellError, RowErrors, RowProblem, WorkbookError
from baidays.excel.layouts import SECTION_SPELLINGS, header_key, parse_cell, section_choice
from baidays.excel.safety import check_workbook

MAX_DATA_ROWS = 20000
HEADER_SEARCH_ROWS = 30
_TOTAL_PREFIXES = ("合计", "总计", "全部合计")
_SUBTOTAL_PREFIXES = ("小计",)
_FOOTNOTE_PREFIXES = ("注", "说明", "备注:", "填表人", "审核人", "制表", "联系人", "填报人")
_SECTION_ORDINAL = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])"
)
_SECTION_COUNT = re.compile(r"[(（]\d+[个家项][)）]$")
_TITLE_ROW = re.compile(r"^(附件\d*|填报单位|单位:|单位：|填报日期|编制单位)")


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


@dataclass
class _Header:
    sheet_name: str
    first_row: int
    last_row: int
    positions: dict  # column key -> 0-based index
    texts: dict  # column key -> header as written


def read_annex(source, layout, *, filename=None):
    data = check_workbook(source, filename=filename)
    workbook = _open(data, data_only=True)
    try:
        header = _find_header(workbook, layout)
        sheet = workbook[header.sheet_name]
        if sheet.max_row and sheet.max_row - header.last_row > MAX_DATA_ROWS + 200:
            raise WorkbookError(f"数据超过 {MAX_DATA_ROWS} 行，请分批导入")
        table, problems, unresolved = _read_rows(sheet, layout, header)
    finally:
        workbook.close()
    if unresolved:
        problems.extend(_formula_problems(data, header, unresolved))
    problems.extend(check_duplicates(table))
    if problems:
        raise RowErrors(problems)
    if not table.rows:
        raise WorkbookError(f"{layout.label}表头下没有数据行")
    _number_rows(table)
    return table


def _open(data, *, data_only):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as error:  # openpyxl raises many kinds on damaged XML
        raise WorkbookError("文件已损坏，无法打开，请重新保存后再导入") from error


def _match(layout, texts):
    """Column key -> index for the header cells `texts` (each a list of candidate spellings)."""
    positions = {}
    for column in layout.columns:
        spellings = column.spellings
        for index, candidates in enumerate(texts):
            if index in positions.values():
                continue
            if any(candidate in spellings for candidate in candidates):
                positions[column.key] = index
                break
    return positions


def _candidates_one(row):
    return [[header_key(cell)] if cell is not None else [] for cell in row]


def _candidates_two(top, sub):
    """Candidates for a header over two rows. In read-only mode merged cells are empty except
    the first, so a group header ("百日行动计划") is carried right over its sub-headers."""
    candidates, group = [], ""
    for index in range(max(len(top), len(sub))):
        upper = header_key(top[index]) if index < len(top) and top[index] is not None else ""
        lower = header_key(sub[index]) if index < len(sub) and sub[index] is not None else ""
        if upper:
            group = upper if lower else ""
        names = [name for name in (lower, upper) if name]
        if lower and group:
            names.append(group + lower)
        candidates.append(names)
    return candidates


def _find_header(workbook, layout):
    best = None
    for sheet in workbook.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible":
            continue
        rows = [
            tuple(row) for row in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS + 1, values_only=True)
        ]
        for index, row in enumerate(rows):
            positions = _match(layout, _candidates_one(row))
            if len(positions) < 2 or "seq" not in positions and len(positions) < 3:
                continue
            last = index
            if index + 1 < len(rows):
                combined = _match(layout, _candidates_two(row, rows[index + 1]))
                if len(combined) > len(positions):
                    positions, last = combined, index + 1
            score = len(positions)
            if best is None or score > best[0]:
                texts = _header_texts(rows[index], rows[last], positions)
                best = (score, _Header(sheet.title, index + 1, last + 1, positions, texts))
            break
    if best is None:
        names = "、".join(f"“{column.header}”" for column in layout.columns[:4])
        raise WorkbookError(
            f"找不到{layout.label}的表头：前 {HEADER_SEARCH_ROWS} 行中没有包含 {names} 等列名的行"
        )
    header = best[1]
    missing = [c.header for c in layout.columns if c.in_header and c.key not in header.positions]
    if missing:
        raise WorkbookError(f"{layout.label}表头缺少“{'”“'.join(missing)}”列")
    return header


def _header_texts(top, sub, positions):
    texts = {}
    for key, index in positions.items():
        lower = sub[index] if index < len(sub) else None
        upper = top[index] if index < len(top) else None
        texts[key] = parsers.parse_text(lower if lower is not None and sub is not top else upper)
    return texts


def _row_kind(cells):
    """'blank', 'total', 'subtotal', 'footnote', 'section', 'title' or 'data'."""
    filled = [cell for cell in cells if cell is not None and cell != ""]
    if len(filled) > 3:
        # the common case, an ordinary data row: only its first cells can say 合计 / 小计
        heads = [parsers.normalize(cell) for cell in filled[:3] if isinstance(cell, str)]
        if any(text.startswith(_TOTAL_PREFIXES) for text in heads):
            return "total", ""
        if any(text.startswith(_SUBTOTAL_PREFIXES) for text in heads):
            return "subtotal", ""
        return "data", ""
    texts = [text for text in (parsers.normalize(cell) for cell in filled) if text]
    if not texts:
        return "blank", ""
    first = texts[0]
    if any(text.startswith(_TOTAL_PREFIXES) for text in texts[:3]):
        return "total", ""
    if any(text.startswith(_SUBTOTAL_PREFIXES) for text in texts[:3]):
        return "subtotal", ""
    if len(set(texts)) == 1 and not isinstance(
        next(c for c in cells if c is not None), (int, float)
    ):
        if first.startswith(_FOOTNOTE_PREFIXES):
            return "footnote", ""
        if _TITLE_ROW.match(first):
            return "title", ""
        if _SECTION_ORDINAL.match(first) or _SECTION_COUNT.search(first):
            return "section", first
    if len(texts) <= 2 and first.startswith(_FOOTNOTE_PREFIXES):
        return "footnote", ""
    return "data", ""


def _section_label(text):
    label = _SECTION_ORDINAL.sub("", text)
    return _SECTION_COUNT.sub("", label).strip() or text


def _read_rows(sheet, layout, header):
    table = AnnexTable(layout, header.sheet_name, (header.first_row, header.last_row), header.texts)
    problems, unresolved = [], []
    section_value, section_text, count = None, "", 0
    checked = {c.key for c in layout.columns if c.required or c.kind not in ("text",)}
    missing_required = [c for c in layout.columns if c.required and c.key not in header.positions]
    for number, row in enumerate(
        sheet.iter_rows(min_row=header.last_row + 1, values_only=True), start=header.last_row + 1
    ):
        kind, text = _row_kind(row)
        if kind == "total":
            break
        if kind in ("blank", "subtotal", "footnote", "title"):
            continue
        if kind == "section":
            section_text = _section_label(text)
            section_value, problem = _section_value(layout, section_text, number)
            if problem:
                problems.append(problem)
            continue
        count += 1
        if count > MAX_DATA_ROWS:
            raise WorkbookError(f"数据超过 {MAX_DATA_ROWS} 行，请分批导入")
        cells = {
            key: row[index] if index < len(row) else None for key, index in header.positions.items()
        }
        if all(cells[key] is None for key in cells if key != "seq"):
            continue  # a numbered but empty line of a template
        values, row_problems = _parse_row(layout, header, number, cells)
        for key in checked:
            if key in cells and cells[key] is None:
                unresolved.append((number, key))
        if layout.section_key and not values.get(layout.section_key) and section_value:
            values[layout.section_key] = section_value
            row_problems = [
                p
                for p in row_problems
                if p.column != header.texts.get(layout.section_key) or p.reason != "不能为空"
            ]
        for column in missing_required:
            if values.get(column.key) in (None, ""):
                reason = "表中没有这一列，该行也不在分组行（如“一、开工项目”）之下"
                row_problems.append(RowProblem(number, column.header, reason))
        problems.extend(row_problems)
        table.rows.append(AnnexRow(number, values, section_text))
    if any(layout.section_key in row.values for row in table.rows):
        table.headers.setdefault(layout.section_key, layout.column(layout.section_key).header)
    return table, problems, unresolved


def _section_value(layout, text, number):
    if not layout.section_key:
        return None, None
    if layout.section_key in SECTION_SPELLINGS:
        value = section_choice(SECTION_SPELLINGS[layout.section_key], text)
        if value is None:
            column = layout.column(layout.section_key)
            return None, RowProblem(
                number, column.header, f"分组行“{text}”不是已知的{column.header}"
            )
        return value, None
    # a free-text section (annex 1 zones) applies only when it names a zone
    return (text if text.endswith(("区", "区块", "片区", "园区")) else None), None


def _parse_row(layout, header, number, cells):
    values, problems = {}, []
    for column in layout.columns:
        if column.key not in header.positions:
            continue
        header_text = header.texts[column.key]
        try:
            value = parse_cell(column, cells[column.key])
        except CellError as error:
            problems.append(RowProblem(number, header_text, str(error)))
            continue
        if column.required and value in (None, ""):
            problems.append(RowProblem(number, header_text, "不能为空"))
        values[column.key] = value
    for check in layout.extra_checks:
        failure = check(values)
        if failure:
            key, reason = failure
            problems.append(RowProblem(number, header.texts.get(key, ""), reason))
    return values, problems


def _formula_problems(data, header, unresolved):
    """Empty cells that hold a formula Excel never calculated (the file was written by a
    program, or saved without recalculation): data_only gives None for both."""
    workbook = _open(data, data_only=False)
    try:
        sheet = workbook[header.sheet_name]
        wanted = {}
        for number, key in unresolved:
            wanted.setdefault(number, []).append(key)
        problems = []
        first, last = min(wanted), max(wanted)
        for number, row in enumerate(
            sheet.iter_rows(min_row=first, max_row=last, values_only=True), start=first
        ):
            for key in wanted.get(number, ()):
                index = header.positions[key]
                value = row[index] if index < len(row) else None
                if isinstance(value, str) and value.startswith("="):
                    problems.append(
                        RowProblem(
                            number,
                            header.texts[key],
                            "公式没有计算结果，请在 Excel 中打开、保存后再导入",
                        )
                    )
        return problems
    finally:
        workbook.close()


def _number_rows(table):
    """Offices number rows 1..n, or restart at 1 in every section; a file whose numbers are
    missing or repeat is numbered in row order."""
    seqs = [row.values.get("seq") for row in table.rows]
    if None in seqs or len(set(seqs)) != len(seqs):
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
