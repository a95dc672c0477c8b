"""The lag rule, written once. Every tracked item is judged by one figure, 投资完成率 = its
cumulative completed investment ÷ its 100-day planned investment, against its own 计划完成率 =
what its 进度计划 had it due by the report week ÷ the same planned investment (core.own_plan):
yellow when below it by up to the campaign's `yellow_points` (CampaignRules), red when below it
by more, or when yellow `yellow_weeks_to_red` report weeks in a row. An item without planned
investment has nothing to lag behind. A total of several items (a KPI block, a unit) is judged
by the same comparison of its sums (aggregate_lag). rule_text prints the rule as applied; it is
the only text of it.

The rule compares exact products instead of a rounded percent — completed × 100 against
due × 100 less planned × points — in Decimal here and in whole cents in SQL (SQLite hands
decimals back through float), so a page that colours in Python and a list that filters in SQL
always agree."""

from decimal import Decimal

from django.db.models import Case, CharField, Value, When
from django.db.models.lookups import LessThan, LessThanOrEqual

from core.campaign_settings import CampaignRules
from core.choices import LagStatus

RULE_TEXT = (
    "投资完成率（累计完成投资 ÷ 百日计划投资）低于本项目计划完成率（按其进度计划截至本周的"
    "计划投资 ÷ 百日计划投资；未定进度计划的，按其计划开工至完工时间在百日内均匀安排）为黄色，"
    "低于超过 {points} 个百分点、或连续 {weeks} 个周报周为黄色，为红色；"
    "合计（各类投资、各责任单位）以其累计完成投资之和对照所含项目截至本周的计划投资之和，"
    "按同样的 {points} 个百分点判定（不计连续黄色周数）"
)


# the colours of an item behind its own plan: the lagging lists and their counts
LAGGING = (LagStatus.RED.value, LagStatus.YELLOW.value)


def rule_text(campaign=None):
    """The rule as every page that colours an item or a total prints it, with the campaign's
    thresholds (the defaults without a campaign)."""
    rules = CampaignRules.of(campaign) if campaign is not None else CampaignRules()
    return RULE_TEXT.format(
        points=f"{rules.yellow_points.normalize():f}", weeks=rules.yellow_weeks_to_red
    )


def lag_against_due(completed, planned, due, points):
    """The rule itself, with the reference written as the amount due (万元): 投资完成率 below
    due ÷ planned is yellow, below it by more than `points` is red. An item's own 进度计划 gives
    its due amount (core.own_plan)."""
    planned = Decimal(planned or 0)
    if planned <= 0:
        return LagStatus.ON_TRACK
    done = Decimal(completed or 0) * 100
    due = Decimal(due) * 100
    if done < due - planned * Decimal(points):
        return LagStatus.RED
    if done < due:
        return LagStatus.YELLOW
    return LagStatus.ON_TRACK


def aggregate_lag(completed, planned, due, campaign):
    """The colour of a total of tracked items — a KPI block of the overview, the big screen and
    the briefing, a unit's 投资完成率 on the unit pages: the rule of lag_against_due applied to
    the total itself, its completed investment (the sum of the items' counted reports) against
    its planned to date (the sum of each item's own plan to date, core.own_plan, as with_lag
    reads it), with the sum of their 100-day planned investment as the base of the campaign's
    `yellow_points`. The consecutive-weeks rule is an item's history and does not apply to a
    total. Exact Decimals (万元, two places)."""
    return lag_against_due(completed, planned, due, CampaignRules.of(campaign).yellow_points)


def _hundredths(value):
    """A two-place Decimal as a whole number of hundredths, exact."""
    return int((Decimal(value) * 100).to_integral_value())


def lag_against_due_sql(completed_cents, planned_cents, due_cents, points):
    """lag_against_due in SQL over expressions of whole cents: the same comparisons in whole
    numbers (cents × 10000 against due cents × 10000 less planned cents × the points in
    hundredths), so the SQL and the Python colour always agree."""
    done = completed_cents * Value(10000)
    yellow_bound = due_cents * Value(10000)
    red_bound = yellow_bound - planned_cents * Value(_hundredths(points))
    return Case(
        When(LessThanOrEqual(planned_cents, 0), then=Value(LagStatus.ON_TRACK.value)),
        When(LessThan(done, red_bound), then=Value(LagStatus.RED.value)),
        When(LessThan(done, yellow_bound), then=Value(LagStatus.YELLOW.value)),
        default=Value(LagStatus.ON_TRACK.value),
        output_field=CharField(),
    )
