"""Annex workbooks built in tests, laid out the way offices write them."""

import datetime
import shutil
from pathlib import Path

from openpyxl import Workbook

from baidays.demo.samples import sample_path

ANNEX1_HEADER = [
    "序号",
    "项目名称",
    "建设内容及规模",
    "所在区块",
    "总投资",
    "百日计划投资",
    "形象进度目标",
    "计划开工时间",
    "计划完成时间",
    "责任领导",
    "责任单位",
    "备注",
]


def annex1_row(seq, name="纬二路道路工程", planned=100, **overrides):
    values = {
        "序号": seq,
        "项目名称": name,
        "建设内容及规模": "道路长1.2公里",
        "所在区块": "现代工业集聚区",
        "总投资": 860,
        "百日计划投资": planned,
        "形象进度目标": "完成路基",
        "计划开工时间": datetime.date(2026, 5, 8),
        "计划完成时间": datetime.date(2026, 10, 30),
        "责任领导": "王建国",
        "责任单位": "园区建设科",
        "备注": None,
    }
    values.update(overrides)
    return [values[header] for header in ANNEX1_HEADER]


def write_rows(
    path, rows, *, title="附件1", before_sheets=(), merges=(), hidden_rows=(), hidden_columns=()
):
    """A workbook whose sheet `title` holds `rows`; `before_sheets` come first; `merges` are
    ranges ("D5:D7"), `hidden_rows` Excel row numbers, `hidden_columns` letters."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, sheet_rows in before_sheets:
        sheet = workbook.create_sheet(name)
        for row in sheet_rows:
            sheet.append(row)
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    for number in hidden_rows:
        sheet.row_dimensions[number].hidden = True
    for letter in hidden_columns:
        sheet.column_dimensions[letter].hidden = True
    workbook.save(path)
    return Path(path)


def annex1_file(path, data_rows, *, header=None, preamble=True, footer=True, **kwargs):
    rows = []
    if preamble:
        rows += [
            ["附件1"],
            ["县工业园区基础设施建设“百日行动”项目计划表"],
            ["填报单位：县工业园区管委会", None, None, None, None, None, None, None, "单位：万元"],
        ]
    rows.append(header or ANNEX1_HEADER)
    rows += data_rows
    if footer:
        rows += [["合计"], ["注：百日行动时间为5月上旬至8月中旬。"]]
    return write_rows(path, rows, **kwargs)


def sample_copy(annex, tmp_path):
    target = tmp_path / sample_path(annex).name
    shutil.copy(sample_path(annex), target)
    return target
