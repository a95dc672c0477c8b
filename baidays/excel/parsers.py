"""Cell parsers. Offices type amounts as numbers, as text with full-width digits or thousands
separators, and dates as date cells or text in two spellings; every one ends up as a Decimal
with two places or a date, never a float."""

import datetime
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from baidays.excel.errors import CellError
from core.money import CENT

MAX_WAN = Decimal("999999999999.99")  # the money fields hold 14 digits with 2 places
_AMOUNT_SUFFIXES = (("亿元", Decimal(10000)), ("亿", Decimal(10000)), ("万元", 1), ("万", 1))
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
]
_EXCEL_SERIAL_RANGE = (20000, 80000)  # 1954..2119: a bare number in a date column is a serial


def normalize(value):
    """Text as compared: NFKC (full-width digits, brackets and spaces become half-width) with
    every space removed, so "序 号" and "计划投资（万元）" match their plain spellings."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def parse_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return re.sub(r"[ \t\u3000]+", " ", str(value)).strip()


def parse_amount(value):
    """An amount in 万元 as Decimal with two places; None for an empty cell."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise CellError("不是数字")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("不是数字")
        # repr gives the shortest text that reads back as the same float: 0.1 -> "0.1"
        amount = Decimal(repr(value))
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, (datetime.date, datetime.time)):
        raise CellError("应为金额，却是日期")
    else:
        text = normalize(value)
        if not text:
            return None
        text = text.replace(",", "").replace("¥", "").replace("￥", "")
        factor = 1
        for suffix, multiplier in _AMOUNT_SUFFIXES:
            if text.endswith(suffix):
                text, factor = text[: -len(suffix)], multiplier
                break
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise CellError(f"“{parse_text(value)}”不是数字")
        try:
            amount = Decimal(text) * factor
        except InvalidOperation as error:
            raise CellError(f"“{parse_text(value)}”不是数字") from error
    if not amount.is_finite():
        raise CellError("不是数字")
    if amount < 0:
        raise CellError("金额不能为负数")
    # compared before rounding (quantizing a huge number overflows the decimal context), with
    # the half cent that would round up past the limit
    if amount >= MAX_WAN + CENT / 2:
        raise CellError(f"金额过大（超过 {MAX_WAN} 万元），请核对单位是否为万元")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_date(value):
    """A date cell, "2026-05-08" (or / and . separators) or "2026年5月8日"; None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _EXCEL_SERIAL_RANGE[0] <= value <= _EXCEL_SERIAL_RANGE[1]:
            return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
        raise CellError(f"“{parse_text(value)}”不是日期")
    text = normalize(value)
    if not text:
        return None
    if "T" in text or " " in str(value).strip():
        text = re.split(r"T|\s", unicodedata.normalize("NFKC", str(value)).strip())[0]
        text = normalize(text)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError as error:
                raise CellError(f"“{parse_text(value)}”不是有效日期") from error
    raise CellError(f"“{parse_text(value)}”不是日期（应写作 2026-05-08 或 2026年5月8日）")


def parse_seq(value):
    """序号 as a positive integer; "1", "１", 1.0 all read as 1."""
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
        if not text.isdigit():
            raise CellError(f"“{parse_text(value)}”不是序号")
        number = int(text)
    if number < 1:
        raise CellError("序号应为正整数")
    return number
