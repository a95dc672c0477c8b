"""Which sheet of a workbook is which annex. Offices send 附件1–附件4 as the sheets of one
workbook; an annex's own sheet is found by what the sheet says it is (a "附件3" title cell, its
sheet name, or the words of its title), and a sheet that says it is another annex is never
read as this one, however well its columns fit."""

import re
from dataclasses import dataclass

from baidays.excel.concepts import ANNEX_CONCEPTS
from baidays.excel.errors import WorkbookError
from baidays.excel.headers import (
    best_candidate,
    header_of,
    missing_columns,
    normalize_header,
    not_found,
)

_LABEL = re.compile(r"^附件([1-4一二三四])(?![0-9\-—–~～至、])")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}
# words only one annex's title carries (the layouts' titles and other counties' names for them)
TITLE_WORDS = {
    1: ("基础设施",),
    2: ("争先杯", "参赛企业", "参赛项目"),
    3: ("工业性投资", "重点工业项目", "重点工业投资", "重点产业项目"),
    4: ("2112", "重点企业服务", "重点企业联系"),
}


def _label(text):
    match = _LABEL.match(text)
    if not match:
        return None
    found = match.group(1)
    return _NUMERALS.get(found) or int(found)


def declared_annex(name, rows_above):
    """The annex a sheet says it is, from the rows above its header and its name (None when
    its name does not count): a title cell "附件3" first, then the sheet's name "附件3", then
    the words of a title; None when it does not say or says two."""
    texts = [normalize_header(cell) for row in rows_above for cell in row if isinstance(cell, str)]
    texts = [text for text in texts if text]
    if name:
        texts.append(normalize_header(name))
    for text in texts:
        number = _label(text)
        if number:
            return number
    for text in texts:
        found = {n for n, words in TITLE_WORDS.items() if any(word in text for word in words)}
        if len(found) == 1:
            return found.pop()
    return None


@dataclass
class _Found:
    sheet: object
    rows: list
    candidate: object  # the sheet's best header for the annex, or None
    declared: int  # the annex the sheet says it is, or None


def find_annex_header(sheets, layout, mappings=None, chosen=None):
    """The header of `layout`'s table among `sheets` ((Sheet, first rows) pairs). `chosen` is
    the sheet the admin named (--sheet, or the import page's 工作表); without it, the annex's
    own sheets are looked at, else the sheets that say no annex; when two of them fit, the
    import is refused naming them."""
    concepts = ANNEX_CONCEPTS[layout.number]
    if chosen:
        sheets = _named(sheets, chosen)
    found = []
    for sheet, rows in sheets:
        candidate = best_candidate(sheet, rows, concepts, mappings)
        above = rows[: candidate.start] if candidate else rows
        # a lone sheet's name is whatever the template had; in a workbook of several it says
        # which annex each sheet is
        name = sheet.name if len(sheets) > 1 else None
        found.append(_Found(sheet, rows, candidate, declared_annex(name, above)))
    pool = found if chosen else _own_or_open(layout, found)
    fitting = [f for f in pool if f.candidate and not missing_columns(layout, f.candidate)]
    if len(fitting) > 1:
        names = "”“".join(f.sheet.name for f in fitting)
        raise WorkbookError(
            f"工作簿中有 {len(fitting)} 个工作表都可能是{layout.label}：“{names}”。"
            f"请指定要导入的工作表：命令加 --sheet 工作表名，或在导入页面的“工作表”中填写"
        )
    if not fitting:
        fitting = sorted(
            (f for f in pool if f.candidate),
            key=lambda f: f.candidate.rank,
            reverse=True,
        )
    if not fitting:
        raise not_found(layout)
    best = fitting[0]
    return header_of(layout, best.candidate, best.rows)


def _named(sheets, chosen):
    wanted = str(chosen).strip()
    named = [(sheet, rows) for sheet, rows in sheets if sheet.name.strip() == wanted]
    if not named:
        names = "”“".join(sheet.name for sheet, _ in sheets)
        raise WorkbookError(f"工作簿中没有名为“{wanted}”的工作表（可见的工作表：“{names}”）")
    return named


def _own_or_open(layout, found):
    """The sheets that say they are this annex, else those that say no annex; refused when
    every sheet is another annex."""
    own = [f for f in found if f.declared == layout.number]
    pool = own or [f for f in found if f.declared is None]
    if not pool and found:
        others = "；".join(f"“{f.sheet.name}”是附件{f.declared}" for f in found)
        raise WorkbookError(
            f"工作簿中没有{layout.label}的工作表（{others}）。如确是{layout.label}，"
            "请用 --sheet 工作表名（或导入页面的“工作表”）指定"
        )
    return pool
