"""Rows that are not data rows, and section rows at two levels. Offices group an annex's rows
under "一、现代工业集聚区" and, inside, "（一）开工项目（7家）", each level closed by its 小计;
the ordinal may stand in its own cell ("一" | "现代工业集聚区"). A section names the value of the
layout's section column (a 争先杯 goal, an enterprise category, a 附件1 zone) at whichever level
says one; the deepest level that does wins."""

import re

from baidays.excel import parsers
from baidays.excel.layouts import SECTION_SPELLINGS, section_choice

_TOTAL_PREFIXES = ("合计", "总计", "全部合计", "总合计")
_SUBTOTAL_PREFIXES = ("小计",)
_FOOTNOTE_PREFIXES = ("注", "说明", "备注:", "填表人", "审核人", "制表", "联系人", "填报人")
_NUMERAL = "一二三四五六七八九十"
_LEVEL_1 = re.compile(rf"^[{_NUMERAL}]+[、.．]")
_LEVEL_2 = re.compile(rf"^[(（][{_NUMERAL}]+[)）]")
_ORDINAL_ALONE = re.compile(rf"^(?:[{_NUMERAL}]+[、.．]?|[(（][{_NUMERAL}]+[)）][、.．]?)$")
_SECTION_COUNT = re.compile(r"[(（]\d+[个家项][)）]$")
_TITLE_ROW = re.compile(r"^(附件\d*|填报单位|单位:|单位：|金额单位|填报日期|编制单位)")


def row_kind(cells):
    """('blank' | 'total' | 'subtotal' | 'footnote' | 'section' | 'title' | 'data', the section
    row's text)."""
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
    if any(text.startswith(_TOTAL_PREFIXES) for text in texts[:3]):
        return "total", ""
    if any(text.startswith(_SUBTOTAL_PREFIXES) for text in texts[:3]):
        return "subtotal", ""
    return _few_cells_kind(filled, texts)


def _few_cells_kind(filled, texts):
    """The kind of a row of at most three cells that is no 合计 or 小计."""
    first = texts[0]
    if len(set(texts)) == 1 and not isinstance(filled[0], (int, float)):
        if first.startswith(_FOOTNOTE_PREFIXES):
            return "footnote", ""
        if _TITLE_ROW.match(first):
            return "title", ""
        if _LEVEL_1.match(first) or _LEVEL_2.match(first) or _SECTION_COUNT.search(first):
            return "section", first
    if len(texts) == 2 and _ORDINAL_ALONE.match(first) and not _is_number(filled[1]):
        # "一" | "现代工业集聚区": the ordinal in the 序号 cell, the name beside it
        ordinal = first if first[-1] in "、.．)）" else first + "、"
        return "section", ordinal + texts[1]
    if len(texts) <= 2 and first.startswith(_FOOTNOTE_PREFIXES):
        return "footnote", ""
    return "data", ""


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def level(text):
    """1 for "一、…" (and a section without an ordinal), 2 for "（一）…"."""
    return 2 if _LEVEL_2.match(text) else 1


def label(text):
    """The section's words without its ordinal and count: "（一）开工项目（7家）" → 开工项目."""
    stripped = _LEVEL_2.sub("", _LEVEL_1.sub("", text))
    return _SECTION_COUNT.sub("", stripped).strip() or text


class Sections:
    """The section rows above the current row, by level."""

    def __init__(self, layout):
        self.layout = layout
        self.levels = {}  # level -> (label, value or None)
        self.text = ""  # the sections' words, "现代工业集聚区 / 开工项目"

    def enter(self, text):
        """A section row; returns its level."""
        depth = level(text)
        self.levels = {k: v for k, v in self.levels.items() if k < depth}
        words = label(text)
        self.levels[depth] = (words, self.value_of(words))
        self.text = " / ".join(words for _, (words, _) in sorted(self.levels.items()))
        return depth

    def value_of(self, words):
        key = self.layout.section_key
        if not key:
            return None
        if key in SECTION_SPELLINGS:
            return section_choice(SECTION_SPELLINGS[key], words)
        # a free-text section (附件1 zones) applies only when it names a zone
        return words if words.endswith(("区", "区块", "片区", "园区")) else None

    @property
    def value(self):
        found = [value for _, (_, value) in sorted(self.levels.items()) if value is not None]
        return found[-1] if found else None

    def unknown(self):
        """The sections' words when none names a value of the section column ("" if none)."""
        if not self.levels or self.value is not None:
            return ""
        return "、".join(f"“{words}”" for _, (words, _) in sorted(self.levels.items()))
