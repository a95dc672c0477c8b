"""`import_annex` / `export_annex` through call_command: counts, re-import, dry run, bad rows,
bad files, history and the export → import round trip."""

import datetime
import io
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from baidays.excel import reader
from core.bounds import SEQ_MAX
from enterprises.models import CompetitionEntry, Enterprise, KeyEnterprise
from projects.models import Project
from tests.annex_workbooks import annex1_file, annex1_row, sample_copy, write_rows
from tests.factories import CampaignFactory, ProjectReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def run_import(annex, path, *extra):
    out, err = StringIO(), StringIO()
    call_command(
        "import_annex", str(annex), str(path), "--campaign", "c2026", *extra, stdout=out, stderr=err
    )
    return out.getvalue()


def refused(annex, path, *extra):
    """The command's error output when it refuses a file; asserts nothing was saved."""
    before = (Project.objects.count(), CompetitionEntry.objects.count(), Enterprise.objects.count())
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_annex", str(annex), str(path), "--campaign", "c2026", *extra, stderr=err
        )
    after = (Project.objects.count(), CompetitionEntry.objects.count(), Enterprise.objects.count())
    assert after == before
    return err.getvalue() + str(caught.value)


# --- counts, re-import, dry run ---------------------------------------------------------------
def test_the_four_samples_import_with_a_summary(campaign, tmp_path):
    assert "新增 21 条，更新 0 条，未变 0 条" in run_import(1, sample_copy(1, tmp_path))
    assert "新增 20 条" in run_import(2, sample_copy(2, tmp_path))
    assert "新增 10 条" in run_import(3, sample_copy(3, tmp_path))
    assert "新增 6 条" in run_import(4, sample_copy(4, tmp_path))
    key_project = Project.objects.get(annex=3, name="年产5000台数控机床项目")
    assert key_project.owner.name == "华力精密机械有限公司"
    assert key_project.planned_start == datetime.date(2026, 5, 20)
    assert KeyEnterprise.objects.get(seq=1).enterprise.main_products == "汽车转向部件"


def test_importing_the_same_file_twice_changes_nothing(campaign, tmp_path):
    path = sample_copy(1, tmp_path)
    run_import(1, path)
    history = Project.history.count()
    assert "新增 0 条，更新 0 条，未变 21 条" in run_import(1, path)
    assert Project.objects.count() == 21
    assert Project.history.count() == history


def test_a_changed_row_is_updated_and_recorded_in_history(campaign, tmp_path):
    run_import(1, annex1_file(tmp_path / "a.xlsx", [annex1_row(1), annex1_row(2, "东一路")]))
    project = Project.objects.get(name="东一路")
    output = run_import(
        1, annex1_file(tmp_path / "b.xlsx", [annex1_row(1), annex1_row(2, "东一路", planned=150)])
    )
    assert "新增 0 条，更新 1 条，未变 1 条" in output
    project.refresh_from_db()
    assert project.planned_investment_wan == Decimal("150.00")
    reasons = list(project.history.values_list("history_type", "history_change_reason"))
    assert reasons == [("~", "导入附件1"), ("+", "导入附件1")]


def test_renumbered_rows_move_without_colliding(campaign, tmp_path):
    run_import(1, annex1_file(tmp_path / "a.xlsx", [annex1_row(1, "甲"), annex1_row(2, "乙")]))
    rows = [annex1_row(1, "新"), annex1_row(2, "甲"), annex1_row(3, "乙")]
    assert "新增 1 条，更新 2 条" in run_import(1, annex1_file(tmp_path / "b.xlsx", rows))
    assert list(Project.objects.order_by("seq").values_list("name", flat=True)) == [
        "新",
        "甲",
        "乙",
    ]


def test_dry_run_reports_the_changes_and_saves_nothing(campaign, tmp_path):
    output = run_import(1, sample_copy(1, tmp_path), "--dry-run")
    assert "试导入" in output and "新增 21 条" in output
    assert Project.objects.count() == 0
    assert Project.history.count() == 0


def test_an_unknown_campaign_is_refused(campaign, tmp_path):
    with pytest.raises(CommandError, match="没有标识为 nope"):
        call_command("import_annex", "1", str(sample_copy(1, tmp_path)), "--campaign", "nope")


# --- bad rows ---------------------------------------------------------------------------
def bad_rows_message(tmp_path, *rows, annex=1):
    good = annex1_row(1, "好项目")
    path = annex1_file(tmp_path / "bad.xlsx", [good, *rows])
    return refused(annex, path)


def test_a_row_without_a_name_is_reported_by_row_and_column(campaign, tmp_path):
    message = bad_rows_message(tmp_path, annex1_row(2, None))
    assert "第 6 行“项目名称”列：不能为空" in message
    assert "未导入任何数据" in message


def test_negative_and_non_numeric_amounts_are_reported(campaign, tmp_path):
    message = bad_rows_message(
        tmp_path, annex1_row(2, "负数", planned=-5), annex1_row(3, "文字", 总投资="八百万")
    )
    assert "第 6 行“百日计划投资”列：金额不能为负数" in message
    assert "第 7 行“总投资”列：“八百万”不是数字" in message


