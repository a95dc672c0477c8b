"""Cell parsers. Offices type amounts as numbers, as text with full-width digits or thousands
separators, in 元, 万元 or 亿元, and dates as date cells, text in several spellings or only a
month; every one ends up as a Decimal in 万元 with two places, or a date, never a float."""

import datetime
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from baidays.excel.errors import CellError
from core.bounds import SEQ_MAX
from core.money import CENT
from core.parsing import MalformedNumber, parse_int

MAX_WAN = Decimal("999999999999.99")  # the money fields hold 14 digits with 2 places
UNIT_FACTORS = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
_AMOUNT_SUFFIXES = (
    ("亿元", UNIT_FACTORS["亿元"]),
    ("亿", UNIT_FACTORS["亿元"]),
    ("万元", UNIT_FACTORS["万元"]),
    ("万", UNIT_FACTORS["万元"]),
    ("元", UNIT_FACTORS["元"]),
)
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
]
_MONTH_PATTERNS = [
    re.compile(r"^(\d{4})年(\d{1,2})月(?:份|初|上旬)?$"),
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
]
_EXCEL_SERIAL_RANGE = (20000, 80000)  # 1954..2119: a bare number in a date column is a serial
_YEAR_RANGE = (1900, 2200)


class UnitUnknown(CellError):
    """A plain number in an amount column whose unit the file does not say."""


class MonthOnly(datetime.date):
    """A date written as a month ("2026年5月"): stored as its first day, shown as the month."""

    def __str__(self):
        return f"{self.year}年{self.month}月"

    def as_date(self):
        return datetime.date(self.year, self.month, 1)


def normalize(value):
    """Text as compared: NFKC (full-width digits, brackets and spaces become half-width) with
    every space removed, so "序 号" and "计划投资（万元）" match their plain spellings."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


_RUNS_OF_SPACE = re.compile(r"[ \t\u3000]+")
_RUNS_OF_HALF_SPACE = re.compile(r"[ \t]+")
# a line break typed inside a cell (Alt+Enter; \r\n from WPS, _x000D_-decoded \r, U+2028)
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\v\u2028\u2029])[ \t]*")


def _as_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return str(value)


def _plain(text):
    """No run of spaces, tab, full-width space or line break: most cells (`in` is the fastest
    test; this runs on every text cell of a 10,000-row annex)."""
    return (
        "  " not in text
        and "\t" not in text
        and "\u3000" not in text
        and "\n" not in text
        and "\r" not in text
        and "\v" not in text
        and "\u2028" not in text
    )


def parse_text(value):
    """Free text as stored: a line break inside the cell becomes a space, runs of spaces
    (full-width ones too) one space."""
    if value is None:
        return ""
    if type(value) is str and _plain(value):
        return value.strip()  # the common cell: nothing to collapse
    text = _LINE_BREAKS.sub(" ", _as_text(value))
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def parse_name(value):
    """A name (of a project, an enterprise, a unit, a person) as stored and as matched: a line
    break inside the cell becomes nothing ("年产5000台\n数控机床项目" is one name), runs of
    half-width spaces one space; a full-width space inside stays as written."""
    if value is None:
        return ""
    if type(value) is str and _plain(value):
        return value.strip(" \t")  # the common cell: nothing to remove
    text = _as_text(value)
    if "\n" in text or "\r" in text or "\v" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_BREAKS.sub("", text)
    return _RUNS_OF_HALF_SPACE.sub(" ", text).strip(" \t")


# what offices write for "none" in an amount (0) or a date (no date)
_NONE_WORD = re.compile(r"^(?:[-—–―─~/\\]+|无|暂无|没有)$")


def is_none_word(value):
    """Whether a cell says "none" with a dash, a slash or 无 ("—", "－", "/", "无")."""
    return isinstance(value, str) and bool(_NONE_WORD.match(normalize(value)))


def parse_amount(value, unit="万元"):
    """An amount in 万元 as Decimal with two places; None for an empty cell. `unit` is the
    column's unit (万元, 亿元 or 元; None when the file does not say); a unit written in the
    cell itself ("1.2亿") wins."""
    return round_wan(exact_amount(value, unit))


def round_wan(amount):
    """万元 to two places, half up, as the money fields hold it."""
    return None if amount is None else amount.quantize(CENT, rounding=ROUND_HALF_UP)


def exact_amount(value, unit="万元"):
    """The amount in 万元, converted exactly and not yet rounded (totals are checked on it)."""
    if value is None:
        return None
    number, factor = _number_and_factor(value)
    if number is None:
        return None
    if not number.is_finite():
        raise CellError("不是数字")
    if factor is None:
        if unit is None:
            if number == 0:  # nothing, in any unit
                return Decimal(0)
            raise UnitUnknown("金额单位无法确定")
        factor = UNIT_FACTORS[unit]
    amount = number * factor
    if not amount.is_finite():
        raise CellError("不是数字")
    if amount < 0:
        raise CellError("金额不能为负数")
    # compared before rounding (quantizing a huge number overflows the decimal context), with
    # the half cent that would round up past the limit
    if amount >= MAX_WAN + CENT / 2:
        raise CellError(f"金额过大（超过 {MAX_WAN} 万元），请核对单位")
    return amount


def _number_and_factor(value):
    """(the number as written, the factor of a unit written in the cell or None)."""
    if isinstance(value, bool):
        raise CellError("不是数字")
    if isinstance(value, int):
        return Decimal(value), None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("不是数字")
        # repr gives the shortest text that reads back as the same float: 0.1 -> "0.1"
        return Decimal(repr(value)), None
    if isinstance(value, Decimal):
        return value, None
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        raise CellError("应为金额，却是日期")
    text = normalize(value)
    if not text:
        return None, None
    text = text.replace(",", "").replace("¥", "").replace("￥", "")
    factor = None
    for suffix, multiplier in _AMOUNT_SUFFIXES:
        if text.endswith(suffix):
            text, factor = text[: -len(suffix)], multiplier
            break
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        raise CellError(f"“{parse_text(value)}”不是数字")
    try:
        return Decimal(text), factor
    except InvalidOperation as error:
        raise CellError(f"“{parse_text(value)}”不是数字") from error


def parse_date(value):
    """A date cell, "2026-05-08" (or / and . separators) or "2026年5月8日"; None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _date_from_number(value)
    text = normalize(value)
    if not text:
        return None
    if "T" in text or " " in str(value).strip():
        text = re.split(r"T|\s", unicodedata.normalize("NFKC", str(value)).strip())[0]
        text = normalize(text)
    for kind, patterns in ((datetime.date, _DATE_PATTERNS), (MonthOnly, _MONTH_PATTERNS)):
        for pattern in patterns:
            match = pattern.match(text)
            if match:
                parts = [int(part) for part in match.groups()] + [1]
                try:
                    return kind(*parts[:3])
                except ValueError as error:
                    raise CellError(f"“{parse_text(value)}”不是有效日期") from error
    raise CellError(f"“{parse_text(value)}”不是日期（应写作 2026-05-08、2026年5月8日或 2026年5月）")


