"""What calamine does not tell about a sheet: which rows and columns are hidden, and, for .ods,
which cells are merged. Read from the file's own metadata, and only where the file has any:
an .xlsx sheet's XML is searched for a hidden flag before it is parsed (the 9,999-row annex
has none and costs one byte search); .xls through xlrd's formatting records; .ods from its
content.xml, streamed."""

import io
import re
import zipfile
from dataclasses import dataclass, field
from posixpath import join, normpath

from defusedxml import ElementTree

from baidays.excel.safety import OLE_MAGIC


@dataclass
class SheetState:
    hidden_rows: set = field(default_factory=set)  # Excel row numbers
    hidden_columns: set = field(default_factory=set)  # 0-based column indices
    merges: list = None  # ((r1, c1), (r2, c2)) 0-based, where calamine gives none (.ods)
    formulas: bool = None  # whether an .xlsx sheet holds a formula (None: not looked at)


def sheet_states(data, names):
    """SheetState per sheet name of `names` (the visible sheets); an unreadable part of the
    metadata leaves that sheet's state empty (calamine has already read its cells)."""
    try:
        if data.startswith(OLE_MAGIC):
            return _xls_states(data, names)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
            if "xl/workbook.xml" in members:
                return _xlsx_states(archive, names)
            if "content.xml" in members:
                return _ods_states(archive, names)
    except Exception:  # noqa: BLE001 - metadata only: the cells were read without it
        pass
    return {name: SheetState() for name in names}


# --- .xlsx ------------------------------------------------------------------------------------
_HIDDEN = re.compile(rb'hidden="(?:1|true)"')
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(\w+)="([^"]*)"')
_SHEET = re.compile(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*\bId="([^"]*)"[^>]*\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(r'<Relationship\b[^>]*\bTarget="([^"]*)"[^>]*\bId="([^"]*)"')


def _xlsx_parts(archive):
    """Sheet name -> the zip member of its XML."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = dict(_REL.findall(rels))
    targets.update({rid: target for target, rid in _REL_REVERSED.findall(rels)})
    parts = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        parts[_unescape(name)] = path
    return parts


def _unescape(text):
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def _xlsx_states(archive, names):
    parts = _xlsx_parts(archive)
    states = {}
    for name in names:
        state = states[name] = SheetState()
        xml = archive.read(parts[name]) if name in parts else b""
        # read once here, so the reader need not look again for formulas without a value
        state.formulas = b"<f>" in xml or b"<f " in xml
        if not _HIDDEN.search(xml):
            continue
        for tag in _ROW.findall(xml):
            attrs = dict(_ATTR.findall(tag))
            if attrs.get(b"hidden") in (b"1", b"true") and b"r" in attrs:
                state.hidden_rows.add(int(attrs[b"r"]))
        for tag in _COL.findall(xml):
            attrs = dict(_ATTR.findall(tag))
            if attrs.get(b"hidden") in (b"1", b"true"):
                first, last = int(attrs[b"min"]), int(attrs[b"max"])
                state.hidden_columns.update(range(first - 1, min(last, 16384)))
    return states


# --- .xls -------------------------------------------------------------------------------------
def _xls_states(data, names):
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    try:
        states = {}
        for name in names:
            sheet = book.sheet_by_name(name)
            states[name] = SheetState(
                {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden},
                {c for c, info in sheet.colinfo_map.items() if info.hidden},
            )
        return states
    finally:
        book.release_resources()


# --- .ods -------------------------------------------------------------------------------------
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _t(name):
    return f"{{{_TABLE}}}{name}"


def _ods_states(archive, names):
    states = {name: SheetState(merges=[]) for name in names}
    state, row, column = None, 0, 0
    with archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _t("table"):
                    state, row, column = states.get(element.get(_t("name"))), 0, 0
                continue
            if state is None:
                continue
            if tag == _t("table-column"):
                repeat = int(element.get(_t("number-columns-repeated"), 1))
                if element.get(_t("visibility")) == "collapse":
                    state.hidden_columns.update(range(column, column + min(repeat, 16384)))
                column += repeat
            elif tag in (_t("table-cell"), _t("covered-table-cell")):
                continue
            elif tag == _t("table-row"):
                row = _ods_row(state, element, row)
                element.clear()
            elif tag == _t("table"):
                state = None
    return states


def _ods_row(state, element, row):
    """Note the row's hidden flag and merges; the row number after it."""
    repeat = int(element.get(_t("number-rows-repeated"), 1))
    if element.get(_t("visibility")) == "collapse":
        state.hidden_rows.update(range(row + 1, row + 1 + min(repeat, 1_048_576)))
    column = 0
    for cell in element:
        span = int(cell.get(_t("number-columns-repeated"), 1))
        rows = int(cell.get(_t("number-rows-spanned"), 1))
        columns = int(cell.get(_t("number-columns-spanned"), 1))
        if cell.tag == _t("table-cell") and (rows > 1 or columns > 1):
            state.merges.append(((row, column), (row + rows - 1, column + columns - 1)))
        column += span
    return row + repeat
