"""What calamine does not tell about a sheet: which rows and columns are hidden, and, for .ods,
which cells are merged. Read from the file's own metadata, and only where the file has any:
an .xlsx sheet's XML is searched for a hidden flag before it is parsed (the 9,999-row annex
has none and costs one byte search); .xls through xlrd's formatting records; .ods from its
content.xml, streamed. Metadata that cannot be read refuses the file, naming the sheet and
what could not be read: a hidden row read as visible would be imported without a word."""

import html
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from posixpath import join, normpath

from defusedxml import ElementTree

from baidays.excel.errors import WorkbookError
from baidays.excel.safety import OLE_MAGIC
from core.parsing import MAX_DB_INTEGER, MalformedNumber, parse_int

_RESAVE = "文件可能已损坏：请在 Excel 或 WPS 中打开、另存后再导入。本次未导入任何数据"
_ROW_LIMIT, _COLUMN_LIMIT = 1_048_576, 16_384  # an Excel sheet's size


class _Unreadable(ValueError):
    """What of a sheet's metadata could not be read, in the clerk's words."""


def unreadable(sheet, what):
    where = f"工作表“{sheet}”的" if sheet else "工作簿的"
    return WorkbookError(f"{where}{what}无法读取，{_RESAVE}")


@dataclass
class SheetState:
    hidden_rows: set = field(default_factory=set)  # Excel row numbers
    hidden_columns: set = field(default_factory=set)  # 0-based column indices
    merges: list = None  # ((r1, c1), (r2, c2)) 0-based, where calamine gives none (.ods)
    formulas: bool = None  # whether an .xlsx sheet holds a formula (None: not looked at)


def sheet_states(data, names):
    """SheetState per sheet name of `names` (the visible sheets); WorkbookError naming the sheet
    when its hidden rows, hidden columns or merges cannot be read (nothing is imported)."""
    if data.startswith(OLE_MAGIC):
        return _xls_states(data, names)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise unreadable("", "目录（压缩包结构）") from error
    with archive:
        members = set(archive.namelist())
        if "xl/workbook.xml" in members:
            return _xlsx_states(archive, names)
        if "content.xml" in members:
            return _ods_states(archive, names)
    return {name: SheetState() for name in names}


# --- .xlsx ------------------------------------------------------------------------------------
_HIDDEN = re.compile(rb'hidden="(?:1|true)"')
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(\w+)="([^"]*)"')
_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>")
_TEXT_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_FLAGS = {b"1": True, b"true": True, b"0": False, b"false": False}
_ZIP_ERRORS = (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, UnicodeDecodeError)


def _attributes(tag):
    """A tag's attributes by local name ("r:id" and "id" both as "id"), in any order."""
    found = _TEXT_ATTR.findall(tag)
    return {name.rsplit(":", 1)[-1]: html.unescape(value) for name, value in found}


def _xlsx_parts(archive):
    """Sheet name -> the zip member of its XML."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    except _ZIP_ERRORS as error:
        raise unreadable("", "工作表目录（xl/workbook.xml）") from error
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        attrs = _attributes(tag)
        targets[attrs.get("Id")] = attrs.get("Target", "")
    parts = {}
    for tag in _SHEET.findall(workbook):
        attrs = _attributes(tag)
        target = targets.get(attrs.get("id"), "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        parts[attrs.get("name", "")] = path
    return parts


def _xlsx_states(archive, names):
    parts = _xlsx_parts(archive)
    states = {}
    for name in names:
        if name not in parts:
            raise unreadable(name, "内容（工作簿目录中没有它的位置）")
        try:
            xml = archive.read(parts[name])
        except _ZIP_ERRORS as error:
            raise unreadable(name, "内容") from error
        states[name] = _xlsx_state(name, xml)
    return states


def _xlsx_state(name, xml):
    # read once here, so the reader need not look again for formulas without a value
    state = SheetState(formulas=b"<f>" in xml or b"<f " in xml)
    if not _HIDDEN.search(xml):
        return state
    try:
        state.hidden_rows = _hidden_rows(xml)
    except _Unreadable as error:
        raise unreadable(name, f"隐藏行信息（{error}）") from error
    try:
        state.hidden_columns = _hidden_columns(xml)
    except _Unreadable as error:
        raise unreadable(name, f"隐藏列信息（{error}）") from error
    return state


def _hidden_rows(xml):
    """Excel row numbers of the rows flagged hidden; a row without `r` follows the one before."""
    hidden, number = set(), 0
    for tag in _ROW.findall(xml):
        attrs = dict(_ATTR.findall(tag))
        number = _whole(attrs[b"r"], "行号", _ROW_LIMIT) if b"r" in attrs else number + 1
        if _flag(attrs.get(b"hidden", b"0"), f"第 {number} 行"):
            hidden.add(number)
    return hidden


def _hidden_columns(xml):
    """0-based indices of the columns flagged hidden (a <col> spans min..max)."""
    hidden = set()
    for tag in _COL.findall(xml):
        attrs = dict(_ATTR.findall(tag))
        if not _flag(attrs.get(b"hidden", b"0"), "列"):
            continue
        if b"min" not in attrs or b"max" not in attrs:
            raise _Unreadable("隐藏的列没有写明起止列")
        first = _whole(attrs[b"min"], "起始列", _COLUMN_LIMIT)
        last = _whole(attrs[b"max"], "结束列", _COLUMN_LIMIT)
        if last < first:
            raise _Unreadable(f"结束列 {last} 在起始列 {first} 之前")
        hidden.update(range(first - 1, last))
    return hidden


def _whole(raw, what, limit):
    text = raw.decode("utf-8", "replace")
    number = _positive(text, limit)
    if number is None:
        raise _Unreadable(f"{what}“{text}”不是 1 至 {limit} 的整数")
    return number


def _positive(text, limit=MAX_DB_INTEGER):
    """`text` as a whole number 1..limit by the portal's one strict reading, else None."""
    try:
        number = parse_int(text, maximum=limit)
    except MalformedNumber:
        return None
    return number if number >= 1 else None


