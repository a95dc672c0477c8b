"""Cells merged down a column of attributes, merged amounts, hidden columns and hidden rows,
in .xlsx and as LibreOffice saves them (.xls, .ods)."""

import shutil
import subprocess
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import Project
from tests.annex_workbooks import ANNEX1_HEADER, annex1_file, annex1_row, write_rows
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def command(annex, path, *extra):
    out = StringIO()
    call_command("import_annex", str(annex), str(path), "--campaign", "c2026", *extra, stdout=out)
    return out.getvalue()


def refusal(annex, path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_annex", str(annex), str(path), "--campaign", "c2026", stderr=err)
    assert not Project.objects.exists()
    return err.getvalue()


def merged_annex1(path):
    """Rows 5–7 share one 所在区块, 责任领导 and 责任单位 written once in a merged cell; row 8
    has its own."""
    rows = [
        annex1_row(1, "甲"),
        annex1_row(2, "乙", 所在区块=None, 责任领导=None, 责任单位=None),
        annex1_row(3, "丙", 所在区块=None, 责任领导=None, 责任单位=None),
        annex1_row(4, "丁", 所在区块="永安工业集聚区", 责任领导="李明", 责任单位="招商科"),
    ]
    return annex1_file(path, rows, merges=["D5:D7", "J5:J7", "K5:K7"])


def converted(path, fmt):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    out = path.parent / fmt
    subprocess.run(
        [soffice, "--headless", "--convert-to", fmt, "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out / f"{path.stem}.{fmt}"


def check_merged(output):
    assert "新增 4 条" in output
    zones = dict(Project.objects.values_list("name", "zone"))
    assert zones == {"甲": "现代工业集聚区", "乙": "现代工业集聚区", "丙": "现代工业集聚区"} | {
        "丁": "永安工业集聚区"
    }
    departments = dict(Project.objects.values_list("name", "responsible_department__name"))
    assert set(departments.values()) == {"园区建设科", "招商科"}
    assert departments["丙"] == "园区建设科"
    assert Project.objects.get(name="乙").responsible_leader.name == "王建国"


def test_a_merge_down_a_column_of_attributes_applies_to_every_row_it_covers(campaign, tmp_path):
    check_merged(command(1, merged_annex1(tmp_path / "a.xlsx")))


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_merges_as_libreoffice_saves_them(campaign, tmp_path, fmt):
    check_merged(command(1, converted(merged_annex1(tmp_path / "a.xlsx"), fmt)))


def test_a_merge_over_amounts_is_refused_naming_its_rows(campaign, tmp_path):
    rows = [annex1_row(1, "甲", planned=300), annex1_row(2, "乙", planned=None)]
    path = annex1_file(tmp_path / "a.xlsx", rows, merges=["F5:F6"])
    errors = refusal(1, path)
    assert "第 5 行“百日计划投资”列：金额单元格合并了第 5–6 行（2 个项目）" in errors


def test_enterprise_and_goal_merged_over_an_enterprises_projects(campaign, tmp_path):
    from enterprises.models import CompetitionEntry

    header = ["序号", "企业名称", "项目名称", "建设类型", "百日计划投资（万元）"]
    rows = [
        ["附件2"],
        header,
        [1, "华力精密", "一期", "新开工", 100],
        [2, None, "二期", None, 50],
        [3, "东方电气", "技改", "续建", 70],
    ]
    path = write_rows(tmp_path / "a.xlsx", rows, title="Sheet1", merges=["B3:B4", "D3:D4"])
    command(2, path)
    entries = CompetitionEntry.objects.order_by("seq")
    assert [(e.enterprise.name, e.goal) for e in entries] == [
        ("华力精密", "start"),
        ("华力精密", "start"),
        ("东方电气", "accelerate"),
    ]


def test_a_stale_hidden_column_is_ignored_and_listed(campaign, tmp_path):
    header = [*ANNEX1_HEADER[:6], "百日计划投资（旧）", *ANNEX1_HEADER[6:]]
    rows = [[*row[:6], 999, *row[6:]] for row in (annex1_row(1, planned=120),)]
    path = annex1_file(tmp_path / "a.xlsx", rows, header=header, hidden_columns=["G"])
    output = command(1, path)
    assert Project.objects.get().planned_investment_wan == Decimal("120.00")
    assert "隐藏的列（未导入）：G 列“百日计划投资（旧）”" in output


def test_a_hidden_copy_of_a_column_is_not_a_second_one(campaign, tmp_path):
    header = [*ANNEX1_HEADER[:6], "百日计划投资", *ANNEX1_HEADER[6:]]
    rows = [[*row[:6], 999, *row[6:]] for row in (annex1_row(1, planned=120),)]
    path = annex1_file(tmp_path / "a.xlsx", rows, header=header, hidden_columns=["G"])
    command(1, path)
    assert Project.objects.get().planned_investment_wan == Decimal("120.00")


def subtotal_annex1(path, formula):
    rows = [
        ["单位：万元"],
        ANNEX1_HEADER,
        annex1_row(1, "甲", planned=100),
        annex1_row(2, "乙", planned=40),
        annex1_row(3, "丙", planned=60),
        ["合计", None, None, None, None, formula],
    ]
    return write_rows(path, rows, title="Sheet1", hidden_rows=[4])


def test_a_hidden_row_is_listed_and_subtotal_109_is_checked_on_the_visible_rows(campaign, tmp_path):
    path = converted(subtotal_annex1(tmp_path / "s.xlsx", "=SUBTOTAL(109,F3:F5)"), "xlsx")
    output = command(1, path)
    assert "新增 2 条" in output
    assert "隐藏的行（未导入）：第 4 行" in output
    assert "第 6 行合计已与各行相加核对一致" in output
    assert set(Project.objects.values_list("name", flat=True)) == {"甲", "丙"}


def test_a_sum_over_a_hidden_row_is_refused_naming_the_hidden_row(campaign, tmp_path):
    path = converted(subtotal_annex1(tmp_path / "s.xlsx", "=SUM(F3:F5)"), "xlsx")
    errors = refusal(1, path)
    assert "合计写的是 200.00 万元，但所含各行相加是 160.00 万元" in errors
    assert "第 4 行是隐藏行，未计入" in errors


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_hidden_rows_and_columns_as_libreoffice_saves_them(campaign, tmp_path, fmt):
    path = converted(subtotal_annex1(tmp_path / "s.xlsx", "=SUBTOTAL(109,F3:F5)"), fmt)
    output = command(1, path)
    assert "隐藏的行（未导入）：第 4 行" in output
    assert Project.objects.count() == 2
