"""Issue 10 as the clerk met it: units, totals, unknown columns and their mappings, headers by
meaning, rows without 序号, month-only and ambiguous dates, the shared-strings bomb."""

import datetime
import io
import time
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from baidays.excel import headers
from baidays.excel.concepts import ANNEX_CONCEPTS, best_concepts
from baidays.excel.headers import path_key
from baidays.excel.models import AnnexColumnMapping
from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.models import Project
from tests.annex_corpus import VARIANTS, build, write_xlsx
from tests.annex_workbooks import ANNEX1_HEADER, annex1_file, annex1_row, sample_copy, write_rows
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def run(annex, path, *extra):
    out = StringIO()
    call_command("import_annex", str(annex), str(path), "--campaign", "c2026", *extra, stdout=out)
    return out.getvalue()


def refused(annex, path, *extra):
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_annex", str(annex), str(path), "--campaign", "c2026", *extra, stderr=err
        )
    assert not Project.objects.exists() and not CompetitionEntry.objects.exists()
    return err.getvalue() + str(caught.value)


# --- the concept table ------------------------------------------------------------------
@pytest.mark.parametrize("annex", [1, 2, 3, 4])
def test_every_spelling_in_the_concept_table_means_its_column(annex):
    for item in ANNEX_CONCEPTS[annex]:
        for spelling in item.spellings:
            assert best_concepts(ANNEX_CONCEPTS[annex], path_key([spelling])) == [item.key], (
                spelling
            )


def test_a_group_word_does_not_override_a_clear_sub_header():
    concepts = ANNEX_CONCEPTS[3]
    assert headers._meaning(concepts, ["百日行动计划", "总投资"]) == ["total_investment_wan"]
    # the 100-day plan written as a sub-header under a group of investment figures
    found = headers._meaning(concepts, ["投资情况（万元）", "百日计划"])
    assert found == ["planned_investment_wan"]


# --- units ------------------------------------------------------------------------------
def test_an_annex2_in_yi_yuan_gives_the_plan_in_wan(campaign, tmp_path):
    variant = next(v for v in VARIANTS if v.unit == "亿元" and v.unit_in_header)
    path = write_xlsx(build(2, variant)[0], tmp_path / "a.xlsx")
    output = run(2, path)
    total = CompetitionEntry.objects.aggregate(total=Sum("planned_investment_wan"))["total"]
    assert total == Decimal("17800.00")
    assert "金额单位：亿元" in output


def test_yuan_and_yi_yuan_convert_exactly_before_rounding(campaign, tmp_path):
    header = [h + "（亿元）" if "投资" in h else h for h in ANNEX1_HEADER]
    rows = [annex1_row(1, "甲", planned=0.145, 总投资=0.5)]
    run(1, annex1_file(tmp_path / "a.xlsx", rows, header=header, preamble=False, footer=False))
    project = Project.objects.get()
    assert (project.planned_investment_wan, project.total_investment_wan) == (
        Decimal("1450.00"),
        Decimal("5000.00"),
    )


# --- totals ----------------------------------------------------------------------------
def test_a_total_that_disagrees_with_its_rows_is_refused_with_both_figures(campaign, tmp_path):
    rows = [annex1_row(1, "甲", planned=1000), annex1_row(2, "乙", planned=156)]
    rows.append(["合计", None, None, None, 1720, 1165])
    message = refused(1, annex1_file(tmp_path / "a.xlsx", rows, footer=False))
    assert (
        "第 7 行“百日计划投资”列：合计写的是 1165.00 万元，但所含各行相加是 1156.00 万元" in message
    )


def test_a_total_that_agrees_is_reported_as_checked(campaign, tmp_path):
    rows = [annex1_row(1, "甲", planned=1000), annex1_row(2, "乙", planned=156)]
    rows.append(["合计", None, None, None, 1720, 1156])
    output = run(1, annex1_file(tmp_path / "a.xlsx", rows, footer=False))
    assert "第 7 行合计已与各行相加核对一致" in output


def test_a_subtotal_is_checked_against_its_section(campaign, tmp_path):
    header = ["序号", "企业名称", "项目名称", "百日计划投资（万元）"]
    rows = [header, ["一、开工项目"], [1, "甲", "甲项目", 10], [2, "乙", "乙项目", 20]]
    rows += [
        ["小计", None, None, 31],
        ["二、竣工项目"],
        [1, "丙", "丙项目", 5],
        ["合计", None, None, 35],
    ]
    message = refused(2, write_rows(tmp_path / "a.xlsx", rows, title="附件2"))
    assert "第 5 行“百日计划投资（万元）”列：小计写的是 31.00 万元" in message
    assert "相加是 30.00 万元" in message


def test_a_formula_total_without_a_value_is_reported_not_checked(campaign, tmp_path):
    rows = [annex1_row(1, "甲"), ["合计", None, None, None, None, "=SUM(F5:F5)"]]
    output = run(1, annex1_file(tmp_path / "a.xlsx", rows, footer=False))
    assert "“百日计划投资”是没有计算结果的公式，未核对" in output


