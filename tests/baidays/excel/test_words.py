"""Words other counties' tables use: dashes and 无 for "none", goal and category words, and
headers such as 建设项目."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from baidays.excel.concepts import ANNEX_CONCEPTS, best_concepts
from baidays.excel.headers import path_key
from baidays.excel.layouts import ANNEX_2, ANNEX_4, parse_cell
from baidays.excel.parsers import is_none_word
from enterprises.models import CompetitionEntry
from projects.models import Project
from tests.annex_workbooks import annex1_file, annex1_row, write_rows
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def command(annex, path):
    out = StringIO()
    call_command("import_annex", str(annex), str(path), "--campaign", "c2026", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("word", ["—", "－", "-", "/", "／", "无", "——", " — "])
def test_dashes_slashes_and_wu_say_none(word):
    assert is_none_word(word)


@pytest.mark.parametrize("word", ["0", "", "—1", "无锡", None, 0])
def test_other_cells_do_not_say_none(word):
    assert not is_none_word(word)


def test_a_dash_in_an_amount_is_0_and_a_slash_in_a_date_is_none_both_listed(campaign, tmp_path):
    rows = [
        annex1_row(1, "甲", 总投资="—", 计划开工时间="/"),
        annex1_row(2, "乙", planned="无", 计划完成时间="－"),
    ]
    output = command(1, annex1_file(tmp_path / "a.xlsx", rows))
    first, second = Project.objects.order_by("seq")
    assert first.total_investment_wan == Decimal("0.00") and first.planned_start is None
    assert second.planned_investment_wan == Decimal("0.00") and second.planned_finish is None
    assert "“总投资”有 1 处写作“—”（第 5 行），金额按 0 导入" in output
    assert "“百日计划投资”有 1 处写作“无”（第 6 行），金额按 0 导入" in output
    assert "“计划开工时间”有 1 处写作“/”（第 5 行），日期按空导入" in output


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("建设项目", "name"),
        ("建设地址", "zone"),
        ("包抓领导", "responsible_leader"),
        ("推进单位", "responsible_department"),
    ],
)
def test_headers_other_counties_write(header, key):
    assert best_concepts(ANNEX_CONCEPTS[1], path_key([header])) == [key]


@pytest.mark.parametrize(
    ("word", "goal"),
    [("新开工", "start"), ("计划新开工", "start"), ("续建", "accelerate"), ("在建", "accelerate")]
    + [("竣工投产", "complete"), ("建成投产", "complete"), ("续建项目", "accelerate")],
)
def test_goal_words_of_other_counties(word, goal):
    assert parse_cell(ANNEX_2.column("goal"), word) == goal


@pytest.mark.parametrize(
    ("word", "category"),
    [
        ("龙头企业", "leading"),
        ("成长型企业", "growth"),
        ("高新技术企业", "tech"),
        ("新办企业", "new"),
    ],
)
def test_category_words_of_other_counties(word, category):
    assert parse_cell(ANNEX_4.column("category"), word) == category


def test_section_rows_in_other_counties_words_set_the_goal(campaign, tmp_path):
    header = ["序号", "企业名称", "建设项目", "百日计划投资（万元）"]
    rows = [
        ["附件2"],
        header,
        ["一、新开工项目（1个）"],
        [1, "甲公司", "一期", 10],
        ["二、续建项目（1个）"],
        [2, "乙公司", "二期", 20],
        ["三、竣工投产项目（1个）"],
        [3, "丙公司", "三期", 30],
    ]
    command(2, write_rows(tmp_path / "a.xlsx", rows, title="Sheet1"))
    goals = list(CompetitionEntry.objects.order_by("seq").values_list("project_name", "goal"))
    assert goals == [("一期", "start"), ("二期", "accelerate"), ("三期", "complete")]


# --- headers collected from public county and city 项目表 (sources in concepts.py) ------------
@pytest.mark.parametrize(
    ("annex", "header", "key"),
    [
        (1, "项目全称", "name"),
        (2, "项目全称", "project_name"),
        (1, "建设规模及主要建设内容", "content_scale"),
        (1, "建设规模及内容", "content_scale"),
        (1, "所属开发区", "zone"),
        (1, "挂钩领导", "responsible_leader"),
        (1, "项目责任领导", "responsible_leader"),
        (1, "项目责任单位", "responsible_department"),
        (1, "挂钩责任单位", "responsible_department"),
        (3, "项目业主单位", "owner_name"),
        (3, "2026年计划投资（万元）", "annual_planned_wan"),
        (1, "大干100天力争完成的投资额（万元）", "planned_investment_wan"),
        (2, "项目性质", "goal"),
        (2, "计划建设阶段", "goal"),
    ],
)
def test_headers_of_public_project_tables(annex, header, key):
    assert best_concepts(ANNEX_CONCEPTS[annex], path_key([header])) == [key]


def test_a_unit_in_charge_over_its_name_is_the_department_not_the_enterprise():
    # 漳州's 明细表: 挂钩责任单位 over 单位名称 / 责任人 / 联络人
    for annex in (2, 4):
        found = best_concepts(ANNEX_CONCEPTS[annex], path_key(["挂钩责任单位", "单位名称"]))
        assert found == ["responsible_department"]


@pytest.mark.parametrize(
    ("annex", "header"),
    [
        (1, "2026年计划投资（万元）"),  # the year's plan, not the 100 days'
        (2, "2026年计划投资（万元）"),
        (1, "大干150天力争完成的投资额（万元）"),  # another campaign's length
        (2, "本年度建设任务"),  # the year's task, not the 100-day one
        (1, "本年度建设内容"),
        (1, "年度工作目标"),
        (1, "责任人"),  # the leader or the unit: a person could not tell
        (1, "建设起止时间"),  # start and finish in one cell
        (3, "建设起止年限"),
    ],
)
def test_headers_that_could_mean_two_things_are_not_guessed(annex, header):
    assert best_concepts(ANNEX_CONCEPTS[annex], path_key([header])) == []


def test_a_public_key_project_header_imports_and_lists_what_it_did_not_read(campaign, tmp_path):
    header = ["序号", "项目全称", "建设规模及主要建设内容", "所属开发区", "总投资（万元）"]
    header += ["大干100天力争完成的投资额（万元）", "挂钩领导", "项目责任单位"]
    header += ["建设起止时间", "责任人"]
    rows = [
        header,
        [
            1,
            "纬二路",
            "道路长1.2公里",
            "现代工业集聚区",
            860,
            120,
            "王建国",
            "建设科",
            "2026-2027",
            "李",
        ],
        [2, "污水泵站", "泵站一座", "永安工业集聚区", 300, 80, "李明", "环保科", "2026", "张"],
    ]
    output = command(1, write_rows(tmp_path / "a.xlsx", rows, title="Sheet1"))
    projects = list(
        Project.objects.order_by("seq").values_list(
            "name", "content_scale", "zone", "planned_investment_wan"
        )
    )
    assert projects == [
        ("纬二路", "道路长1.2公里", "现代工业集聚区", Decimal("120.00")),
        ("污水泵站", "泵站一座", "永安工业集聚区", Decimal("80.00")),
    ]
    assert Project.objects.get(name="纬二路").responsible_leader.name == "王建国"
    assert "未识别的列（未导入）：I 列“建设起止时间”、J 列“责任人”" in output


def test_a_years_plan_is_never_taken_for_the_100_day_plan(campaign, tmp_path):
    header = ["序号", "项目名称", "2026年计划投资（万元）", "责任单位"]
    rows = [header, [1, "纬二路", 1200, "建设科"]]
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_annex",
            "1",
            str(write_rows(tmp_path / "a.xlsx", rows, title="Sheet1")),
            "--campaign",
            "c2026",
            stderr=err,
        )
    message = err.getvalue() + str(caught.value)
    assert "百日计划投资" in message
    assert "C 列“2026年计划投资（万元）”" in message
    assert not Project.objects.exists()