def _flag(raw, where):
    if raw not in _FLAGS:
        raise _Unreadable(f"{where}的隐藏标记“{raw.decode('utf-8', 'replace')}”无法识别")
    return _FLAGS[raw]


# --- .xls -------------------------------------------------------------------------------------
# what xlrd raises on a damaged BIFF record
_XLS_ERRORS = (ValueError, IndexError, KeyError, AssertionError, EOFError, UnicodeDecodeError)


def _xls_states(data, names):
    import struct

    import xlrd

    errors = (*_XLS_ERRORS, struct.error, xlrd.XLRDError)
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except errors as error:
        raise unreadable("", "格式信息（隐藏行列）") from error
    try:
        states = {}
        for name in names:
            try:
                sheet = book.sheet_by_name(name)
                states[name] = SheetState(
                    {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden},
                    {c for c, info in sheet.colinfo_map.items() if info.hidden},
                )
            except errors as error:
                raise unreadable(name, "隐藏行列信息") from error
        return states
    finally:
        book.release_resources()


# --- .ods -------------------------------------------------------------------------------------
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _t(name):
    return f"{{{_TABLE}}}{name}"


def _ods_states(archive, names):
    states = {name: SheetState(merges=[]) for name in names}
    reading = {"sheet": ""}  # the table being read, for the refusal
    try:
        with archive.open("content.xml") as content:
            _ods_tables(content, states, reading)
    except (ElementTree.ParseError, ValueError, *_ZIP_ERRORS) as error:
        # ValueError: defusedxml's refusals and _Unreadable; both name what was not read
        detail = f"（{error}）" if isinstance(error, _Unreadable) else ""
        raise unreadable(reading["sheet"], f"隐藏行列或合并单元格信息{detail}") from error
    return states


def _ods_tables(content, states, reading):
    state, row, column = None, 0, 0
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _t("table"):
                reading["sheet"] = element.get(_t("name"), "")
                state, row, column = states.get(reading["sheet"]), 0, 0
            continue
        if state is None:
            continue
        if tag == _t("table-column"):
            repeat = _ods_count(element, "number-columns-repeated")
            if element.get(_t("visibility")) == "collapse":
                state.hidden_columns.update(range(column, column + min(repeat, _COLUMN_LIMIT)))
            column += repeat
        elif tag in (_t("table-cell"), _t("covered-table-cell")):
            continue
        elif tag == _t("table-row"):
            row = _ods_row(state, element, row)
            element.clear()
        elif tag == _t("table"):
            state = None


def _ods_count(element, name):
    raw = element.get(_t(name), "1")
    number = _positive(raw)
    if number is None:
        raise _Unreadable(f"table:{name}=“{raw}”不是正整数")
    return number


def _ods_row(state, element, row):
    """Note the row's hidden flag and merges; the row number after it."""
    repeat = _ods_count(element, "number-rows-repeated")
    if element.get(_t("visibility")) == "collapse":
        state.hidden_rows.update(range(row + 1, row + 1 + min(repeat, _ROW_LIMIT)))
    column = 0
    for cell in element:
        span = _ods_count(cell, "number-columns-repeated")
        rows = _ods_count(cell, "number-rows-spanned")
        columns = _ods_count(cell, "number-columns-spanned")
        if cell.tag == _t("table-cell") and (rows > 1 or columns > 1):
            state.merges.append(((row, column), (row + rows - 1, column + columns - 1)))
        column += span
    return row + repeat
