"""Sections at two levels with their 小计, 序号 written as labels, the 序号 bound (the most
rows an annex may hold, core.bounds.SEQ_MAX), and amounts broken down by month under a group
or in month columns alone."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from enterprises.models import CompetitionEntry
from projects.models import Project
from tests.annex_workbooks import write_rows
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def command(annex, path):
    out = StringIO()
    call_command("import_annex", str(annex), str(path), "--campaign", "c2026", stdout=out)
    return out.getvalue()


def refusal(annex, path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_annex", str(annex), str(path), "--campaign", "c2026", stderr=err)
    return err.getvalue()


ANNEX2 = ["序号", "企业名称", "项目名称", "百日计划投资（万元）"]


def two_level_annex2(path, *, zone_subtotal=60):
    rows = [
        ["附件2"],
        ANNEX2,
        ["一、现代工业集聚区"],
        ["（一）开工项目（2个）"],
        ["1-1", "甲公司", "一期", 10],
        ["1-2", "乙公司", "二期", 20],
        [None, "小计", None, 30],
        ["（二）", "续建项目"],
        ["1-3", "丙公司", "三期", 30],
        [None, "小计", None, 30],
        [None, "小计", None, zone_subtotal],
        ["二", "永安工业集聚区"],
        ["（一）竣工投产项目"],
        ["2-1", "丁公司", "四期", 5],
        [None, "小计", None, 5],
        ["合计", None, None, 65],
    ]
    return write_rows(path, rows, title="Sheet1")


def test_sections_at_two_levels_carry_the_goal_and_each_subtotal_is_checked(campaign, tmp_path):
    output = command(2, two_level_annex2(tmp_path / "a.xlsx"))
    entries = CompetitionEntry.objects.order_by("seq")
    assert [(e.seq, e.project_name, e.goal) for e in entries] == [
        (1, "一期", "start"),
        (2, "二期", "start"),
        (3, "三期", "accelerate"),
        (4, "四期", "complete"),
    ]
    for row in (7, 10, 11, 15):
        assert f"第 {row} 行小计已与各行相加核对一致" in output


def test_a_first_level_subtotal_that_disagrees_names_its_row(campaign, tmp_path):
    errors = refusal(2, two_level_annex2(tmp_path / "a.xlsx", zone_subtotal=61))
    assert (
        "第 11 行“百日计划投资（万元）”列：小计写的是 61.00 万元，但所含各行相加是 60.00 万元"
        in (errors)
    )


def test_chinese_numeral_seqs_are_labels_in_file_order(campaign, tmp_path):
    header = ["序号", "项目名称", "百日计划投资（万元）", "责任单位"]
    rows = [
        header,
        ["一", "甲", 10, "建设科"],
        ["二", "乙", 20, "建设科"],
        ["十", "丙", 5, "建设科"],
    ]
    command(1, write_rows(tmp_path / "a.xlsx", rows, title="Sheet1"))
    assert list(Project.objects.order_by("seq").values_list("seq", "name")) == [
        (1, "甲"),
        (2, "乙"),
        (3, "丙"),
    ]


def test_a_seq_at_the_bound_is_imported(campaign, tmp_path):
    header = ["序号", "项目名称", "百日计划投资（万元）", "责任单位"]
    rows = [header, [1, "甲", 10, "建设科"], [10000, "乙", 20, "建设科"]]
    rows.append([20000, "丙", 5, "建设科"])
    command(1, write_rows(tmp_path / "a.xlsx", rows, title="Sheet1"))
    assert list(Project.objects.order_by("seq").values_list("seq", "name")) == [
        (1, "甲"),
        (10000, "乙"),
        (20000, "丙"),
    ]


def test_a_seq_past_the_bound_is_refused_by_row_and_column(campaign, tmp_path):
    header = ["序号", "项目名称", "百日计划投资（万元）", "责任单位"]
    rows = [header, [1, "甲", 10, "建设科"], [20001, "乙", 20, "建设科"]]
    errors = refusal(1, write_rows(tmp_path / "a.xlsx", rows, title="Sheet1"))
    assert "第 3 行“序号”列：序号应为 1 至 20000 的整数" in errors
    assert not Project.objects.exists()


def month_annex1(path, *, total=True, july=30):
    group = ["序号", "项目名称", "责任单位", "百日计划投资（万元）", None, None, None]
    sub = [None, None, None, "5月", "6月", "7月", "8月"]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:G1"]
    data = [[1, "甲", "建设科", 10, 20, july, 40], [2, "乙", "建设科", 1, 2, 3, 4]]
    if total:
        group.append(None)
        sub.append("合计")
        merges[-1] = "D1:H1"
        data = [data[0] + [100], data[1] + [10]]
    return write_rows(path, [group, sub, *data], title="Sheet1", merges=merges)


def test_months_under_a_group_with_a_total_column_must_add_up(campaign, tmp_path):
    command(1, month_annex1(tmp_path / "a.xlsx"))
    assert Project.objects.aggregate(s=Sum("planned_investment_wan"))["s"] == Decimal("110.00")


def test_months_that_do_not_add_up_to_their_total_are_refused_with_both_figures(campaign, tmp_path):
    errors = refusal(1, month_annex1(tmp_path / "a.xlsx", july=31))
    assert "写的是 100.00 万元，但其下 5月、6月、7月、8月 相加是 101.00 万元" in errors
    assert "第 3 行" in errors


def test_months_under_a_group_without_a_total_sum_to_the_amount(campaign, tmp_path):
    output = command(1, month_annex1(tmp_path / "a.xlsx", total=False))
    assert dict(Project.objects.values_list("name", "planned_investment_wan")) == {
        "甲": Decimal("100.00"),
        "乙": Decimal("10.00"),
    }
    assert "未识别的列" not in output


def test_month_columns_alone_are_the_100_day_plan(campaign, tmp_path):
    rows = [
        ["单位：亿元"],
        ["序号", "项目名称", "责任单位", "5月", "6月", "7月", "8月"],
        [1, "甲", "建设科", 0.01, 0.02, 0.03, 0.04],
        ["合计", None, None, 0.01, 0.02, 0.03, 0.04],
    ]
    output = command(1, write_rows(tmp_path / "a.xlsx", rows, title="Sheet1"))
    assert Project.objects.get().planned_investment_wan == Decimal("1000.00")
    assert "合计已与各行相加核对一致" in output


def test_a_missing_column_names_the_nearest_header_and_the_map_that_fixes_it(campaign, tmp_path):
    rows = [["序号", "工程项目", "百日计划投资（万元）", "责任单位"], [1, "甲", 10, "建设科"]]
    path = write_rows(tmp_path / "a.xlsx", rows, title="Sheet1")
    with pytest.raises(CommandError) as caught:
        command(1, path)
    message = str(caught.value)
    assert "缺少“项目名称”列" in message
    assert (
        '最接近的是 B 列“工程项目”：如它就是“项目名称”，请加 --map "工程项目=项目名称"' in message
    )
    out = StringIO()
    call_command(
        "import_annex",
        "1",
        str(path),
        "--campaign",
        "c2026",
        "--map",
        "工程项目=项目名称",
        stdout=out,
    )
    assert Project.objects.get().name == "甲"


def test_month_parts_become_the_plan_of_items_without_one(campaign, tmp_path):
    from core.own_plan import plan_weeks_of

    output = command(1, month_annex1(tmp_path / "a.xlsx"))
    assert "已按各月计划投资生成 2 个项目的进度计划" in output
    project = Project.objects.get(name="甲")
    weeks = plan_weeks_of(project)
    june_end = [w for w in weeks if campaign.week_end(w) <= datetime.date(2026, 6, 30)]
    assert sum(weeks[w] for w in june_end) == Decimal("30.00")
    assert sum(weeks.values()) == Decimal("100.00")


def test_months_under_qizhong_beside_the_amount_are_its_parts(campaign, tmp_path):
    group = ["序号", "项目名称", "责任单位", "百日计划投资（万元）", "其中", None, None, None]
    sub = [None, None, None, None, "5月", "6月", "7月", "8月"]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:H1"]
    rows = [group, sub, [1, "甲", "建设科", 100, 10, 20, 30, 40]]
    output = command(1, write_rows(tmp_path / "a.xlsx", rows, title="Sheet1", merges=merges))
    assert Project.objects.get().planned_investment_wan == Decimal("100.00")
    assert "分列为 5月、6月、7月、8月，已逐行与该列核对" in output
    rows[2][7] = 41
    errors = refusal(1, write_rows(tmp_path / "b.xlsx", rows, title="Sheet1", merges=merges))
    assert "写的是 100.00 万元，但其下 5月、6月、7月、8月 相加是 101.00 万元" in errors