def test_an_unknown_goal_is_reported(campaign, tmp_path):
    rows = [
        ["序号", "企业名称", "项目名称", "建设类型", "百日计划投资（万元）"],
        [1, "甲公司", "甲项目", "开工", 10],
        [2, "乙公司", "乙项目", "扩建", 10],
    ]
    message = refused(2, write_rows(tmp_path / "a.xlsx", rows, title="附件2"))
    assert "第 3 行“建设类型”列：未知的建设类型“扩建”" in message


def test_a_date_that_is_not_a_date_is_reported(campaign, tmp_path):
    message = bad_rows_message(tmp_path, annex1_row(2, "乙", 计划开工时间="五月上旬"))
    assert "第 6 行“计划开工时间”列：“五月上旬”不是日期" in message


def test_a_formula_without_a_cached_value_is_reported(campaign, tmp_path):
    message = bad_rows_message(tmp_path, annex1_row(2, "乙", planned="=SUM(1,2)"))
    assert "第 6 行“百日计划投资”列：公式没有计算结果" in message


def test_finish_before_start_and_duplicate_names_are_reported(campaign, tmp_path):
    message = bad_rows_message(
        tmp_path,
        annex1_row(2, "乙", 计划完成时间=datetime.date(2026, 5, 1)),
        annex1_row(3, "好项目"),
    )
    assert "第 6 行“计划完成时间”列：计划完成时间早于计划开工时间" in message
    assert "第 7 行“项目名称”列：与第 5 行重复" in message


def test_a_number_held_by_a_project_missing_from_the_file_is_reported(campaign, tmp_path):
    run_import(1, annex1_file(tmp_path / "a.xlsx", [annex1_row(1, "甲")]))
    message = refused(1, annex1_file(tmp_path / "b.xlsx", [annex1_row(1, "乙")]))
    assert "第 5 行“序号”列：序号 1 已被“1. 甲”使用" in message


def test_every_bad_row_is_named_and_nothing_is_saved(campaign, tmp_path):
    rows = [annex1_row(1, None), annex1_row(2, "乙", planned="x"), annex1_row(3, "丙")]
    message = refused(1, annex1_file(tmp_path / "a.xlsx", rows))
    assert "第 5 行" in message and "第 6 行" in message and "2 处错误" in message
    assert Project.objects.count() == 0


# --- bad files ---------------------------------------------------------------------------
def test_a_file_that_is_not_a_workbook_is_refused(campaign, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("项目名称,百日计划投资\n甲,100\n", encoding="utf-8")
    assert "文件不是 Excel 工作簿" in refused(1, path)


def test_a_corrupted_workbook_is_refused(campaign, tmp_path):
    good = sample_copy(1, tmp_path).read_bytes()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert "文件已损坏" in refused(1, path)


def test_a_password_protected_workbook_is_refused(campaign, tmp_path):
    # an encrypted xlsx is a Compound File holding an EncryptionInfo stream
    path = tmp_path / "locked.xlsx"
    stream = "EncryptionInfo".encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + stream + b"\0" * 2048)
    assert "受密码保护" in refused(1, path)


def test_a_compound_file_that_is_no_workbook_is_refused(campaign, tmp_path):
    path = tmp_path / "junk.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    assert "文件已损坏" in refused(1, path)


