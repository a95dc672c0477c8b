"""Words other counties' tables use: dashes and 无 for "none", goal and category words, and
headers such as 建设项目."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

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
