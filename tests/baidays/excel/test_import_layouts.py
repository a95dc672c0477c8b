"""One test per layout quirk of DESIGN.md "Annex tables as offices write them"; every workbook is
built here, so each quirk is seen on its own."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.models import Project
from tests.annex_workbooks import ANNEX1_HEADER, annex1_file, annex1_row, write_rows
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def run_import(annex, path, *extra):
    out = StringIO()
    call_command("import_annex", str(annex), str(path), "--campaign", "c2026", *extra, stdout=out)
    return out.getvalue()


def projects():
    return Project.objects.filter(annex=1).order_by("seq")


def test_title_unit_and_annex_rows_above_the_header_are_skipped(campaign, tmp_path):
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1), annex1_row(2, "东一路")])
    output = run_import(1, path)
    assert "新增 2 条" in output
    assert list(projects().values_list("name", flat=True)) == ["纬二路道路工程", "东一路"]


def test_a_header_on_the_first_row_without_title_rows(campaign, tmp_path):
    header = [name + "（万元）" if "投资" in name else name for name in ANNEX1_HEADER]
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1)], header=header, preamble=False)
    run_import(1, path)
    assert projects().get().planned_investment_wan == Decimal("100.00")


def test_amounts_whose_unit_the_file_does_not_say_are_refused(campaign, tmp_path):
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1)], preamble=False, footer=False)
    with pytest.raises(CommandError) as caught:
        run_import(1, path)
    assert "2 处错误" in str(caught.value)
    assert not projects().exists()


def test_a_header_over_two_merged_rows(campaign, tmp_path):
    top = list(ANNEX1_HEADER)
    top[5], top[6] = "百日行动计划", None
    sub = [None] * len(top)
    sub[5], sub[6] = "计划投资", "形象进度目标"
    merges = [f"{c}4:{c}5" for c in "ABCDEHIJKL"] + ["F4:G4"]
    rows = [
        ["附件1"],
        ["标题"],
        ["填报单位：管委会", "单位：万元"],
        top,
        sub,
        annex1_row(1, planned=250),
    ]
    path = write_rows(tmp_path / "a.xlsx", rows, merges=merges)
    run_import(1, path)
    project = projects().get()
    assert project.planned_investment_wan == Decimal("250.00")
    assert project.milestone_target == "完成路基"


def test_header_aliases_are_recognised(campaign, tmp_path):
    header = list(ANNEX1_HEADER)
    header[1], header[5], header[8] = "工程名称", "计划投资（万元）", "计划竣工时间"
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1)], header=header)
    run_import(1, path)
    project = projects().get()
    assert project.name == "纬二路道路工程"
    assert project.planned_finish == datetime.date(2026, 10, 30)


def test_full_width_brackets_digits_and_spaces_in_headers(campaign, tmp_path):
    header = list(ANNEX1_HEADER)
    header[0], header[1], header[4] = "序　号", "项 目 名 称", "总投资(万元)"
    header[5] = "百日计划投资（万元）"
    row = annex1_row("１", planned="１２０．５０", 总投资="８６０")
    path = annex1_file(tmp_path / "a.xlsx", [row], header=header)
    run_import(1, path)
    project = projects().get()
    assert (project.seq, project.planned_investment_wan) == (1, Decimal("120.50"))
    assert project.total_investment_wan == Decimal("860.00")


def test_numbers_stored_as_text_with_thousands_separators(campaign, tmp_path):
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row("1", planned="1,200.50", 总投资="12,000")])
    run_import(1, path)
    project = projects().get()
    assert project.planned_investment_wan == Decimal("1200.50")
    assert project.total_investment_wan == Decimal("12000.00")


def test_blank_rows_between_data_rows_are_skipped(campaign, tmp_path):
    path = annex1_file(
        tmp_path / "a.xlsx", [annex1_row(1), [], [None] * 12, annex1_row(2, "东一路")]
    )
    run_import(1, path)
    assert projects().count() == 2


def test_total_and_footnote_rows_end_the_data(campaign, tmp_path):
    rows = [
        ["单位：万元"],
        ["序号", *ANNEX1_HEADER[1:]],
        annex1_row(1),
        ["合计", None, None, None, 860, 100],
        annex1_row(2, "合计行以下的内容"),
        ["注：本表由各责任单位填报。"],
    ]
    run_import(1, write_rows(tmp_path / "a.xlsx", rows))
    assert list(projects().values_list("name", flat=True)) == ["纬二路道路工程"]


def test_dates_as_date_cells_iso_text_and_chinese_text(campaign, tmp_path):
    rows = [
        annex1_row(1, "甲", 计划开工时间=datetime.datetime(2026, 5, 8)),
        annex1_row(2, "乙", 计划开工时间="2026-05-09"),
        annex1_row(3, "丙", 计划开工时间="2026年5月10日"),
    ]
    run_import(1, annex1_file(tmp_path / "a.xlsx", rows))
    starts = list(projects().values_list("planned_start", flat=True))
    assert starts == [datetime.date(2026, 5, d) for d in (8, 9, 10)]


def test_extra_columns_are_ignored_and_columns_may_come_in_any_order(campaign, tmp_path):
    header = ["填报人", *reversed(ANNEX1_HEADER), "联系电话"]
    row = ["林晓", *reversed(annex1_row(1, planned=77)), "0571-1"]
    run_import(1, annex1_file(tmp_path / "a.xlsx", [row], header=header))
    assert projects().get().planned_investment_wan == Decimal("77.00")


def test_data_on_a_sheet_other_than_the_first(campaign, tmp_path):
    rows = [["金额单位：万元"], ANNEX1_HEADER, annex1_row(1)]
    cover = [("说明", [["本工作簿包含附件1"], ["请勿修改表头"]])]
    path = write_rows(tmp_path / "a.xlsx", rows, title="项目表", before_sheets=cover)
    assert "工作表“项目表”" in run_import(1, path)
    assert projects().count() == 1


def test_section_rows_set_the_goal_of_the_rows_under_them(campaign, tmp_path):
    header = ["序号", "企业名称", "项目名称", "总投资（万元）", "百日计划投资（万元）"]
    rows = [
        ["附件2"],
        header,
        ["一、开工项目（2家）"],
        [1, "甲公司", "甲项目", 100, 10],
        [2, "乙公司", "乙项目", 100, 20],
        ["二、加快推进项目（1家）"],
        [1, "丙公司", "丙项目", 100, 30],
        ["三、竣工项目（1家）"],
        [1, "丁公司", "丁项目", 100, 40],
        ["合计", None, None, 400, 100],
    ]
    run_import(2, write_rows(tmp_path / "a.xlsx", rows, title="附件2"))
    goals = dict(CompetitionEntry.objects.values_list("project_name", "goal"))
    assert goals == {
        "甲项目": "start",
        "乙项目": "start",
        "丙项目": "accelerate",
        "丁项目": "complete",
    }
    # numbering restarts in every section, so the rows are numbered in file order
    assert sorted(CompetitionEntry.objects.values_list("seq", flat=True)) == [1, 2, 3, 4]


def test_section_rows_set_the_category_of_key_enterprises(campaign, tmp_path):
    rows = [
        ["序号", "企业名称", "联系县领导", "服务责任人"],
        ["（一）龙头骨干企业"],
        [1, "博达汽车", "县长", "王建国"],
        ["（二）科技型企业"],
        [2, "信达电缆", "园区主任", "赵敏"],
    ]
    run_import(4, write_rows(tmp_path / "a.xlsx", rows, title="附件4"))
    categories = dict(KeyEnterprise.objects.values_list("enterprise__name", "category"))
    assert categories == {"博达汽车": "leading", "信达电缆": "tech"}


def test_numbered_empty_template_rows_are_skipped(campaign, tmp_path):
    rows = [annex1_row(1), [2], [3], [4]]
    run_import(1, annex1_file(tmp_path / "a.xlsx", rows))
    assert projects().count() == 1


def test_sample_layouts_give_the_plan_figures(campaign, tmp_path):
    from tests.annex_workbooks import sample_copy

    run_import(1, sample_copy(1, tmp_path))
    run_import(2, sample_copy(2, tmp_path))
    total = projects().aggregate(total=Sum("planned_investment_wan"))["total"]
    assert (projects().count(), total) == (21, Decimal("1156.00"))
    entries = CompetitionEntry.objects.all()
    assert entries.aggregate(total=Sum("planned_investment_wan"))["total"] == Decimal("17800.00")
    goals = [entries.filter(goal=g).count() for g in ("start", "accelerate", "complete")]
    assert goals == [7, 12, 1]