def test_the_format_is_told_by_content_and_macros_are_ignored(campaign, tmp_path):
    renamed = tmp_path / "old.xls"
    renamed.write_bytes(sample_copy(1, tmp_path).read_bytes())
    assert "新增 21 条" in run_import(1, renamed)
    xlsm = tmp_path / "macro.xlsm"
    buffer = io.BytesIO()
    with zipfile.ZipFile(sample_copy(3, tmp_path)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("xl/vbaProject.bin", b"macro")
    xlsm.write_bytes(buffer.getvalue())
    assert "新增 10 条" in run_import(3, xlsm)


def test_a_decompression_bomb_is_refused_before_parsing(campaign, tmp_path):
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(sample_copy(1, tmp_path)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("xl/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    assert "压缩炸弹" in refused(1, path)


def test_too_many_rows_are_refused(campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_DATA_ROWS", 5)
    rows = [annex1_row(n, f"项目{n}") for n in range(1, 10)]
    # the header sits on row 4: the sixth data row, row 10, is the first one too many
    assert "第 10 行：数据超过 5 行" in refused(1, annex1_file(tmp_path / "a.xlsx", rows))


def test_the_row_limit_is_the_seq_bound():
    assert reader.MAX_DATA_ROWS == SEQ_MAX == 20000


def test_a_workbook_without_a_recognisable_header_is_refused(campaign, tmp_path):
    path = write_rows(tmp_path / "a.xlsx", [["姓名", "年龄"], ["张三", 30]])
    assert "找不到附件1的表头" in refused(1, path)


def test_a_header_missing_a_required_column_is_refused(campaign, tmp_path):
    path = write_rows(tmp_path / "a.xlsx", [["序号", "项目名称", "总投资"], [1, "甲", 5]])
    assert "表头缺少“百日计划投资”“责任单位”列" in refused(1, path)


# --- export ------------------------------------------------------------------------------
def test_export_then_import_changes_nothing(campaign, tmp_path):
    for annex in (1, 2, 3, 4):
        run_import(annex, sample_copy(annex, tmp_path))
    project = Project.objects.get(annex=1, seq=1)
    project.note = '=HYPERLINK("http://x")'
    project.save()
    ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("30.00"))
    for annex in (1, 2, 3, 4):
        exported = tmp_path / f"export{annex}.xlsx"
        call_command(
            "export_annex", str(annex), str(exported), "--campaign", "c2026", stdout=StringIO()
        )
        assert "新增 0 条，更新 0 条" in run_import(annex, exported)


def test_export_has_the_annex_layout_with_totals_and_progress(campaign, tmp_path):
    run_import(1, sample_copy(1, tmp_path))
    project = Project.objects.get(annex=1, seq=1)
    project.name = "+号开头的项目"
    project.save()
    ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("30.00"))
    path = tmp_path / "out.xlsx"
    call_command("export_annex", "1", str(path), "--campaign", "c2026", stdout=StringIO())
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "附件1"
    assert "单位：万元" in [cell.value for cell in sheet[3]]
    header = [cell.value for cell in sheet[4]]
    assert header[:2] == ["序号", "项目名称"]
    assert header[-4:] == ["累计完成投资", "完成比例（%）", "最新形象进度", "进度状态"]
    assert sheet.freeze_panes == "C5"
    assert sheet["B5"].value == "+号开头的项目" and sheet["B5"].data_type == "s"
    total_row = next(row for row in sheet.iter_rows() if row[0].value == "合计")
    planned = total_row[header.index("百日计划投资")].value
    completed = total_row[header.index("累计完成投资")].value
    assert (Decimal(str(planned)), Decimal(str(completed))) == (Decimal("1156"), Decimal("30"))
    assert sheet.column_dimensions["B"].width > 20


def test_import_queries_do_not_grow_row_by_row(campaign, tmp_path, django_assert_max_num_queries):
    rows = [annex1_row(n, f"项目{n}") for n in range(1, 201)]
    path = annex1_file(tmp_path / "a.xlsx", rows)
    with django_assert_max_num_queries(40):
        run_import(1, path)
    # one more than the counts' own for the remembered column mappings
    with django_assert_max_num_queries(16):
        assert "未变 200 条" in run_import(1, path)


def test_export_runs_a_fixed_number_of_queries(campaign, tmp_path, django_assert_max_num_queries):
    run_import(1, sample_copy(1, tmp_path))
    with django_assert_max_num_queries(3):  # + the campaign's lag rules
        call_command(
            "export_annex", "1", str(tmp_path / "o.xlsx"), "--campaign", "c2026", stdout=StringIO()
        )


def test_a_header_without_data_rows_is_refused(campaign, tmp_path):
    assert "表头下没有数据行" in refused(1, annex1_file(tmp_path / "a.xlsx", []))


def test_enterprise_details_follow_the_latest_annex(campaign, tmp_path):
    rows = [["序号", "企业名称", "企业类别", "法人代表", "联系电话", "主要产品"]]
    run_import(
        4,
        write_rows(tmp_path / "a.xlsx", [*rows, [1, "甲公司", "科技型企业", "张三", "1", "阀门"]]),
    )
    run_import(
        4,
        write_rows(tmp_path / "b.xlsx", [*rows, [1, "甲公司", "科技型企业", "李四", "2", "阀门"]]),
    )
    enterprise = Enterprise.objects.get(name="甲公司")
    assert (enterprise.legal_representative, enterprise.phone) == ("李四", "2")
    assert enterprise.history.count() == 2


def test_dry_run_names_each_row_it_would_change(campaign, tmp_path):
    run_import(1, annex1_file(tmp_path / "a.xlsx", [annex1_row(1, "甲"), annex1_row(2, "乙")]))
    rows = [
        annex1_row(1, "甲"),
        annex1_row(2, "乙", planned=150, 责任单位="园区电力办"),
        annex1_row(3, "丙"),
    ]
    output = run_import(1, annex1_file(tmp_path / "b.xlsx", rows), "--dry-run")
    assert (
        "第 6 行 更新：乙（百日计划投资：100.00 → 150.00；责任单位：园区建设科 → 园区电力办）"
        in output
    )
    assert "第 7 行 新增：丙" in output
    assert "甲" not in output.replace("新增 1 条", "")
    assert Project.objects.get(name="乙").planned_investment_wan == Decimal("100.00")


def test_a_missing_file_is_named(campaign, tmp_path):
    assert "找不到该文件" in refused(1, tmp_path / "nowhere.xlsx")
