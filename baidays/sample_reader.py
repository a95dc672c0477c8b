"""A deliberately simple reader for the project's own sample annex workbooks (the demo's source).
It knows their one layout: title rows, a header row starting with 序号, an optional merged
second header row, data, then 合计 and 注 rows. Office files with other layouts go through the
annex importer instead."""

import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
SAMPLE_FILES = {
    1: "annex1-infrastructure.xlsx",
    2: "annex2-competition.xlsx",
    3: "annex3-key-projects.xlsx",
    4: "annex4-key-enterprises.xlsx",
}


def sample_path(annex):
    return SAMPLES_DIR / SAMPLE_FILES[annex]


def _text(value):
    return "" if value is None else str(value).strip()


def read_sample_rows(annex):
    """Rows of a sample workbook as dicts keyed by header text (the lower header of a merged
    pair wins, so 百日行动计划/计划投资 is 计划投资)."""
    workbook = load_workbook(sample_path(annex), data_only=True)
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    header_index = next(i for i, row in enumerate(rows) if _text(row[0]).replace(" ", "") == "序号")
    headers = [_text(v) for v in rows[header_index]]
    first_data = header_index + 1
    if _text(rows[first_data][0]) == "":
        headers = [_text(sub) or top for top, sub in zip(headers, rows[first_data], strict=False)]
        first_data += 1
    records = []
    for row in rows[first_data:]:
        first = _text(row[0])
        if first.startswith(("合计", "注")):
            break
        if not any(_text(v) for v in row):
            continue
        records.append(dict(zip(headers, row, strict=False)))
    workbook.close()
    return records


def as_decimal(value):
    return Decimal(_text(value) or "0").quantize(Decimal("0.01"))


def as_date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(_text(value))