def _date_from_number(value):
    """A number in a date column: an Excel date serial, or a year.month typed as a number,
    which cannot be read — 2026.1 is January or, with its zero lost, October."""
    if _EXCEL_SERIAL_RANGE[0] <= value <= _EXCEL_SERIAL_RANGE[1]:
        return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
    shown = parse_text(value)
    if _YEAR_RANGE[0] <= value < _YEAR_RANGE[1] and not float(value).is_integer():
        year = int(value)
        raise CellError(
            f"数字“{shown}”无法判断月份（数字 {year}.1 可能是 1月，也可能是末尾 0 被去掉的 10月）："
            f"请写成文字，如“{year}年1月”，或把单元格设为日期格式"
        )
    raise CellError(f"“{shown}”不是日期（应写作 2026-05-08、2026年5月8日或 2026年5月）")


class SeqLabel(str):
    """A 序号 written as a label ("1-1", "（一）", "十二"): read in file order, never as the
    row's number."""


_SEQ_LABEL = re.compile(r"^(?:\d+(?:[-.]\d+)+|[(]?[一二三四五六七八九十百零〇]+[)]?)$")


def parse_seq(value):
    """序号 as a positive integer ("1", "１", 1.0 all read as 1), or a SeqLabel for the forms
    offices write that are not numbers; 1 to SEQ_MAX, the most rows an annex may hold."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = normalize(value).rstrip(".、")
        if not text:
            return None
        if _SEQ_LABEL.match(text):
            return SeqLabel(text)
        try:
            number = parse_int(text)
        except MalformedNumber:
            raise CellError(f"“{parse_text(value)}”不是序号") from None
    if not 1 <= number <= SEQ_MAX:
        raise CellError(f"序号应为 1 至 {SEQ_MAX} 的整数")
    return number
