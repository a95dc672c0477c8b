"""Property tests: layouts generated from the concept table — any of each column's spellings,
columns in any order, amounts in 万元, 亿元 or 元 (in the header or in a 单位 line), optional
columns present or not — read back as the rows written, with the exact 万元 figures."""

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baidays.excel.concepts import ANNEX_CONCEPTS
from baidays.excel.layouts import AMOUNT, CATEGORY, GOAL, LAYOUTS, TEXT
from baidays.excel.reader import read_annex
from enterprises.choices import CompetitionGoal, KeyEnterpriseCategory
from tests.annex_workbooks import write_rows

DIVISORS = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
amounts = st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2)


def spellings(annex, key):
    return next(c for c in ANNEX_CONCEPTS[annex] if c.key == key).spellings


@st.composite
def layouts(draw):
    annex = draw(st.sampled_from([1, 2, 3, 4]))
    layout = LAYOUTS[annex]
    must = [c for c in layout.columns if c.in_header or c.required or c.key == "seq"]
    optional = [c for c in layout.columns if c not in must and c.kind in (TEXT, AMOUNT)]
    chosen = must + draw(st.lists(st.sampled_from(optional), unique=True, max_size=4))
    columns = draw(st.permutations(chosen))
    headers = [draw(st.sampled_from(spellings(annex, c.key))) for c in columns]
    unit = draw(st.sampled_from(sorted(DIVISORS)))
    in_header = draw(st.booleans())
    count = draw(st.integers(min_value=1, max_value=6))
    rows = [{c.key: draw(amounts) for c in columns if c.kind == AMOUNT} for _ in range(count)]
    return annex, columns, headers, unit, in_header, rows


def cell(column, number, amounts_row, unit):
    if column.kind == AMOUNT:
        return float(amounts_row[column.key] / DIVISORS[unit])
    if column.kind == GOAL:
        return list(CompetitionGoal)[number % 3].label
    if column.kind == CATEGORY:
        return list(KeyEnterpriseCategory)[number % 4].label
    if column.key == "seq":
        return number
    return f"{column.header}{number}号"


def write(annex, columns, headers, unit, in_header, rows, folder):
    header = [
        text.replace("（万元）", "") + (f"（{unit}）" if in_header and c.kind == AMOUNT else "")
        for c, text in zip(columns, headers, strict=True)
    ]
    top = [[f"附件{annex}"], [f"金额单位：{unit}"]] if not in_header else [[f"附件{annex}"]]
    body = [
        [cell(c, number, amounts_row, unit) for c in columns]
        for number, amounts_row in enumerate(rows, start=1)
    ]
    return write_rows(Path(folder) / "generated.xlsx", [*top, header, *body], title="Sheet1")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(layouts())
def test_any_layout_from_the_concept_table_reads_back_exactly(generated):
    annex, columns, headers, unit, in_header, rows = generated
    with tempfile.TemporaryDirectory() as folder:
        table = read_annex(write(*generated, folder), LAYOUTS[annex])
    assert len(table.rows) == len(rows)
    for column in columns:
        if column.kind == AMOUNT:
            read = sum((row.values[column.key] for row in table.rows), Decimal(0))
            assert read == sum((row[column.key] for row in rows), Decimal(0)), column.key
        elif column.kind == TEXT:
            assert table.rows[-1].values[column.key] == f"{column.header}{len(rows)}号"
    assert [row.values["seq"] for row in table.rows] == list(range(1, len(rows) + 1))
    assert not table.unknown, table.unknown