# --- columns the reader cannot place ------------------------------------------------------
def odd_dates_file(tmp_path):
    header = [h for h in ANNEX1_HEADER if h not in ("计划开工时间", "计划完成时间")]
    header += ["拟定起始", "拟定终止"]
    rows = [annex1_row(1, "甲")[:7] + annex1_row(1)[9:] + ["2026-05-08", "2026-10-30"]]
    return annex1_file(tmp_path / "a.xlsx", rows, header=header)


def test_unknown_columns_are_listed_and_can_be_mapped_and_remembered(campaign, tmp_path):
    path = odd_dates_file(tmp_path)
    output = run(1, path, "--dry-run")
    assert "未识别的列（未导入）：K 列“拟定起始”、L 列“拟定终止”" in output
    run(1, path, "--map", "拟定起始=计划开工时间", "--map", "拟定终止=planned_finish")
    project = Project.objects.get()
    assert (project.planned_start, project.planned_finish) == (
        datetime.date(2026, 5, 8),
        datetime.date(2026, 10, 30),
    )
    assert AnnexColumnMapping.objects.filter(annex=1).count() == 2
    assert "未识别的列" not in run(1, path)  # next week's file: no --map needed


def test_a_mapping_to_an_unknown_field_is_refused(campaign, tmp_path):
    assert "没有名为“开始”的附件1字段" in refused(
        1, odd_dates_file(tmp_path), "--map", "拟定起始=开始"
    )


def test_two_columns_naming_one_concept_are_refused_with_both_headers(campaign, tmp_path):
    header = [*ANNEX1_HEADER, "百日投资"]
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1) + [5]], header=header)
    assert "“百日计划投资”“百日投资”都是“百日计划投资”列" in refused(1, path)


def test_a_missing_required_column_names_the_headers_found(campaign, tmp_path):
    path = write_rows(tmp_path / "a.xlsx", [["序号", "项目名称", "总投资"], [1, "甲", 5]])
    message = refused(1, path)
    assert "表头缺少“百日计划投资”“责任单位”列" in message and "序号、项目名称、总投资" in message


# --- rows -------------------------------------------------------------------------------
def test_an_annex4_without_seq_is_numbered_in_file_order(campaign, tmp_path):
    rows = [
        ["企业名称", "企业类别"],
        ["一、龙头骨干企业"],
        ["甲"],
        ["乙"],
        ["二、科技型企业"],
        ["丙"],
    ]
    run(4, write_rows(tmp_path / "a.xlsx", rows, title="附件4"))
    found = list(KeyEnterprise.objects.order_by("seq").values_list("seq", "enterprise__name"))
    assert found == [(1, "甲"), (2, "乙"), (3, "丙")]
    assert KeyEnterprise.objects.get(seq=3).category == "tech"


@pytest.mark.parametrize("written", ["2026年5月", "2026年05月", "2026-05", "2026/5", "2026.5"])
def test_month_only_dates_are_the_first_of_the_month(campaign, tmp_path, written):
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1, 计划开工时间=written)])
    assert "只写了月份" in run(1, path)
    project = Project.objects.get()
    assert project.planned_start == datetime.date(2026, 5, 1)
    assert project.planned_start_is_month and not project.planned_finish_is_month


def test_a_month_only_date_is_shown_and_exported_as_the_month(campaign, tmp_path):
    from django.template import Context, Template
    from openpyxl import load_workbook

    run(1, annex1_file(tmp_path / "a.xlsx", [annex1_row(1, "甲", 计划开工时间="2026年5月")]))
    project = Project.objects.get()
    page = Template(
        '{% load plan_dates %}{{ p|plan_date:"planned_start" }} 至 '
        '{{ p|plan_date:"planned_finish" }}'
    ).render(Context({"p": project}))
    assert page == "2026年5月 至 2026-10-30"
    exported = tmp_path / "export.xlsx"
    call_command("export_annex", "1", str(exported), "--campaign", "c2026", stdout=StringIO())
    sheet = load_workbook(exported).active
    header = [cell.value for cell in sheet[4]]
    assert sheet.cell(5, header.index("计划开工时间") + 1).value == "2026年5月"
    assert "未变 1 条" in run(1, exported)
    # the office later gives the day: the flag goes, and the change says so in its own terms
    output = run(1, annex1_file(tmp_path / "b.xlsx", [annex1_row(1, "甲")]), "--dry-run")
    assert "计划开工时间：2026年5月 → 2026-05-08" in output
    run(1, annex1_file(tmp_path / "b.xlsx", [annex1_row(1, "甲")]))
    assert not Project.objects.get().planned_start_is_month


def test_a_year_dot_month_number_is_refused_as_ambiguous(campaign, tmp_path):
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1, 计划完成时间=2026.1)])
    message = refused(1, path)
    assert "第 5 行“计划完成时间”列：数字“2026.1”无法判断月份" in message
    assert "2026年1月" in message


def test_a_shared_strings_bomb_is_refused_in_under_two_seconds(campaign, tmp_path):
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(sample_copy(1, tmp_path)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                out.writestr(item, source.read(item))
        strings = b"<si><t>" + b"x" * 1000 + b"</t></si>"
        out.writestr("xl/sharedStrings.xml", b"<sst>" + strings * 185_000 + b"</sst>")
    path = tmp_path / "strings.xlsx"
    path.write_bytes(buffer.getvalue())
    started = time.perf_counter()
    message = refused(1, path)
    assert time.perf_counter() - started < 2
    assert "拒绝导入" in message
