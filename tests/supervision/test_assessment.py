"""考核: the score rule against a hand-worked example, the campaign's own weights, ties, the
score as of an earlier day, and a query count that does not grow with units or items."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.campaign_settings import CampaignRules
from core.models import Campaign
from enterprises.choices import ProblemStatus
from supervision.assessment import DepartmentScore, assess, rank, rule_text
from supervision.choices import Cause
from tests.factories import (
    CampaignFactory,
    CompetitionEntryFactory,
    DecisionFactory,
    DepartmentFactory,
    EntryReportFactory,
    MilestoneFactory,
    PlanFactory,
    ProblemFactory,
    ProjectFactory,
    ProjectReportFactory,
)
from tests.factories_schedules import written_schedule
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db
# 2026-05-01 is a Friday, the report weeks end on Fridays: week 1 is that one day, week 7 ends
# on 06-12, and on Monday 06-15 week 8 is in force. Weeks 1–7 have ended: their reports are due.
DAY = datetime.date(2026, 6, 15)


@pytest.fixture
def campaign():
    return CampaignFactory(slug="k2026")


def fresh(campaign):
    """The campaign read anew, so nothing it cached (its rules) is carried over."""
    return Campaign.objects.get(pk=campaign.pk)


def reports(item, weeks, amount="1"):
    amount = Decimal(amount)
    for week in weeks:
        if hasattr(item, "annex"):
            ProjectReportFactory(project=item, report_week=week, week_investment_wan=amount)
        else:
            EntryReportFactory(entry=item, report_week=week, week_investment_wan=amount)


def hand_worked_world(campaign):
    """Unit A: a back-loaded project reporting every week and a front-loaded one (all due in
    week 1, so red) reporting weeks 1–3; a 黄牌, a 红牌 answered late, a 议定事项 done two days
    after its deadline, a problem resolved in time, a 规划节点 not due yet. Unit B: one 争先杯
    entry, back-loaded, reporting every week, nothing else."""
    unit_a = DepartmentFactory(name="甲单位", sort_order=1)
    unit_b = DepartmentFactory(name="乙单位", sort_order=2)
    on_plan = ProjectFactory(campaign=campaign, responsible_department=unit_a)
    behind = ProjectFactory(campaign=campaign, responsible_department=unit_a)
    written_schedule(on_plan, {17: Decimal("100")})
    written_schedule(behind, {1: Decimal("100")})
    reports(on_plan, range(1, 8)), reports(behind, range(1, 4))
    SupervisionFactory(target=behind, cause=Cause.RED, opened_on=datetime.date(2026, 6, 12))
    SupervisionFactory(
        target=behind,
        cause=Cause.MISSED_REPORTS,
        opened_on=datetime.date(2026, 6, 1),  # answer due 06-04, escalated 06-09
        escalated_on=datetime.date(2026, 6, 9),
        answered_on=datetime.date(2026, 6, 6),
    )
    DecisionFactory(
        meeting__campaign=campaign,
        responsible_department=unit_a,
        due_date=datetime.date(2026, 5, 31),
        status="done",
        completed_on=datetime.date(2026, 6, 2),
    )
    ProblemFactory(
        campaign=campaign,
        responsible_department=unit_a,
        due_date=datetime.date(2026, 6, 10),
        status=ProblemStatus.RESOLVED,
        resolved_on=datetime.date(2026, 6, 8),
    )
    MilestoneFactory(
        plan__campaign=campaign, lead_department=unit_a, due_date=datetime.date(2026, 6, 30)
    )
    entry = CompetitionEntryFactory(campaign=campaign, responsible_department=unit_b)
    written_schedule(entry, {17: entry.planned_investment_wan})
    reports(entry, range(1, 8))
    return unit_a, unit_b


def test_the_score_rule_against_a_hand_worked_example(campaign):
    unit_a, unit_b = hand_worked_world(campaign)
    result = assess(fresh(campaign), DAY)
    a, b = result.of(unit_a), result.of(unit_b)
    assert (result.week, result.weeks_due) == (8, 7)
    # A: 2 projects × 7 weeks = 14 reports due, 7 + 3 = 10 in → 40 × 10 ÷ 14 = 28.571… → 28.57
    assert (a.reports_due, a.reports_on_time, a.report_points) == (14, 10, Decimal("28.57"))
    # 1 of 2 projects on its own plan → 60 × 1 ÷ 2 = 30.00
    assert (a.items, a.items_on_plan, a.plan_points) == (2, 1, Decimal("30.00"))
    # 1 黄牌 × 1 + 1 红牌 × 3 + 1 late answer (due 06-04, came 06-06) × 2 + the 议定事项 done
    # after its deadline × 1 = 7; the problem was resolved in time, the 规划节点 is not due
    assert (a.yellow, a.red, a.late_answers) == (1, 1, 1)
    assert (a.things, a.things_due, a.closed_late) == (3, 2, 1)
    assert a.penalty_points == Decimal("7.00")
    # 28.57 + 30.00 − 7.00 = 51.57
    assert a.score == Decimal("51.57")
    # B: 7 of 7 reports → 40.00, its one entry on plan → 60.00, nothing to deduct → 100.00
    assert (b.report_points, b.plan_points, b.penalty_points) == (
        Decimal("40.00"),
        Decimal("60.00"),
        Decimal("0.00"),
    )
    assert b.score == Decimal("100.00")
    assert [(row.department, row.rank) for row in result.rows] == [(unit_b, 1), (unit_a, 2)]


def test_the_campaigns_weights_make_the_score_and_the_rule_text(campaign):
    unit_a, _unit_b = hand_worked_world(campaign)
    CampaignRules.objects.create(
        campaign=campaign,
        weight_reports=Decimal("70"),
        weight_on_plan=Decimal("30"),
        penalty_yellow=Decimal("0.5"),
        penalty_red=Decimal("10"),
        penalty_late_answer=Decimal("0"),
        penalty_late_closed=Decimal("2.25"),
    )
    a = assess(fresh(campaign), DAY).of(unit_a)
    # 70 × 10 ÷ 14 = 50.00; 30 × 1 ÷ 2 = 15.00; 0.5 + 10 + 0 + 2.25 = 12.75 → 52.25
    assert (a.report_points, a.plan_points, a.penalty_points) == (
        Decimal("50.00"),
        Decimal("15.00"),
        Decimal("12.75"),
    )
    assert a.score == Decimal("52.25")
    text = rule_text(fresh(campaign))
    for words in ("按时报送 70 分", "按计划推进 30 分", "黄牌每张 0.5 分", "红牌每张 10 分"):
        assert words in text
    assert "每项 2.25 分" in text and "最低 0 分" in text


def test_penalties_never_take_a_score_below_zero(campaign):
    unit = DepartmentFactory(name="丙单位")
    item = ProjectFactory(campaign=campaign, responsible_department=unit)
    written_schedule(item, {1: Decimal("100")})
    for cause in Cause.values[:7]:  # seven 红牌, never reported: 0 + 0 − 7 × 3 − 7 × 2 < 0
        SupervisionFactory(
            target=item,
            cause=cause,
            opened_on=datetime.date(2026, 6, 1),
            escalated_on=datetime.date(2026, 6, 9),
        )
    row = assess(fresh(campaign), DAY).of(unit)
    assert (row.red, row.late_answers, row.penalty_points) == (7, 7, Decimal("35.00"))
    assert row.score == Decimal("0.00")


def test_equal_scores_share_a_rank_and_the_next_one_skips(campaign):
    units = [DepartmentFactory(name=f"单位{n}", sort_order=n) for n in range(3)]
    for unit, weeks in zip(units, (range(1, 8), range(1, 8), range(1, 5)), strict=True):
        item = ProjectFactory(campaign=campaign, responsible_department=unit)
        written_schedule(item, {17: Decimal("100")})
        reports(item, weeks)
    rows = assess(fresh(campaign), DAY).rows
    assert [(row.department.name, row.score, row.rank) for row in rows] == [
        ("单位0", Decimal("100.00"), 1),
        ("单位1", Decimal("100.00"), 1),
        # 40 × 4 ÷ 7 = 22.857… → 22.86, + 60
        ("单位2", Decimal("82.86"), 3),
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=12))
def test_ranks_are_one_plus_the_number_of_better_scores(scores):
    rows = rank([DepartmentScore(department=None, score=Decimal(s)) for s in scores])
    for row in rows:
        assert row.rank == 1 + sum(1 for other in rows if other.score > row.score)
    assert [row.score for row in rows] == sorted((row.score for row in rows), reverse=True)


def test_a_score_as_of_an_earlier_day_ignores_later_reports_and_supervision(campaign):
    unit_a, unit_b = hand_worked_world(campaign)
    # 05-27 (Wednesday): week 5 is in force, weeks 1–4 have ended; nothing of June exists yet
    earlier = assess(fresh(campaign), datetime.date(2026, 5, 27))
    a = earlier.of(unit_a)
    assert (earlier.week, earlier.weeks_due) == (5, 4)
    # 2 × 4 due; the on-plan project's weeks 1–4 and the other's 1–3 are in: 40 × 7 ÷ 8 = 35
    assert (a.reports_due, a.reports_on_time, a.report_points) == (8, 7, Decimal("35.00"))
    assert (a.yellow, a.red, a.late_answers) == (0, 0, 0)
    # the 议定事项 (due 05-31) and the problem (due 06-10) were not due yet
    assert (a.things_due, a.closed_late) == (0, 0)
    assert a.score == Decimal("65.00")  # 35 + 60 × 1 ÷ 2
    # 06-05: the 督办单 of 06-01 was opened, its answer due 06-04 had not come: late already;
    # it turned red only on 06-09
    a = assess(fresh(campaign), datetime.date(2026, 6, 5)).of(unit_a)
    assert (a.yellow, a.red, a.late_answers, a.closed_late) == (1, 0, 1, 1)


def test_an_answer_in_time_or_a_close_before_the_due_day_is_not_late(campaign):
    unit = DepartmentFactory(name="丁单位")
    item = ProjectFactory(campaign=campaign, responsible_department=unit)
    opened = datetime.date(2026, 6, 1)  # answer due 06-04
    SupervisionFactory(target=item, cause=Cause.RED, opened_on=opened, answered_on=opened)
    SupervisionFactory(
        target=item,
        cause=Cause.YELLOW_WEEKS,
        opened_on=opened,
        closed_on=opened,
        closed_how="cleared",
    )
    SupervisionFactory(target=item, cause=Cause.TASK, opened_on=opened)  # never answered
    by_day = {
        day: assess(fresh(campaign), datetime.date(2026, 6, day)).of(unit).late_answers
        for day in (4, 5, 30)
    }
    assert by_day == {4: 0, 5: 1, 30: 1}


def _world(campaign, size):
    plan = PlanFactory(campaign=campaign)
    for n in range(size):
        unit = DepartmentFactory(name=f"规模单位{size}-{n}")
        project = ProjectFactory(campaign=campaign, responsible_department=unit)
        reports(project, range(1, 4))
        reports(CompetitionEntryFactory(campaign=campaign, responsible_department=unit), [1])
        SupervisionFactory(target=project, opened_on=datetime.date(2026, 6, 1))
        DecisionFactory(meeting__campaign=campaign, responsible_department=unit)
        ProblemFactory(campaign=campaign, responsible_department=unit)
        MilestoneFactory(plan=plan, lead_department=unit)


@pytest.mark.parametrize("size", [2, 8])
def test_the_query_count_does_not_grow_with_units_or_items(
    campaign, size, django_assert_num_queries
):
    _world(campaign, size)
    campaign = fresh(campaign)
    # rules, units; items and reports for each of the two tracked kinds; 督办; six kinds of
    # things with a deadline (the 回头看 follow-ups the sixth)
    with django_assert_num_queries(13):
        result = assess(campaign, DAY)
    assert len(result.rows) == size


def test_a_problem_is_late_when_it_was_not_resolved_by_the_end_of_its_due_day(campaign):
    unit = DepartmentFactory(name="戊单位")
    due = datetime.date(2026, 6, 10)
    for resolved in (datetime.date(2026, 6, 10), datetime.date(2026, 6, 12), None):
        ProblemFactory(
            campaign=campaign,
            responsible_department=unit,
            due_date=due,
            status=ProblemStatus.RESOLVED if resolved else ProblemStatus.OPEN,
            resolved_on=resolved,
        )
    # on its due day none is late yet; after it, the one resolved on 06-12 and the open one are
    by_day = {
        day: assess(fresh(campaign), datetime.date(2026, 6, day)).of(unit) for day in (10, 11, 20)
    }
    assert [(by_day[d].things_due, by_day[d].closed_late) for d in (10, 11, 20)] == [
        (0, 0),
        (3, 2),
        (3, 2),
    ]
