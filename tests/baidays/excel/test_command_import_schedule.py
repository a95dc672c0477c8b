"""import_schedule: weeks, dates and months as periods, every refusal by row and column, nothing
saved on a refusal; a re-import is a new version of the schedule from then on (a dry run writes
none), so the figures as of an earlier day keep the schedule then in effect."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from baidays.dashboards.summary import campaign_summary
from core.own_plan import plan_weeks_of
from supervision.schedules.services import replace_schedule
from tests.factories import (
    CampaignFactory,
    CompetitionEntryFactory,
    EnterpriseFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="s2026")


@pytest.fixture
def road(campaign):
    return ProjectFactory(campaign=campaign, name="纬二路", planned_investment_wan=Decimal("100"))


def workbook(tmp_path, rows, name="plan.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


def run(path, *extra):
    call_command("import_schedule", path, "--campaign", "s2026", *extra)


def weeks_of(item):
    return plan_weeks_of(item)


def test_weeks_dates_and_months(tmp_path, road):
    path = workbook(
        tmp_path,
        [
            ["单位：万元"],
            ["序号", "项目名称", "第1周", datetime.date(2026, 5, 20), "2026年7月"],
            [1, "纬二路", 10, 30, 60],
        ],
    )
    run(path)
    weeks = weeks_of(road)
    assert weeks[1] == Decimal("10.00")
    assert weeks[road.campaign.week_of(datetime.date(2026, 5, 20))] == Decimal("30.00")
    july = [w for w in weeks if w not in (1, road.campaign.week_of(datetime.date(2026, 5, 20)))]
    # the five report weeks ending in July share 60 evenly
    assert len(july) == 5
    assert sum(weeks[w] for w in july) == Decimal("60.00")


def test_entry_by_enterprise_and_name_and_units(tmp_path, campaign):
    entry = CompetitionEntryFactory(
        campaign=campaign,
        enterprise=EnterpriseFactory(name="甲公司"),
        project_name="扩产",
        planned_investment_wan=Decimal("900"),
    )
    CompetitionEntryFactory(campaign=campaign, project_name="扩产")
    path = workbook(
        tmp_path,
        [["企业名称", "项目名称", "第1周（元）", "第2周"], ["甲公司", "扩产", 1000000, 800]],
    )
    run(path)
    assert plan_weeks_of(entry) == {
        1: Decimal("100.00"),
        2: Decimal("800.00"),
    }


def test_reimport_updates(tmp_path, road):
    replace_schedule(item=road, weeks={3: Decimal("100")})
    run(workbook(tmp_path, [["项目名称", "第1周", "第2周"], ["纬二路", 40, 60]]))
    assert weeks_of(road) == {1: Decimal("40.00"), 2: Decimal("60.00")}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["项目名称", "第1周"], ["纬二路", 90]], "第 2 行“各时段合计”列：各周计划合计 90.00 万元"),
        (
            [["项目名称", "第1周"], ["不存在的路", 100]],
            "第 2 行“A（项目名称）”列：本次百日行动中没有",
        ),
        ([["项目名称", "第40周"], ["纬二路", 100]], "第 1 行“B（第40周）”列：时段本次百日行动只有"),
        (
            [["项目名称", datetime.date(2026, 9, 1)], ["纬二路", 100]],
            "第 1 行“B（2026-09-01）”列：时段2026-09-01 不在本次百日行动内",
        ),
        ([["项目名称", "2026年12月"], ["纬二路", 100]], "第 1 行“B（2026年12月）”列：时段"),
        ([["项目名称", "第1周"], ["纬二路", "很多"]], "第 2 行“B（第1周）”列：“很多”不是数字"),
        ([["项目名称", "第1周"], ["纬二路", -5]], "第 2 行“B（第1周）”列：金额不能为负数"),
        (
            [["项目名称", "第1周"], ["纬二路", 100], ["纬二路", 100]],
            "第 3 行“A（项目名称）”列：与第 2 行是同一个项目",
        ),
    ],
)
def test_refusals_name_row_and_column_and_save_nothing(tmp_path, road, capsys, rows, message):
    replace_schedule(item=road, weeks={2: Decimal("100")})
    with pytest.raises(CommandError, match="未导入任何数据"):
        run(workbook(tmp_path, rows))
    assert message in capsys.readouterr().err
    assert weeks_of(road) == {2: Decimal("100.00")}


def test_ambiguous_name_asks_for_the_enterprise(tmp_path, campaign, capsys):
    CompetitionEntryFactory(campaign=campaign, project_name="扩产")
    CompetitionEntryFactory(campaign=campaign, project_name="扩产")
    with pytest.raises(CommandError):
        run(workbook(tmp_path, [["项目名称", "第1周"], ["扩产", 900]]))
    assert "不止一个，请填写企业名称" in capsys.readouterr().err


def test_the_annex_column_tells_a_key_project_from_the_entry_of_the_same_name(
    tmp_path, campaign, capsys
):
    owner = EnterpriseFactory(name="华力精密机械有限公司")
    entry = CompetitionEntryFactory(
        campaign=campaign,
        enterprise=owner,
        project_name="数控机床项目",
        planned_investment_wan=Decimal("900"),
    )
    project = ProjectFactory(
        campaign=campaign,
        annex=3,
        name="数控机床项目",
        owner=owner,
        planned_investment_wan=Decimal("800"),
    )
    header = ["附件", "企业名称", "项目名称", "第1周"]
    with pytest.raises(CommandError):
        run(workbook(tmp_path, [header[1:], ["", "数控机床项目", 800]]))
    assert "不止一个，请填写“附件”列" in capsys.readouterr().err
    run(
        workbook(
            tmp_path,
            [
                header,
                ["附件3", "", "数控机床项目", 800],
                [2, "华力精密机械有限公司", "数控机床项目", 900],
            ],
            name="annexed.xlsx",
        )
    )
    assert weeks_of(project) == {1: Decimal("800.00")}
    assert plan_weeks_of(entry) == {1: Decimal("900.00")}


@pytest.mark.parametrize(
    ("annex", "message"),
    [
        ("附件5", "第 2 行“A（附件）”列：“附件5”应为 附件1、附件2 或 附件3"),
        ("1", "附件1中没有名为"),
    ],
)
def test_a_bad_or_wrong_annex_is_refused(tmp_path, road, capsys, annex, message):
    road.annex = 3
    road.save()
    with pytest.raises(CommandError, match="未导入任何数据"):
        run(workbook(tmp_path, [["附件", "项目名称", "第1周"], [annex, "纬二路", 100]]))
    assert message in capsys.readouterr().err
    assert weeks_of(road) == {}


def test_dry_run_saves_nothing_and_no_header_is_refused(tmp_path, road, capsys):
    run(workbook(tmp_path, [["项目名称", "第1周"], ["纬二路", 100]]), "--dry-run")
    assert weeks_of(road) == {}
    assert "将更新 1 个项目" in capsys.readouterr().out
    with pytest.raises(CommandError, match="找不到表头"):
        run(workbook(tmp_path, [["名称", "第1周"], ["纬二路", 100]], name="b.xlsx"))


def test_a_reimport_is_a_new_version_and_the_same_rows_again_change_nothing(tmp_path, road):
    run(workbook(tmp_path, [["项目名称", "第1周"], ["纬二路", 100]]))
    run(workbook(tmp_path, [["项目名称", "第1周", "第2周"], ["纬二路", 40, 60]], name="b.xlsx"))
    versions = list(road.schedule_versions.order_by("pk"))
    assert [(v.source, v.note) for v in versions] == [
        ("import", "导入 plan.xlsx"),
        ("import", "导入 b.xlsx"),
    ]
    assert versions[0].superseded_at == versions[1].effective_from
    run(workbook(tmp_path, [["项目名称", "第1周", "第2周"], ["纬二路", 40, 60]], name="c.xlsx"))
    assert road.schedule_versions.count() == 2


def test_a_dry_run_writes_no_version(tmp_path, road):
    run(workbook(tmp_path, [["项目名称", "第1周"], ["纬二路", 100]]))
    run(workbook(tmp_path, [["项目名称", "第2周"], ["纬二路", 100]], name="b.xlsx"), "--dry-run")
    assert road.schedule_versions.count() == 1
    assert weeks_of(road) == {1: Decimal("100.00")}


def test_the_summary_before_an_import_shows_the_linear_default(tmp_path, campaign, road):
    road.planned_start, road.planned_finish = campaign.start_date, campaign.end_date
    road.save()
    june_5, june_10 = datetime.date(2026, 6, 5), datetime.date(2026, 6, 10)
    linear = campaign_summary(campaign, june_5)["infrastructure"]
    assert (linear["planned_to_date_wan"], linear["plan_percent"]) != ("100.00", "100.00")
    # imported at noon on 6月10日: every week of it due in week 1
    with time_machine.travel(datetime.datetime(2026, 6, 10, 4, tzinfo=datetime.UTC), tick=False):
        run(workbook(tmp_path, [["项目名称", "第1周"], ["纬二路", 100]]))
    before = campaign_summary(campaign, june_5)["infrastructure"]
    assert (before["planned_to_date_wan"], before["plan_percent"]) == (
        linear["planned_to_date_wan"],
        linear["plan_percent"],
    )
    assert before["lagging"] == linear["lagging"]
    after = campaign_summary(campaign, june_10)["infrastructure"]
    assert (after["planned_to_date_wan"], after["plan_percent"]) == ("100.00", "100.00")
    assert after["lagging"]["red"] == 1


def test_months_without_their_year_and_xun_are_periods(tmp_path, road):
    path = workbook(
        tmp_path,
        [
            ["项目名称", "5月上旬", "5月中旬", "5月下旬", "6月", "7月", "8月中旬"],
            ["纬二路", 5, 5, 10, 30, 40, 10],
        ],
    )
    run(path)
    weeks = weeks_of(road)
    campaign = road.campaign

    # each period's amount lies in the report weeks that end in it: the plan to each period's
    # end is the file's
    def to(day):
        return sum(amount for week, amount in weeks.items() if campaign.week_end(week) <= day)

    assert to(datetime.date(2026, 5, 10)) == Decimal("5.00")
    assert to(datetime.date(2026, 5, 20)) == Decimal("10.00")
    assert to(datetime.date(2026, 5, 31)) == Decimal("20.00")
    assert to(datetime.date(2026, 6, 30)) == Decimal("50.00")
    assert to(datetime.date(2026, 7, 31)) == Decimal("90.00")
    assert sum(weeks.values()) == Decimal("100.00")


def test_a_xun_without_a_report_week_is_refused_by_column(tmp_path, road, capsys):
    path = workbook(tmp_path, [["项目名称", "4月下旬", "第1周"], ["纬二路", 0, 100]])
    with pytest.raises(CommandError):
        run(path)
    assert (
        "“B（4月下旬）”列：时段2026年4月下旬 内没有本次百日行动的周报截止日"
        in capsys.readouterr().err
    )
