"""The lag rule, written once. Every tracked item is judged by one figure, 投资完成率 = its
cumulative completed investment ÷ its 100-day planned investment, against a reference percent
(时序进度 of the campaign): yellow when below it by up to LAG_YELLOW_POINTS points, red when
below it by more. An item without planned investment has nothing to lag behind.

The rule compares exact products instead of a rounded percent — completed × 100 against
planned × reference — in Decimal here and in whole cents in SQL (SQLite hands decimals back
through float), so a page that colours in Python and a list that filters in SQL always agree."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.db.models.lookups import LessThan, LessThanOrEqual

from core.campaign_settings import CampaignRules
from core.choices import LagStatus

RULE_TEXT = (
    "投资完成率（累计完成投资 ÷ 百日计划投资）低于本项目计划完成率（按其进度计划截至本周的"
    "计划投资 ÷ 百日计划投资；未定进度计划的，按其计划开工至完工时间在百日内均匀安排）为黄色，"
    "低于超过 {points} 个百分点、或连续 {weeks} 个周报周为黄色，为红色"
)


def yellow_points():
    return Decimal(settings.LAG_YELLOW_POINTS)


def rule_text(campaign=None):
    """The rule as every page that colours an item prints it, with the campaign's thresholds
    (the defaults without a campaign)."""
    rules = CampaignRules.of(campaign) if campaign is not None else CampaignRules()
    return RULE_TEXT.format(
        points=f"{rules.yellow_points.normalize():f}", weeks=rules.yellow_weeks_to_red
    )


def investment_lag(completed, planned, reference_percent, points=None):
    """LagStatus of an item that has completed `completed` of `planned` 万元 while
    `reference_percent` % was due (exact Decimals, two places)."""
    planned = Decimal(planned or 0)
    return lag_against_due(completed, planned, planned * Decimal(reference_percent) / 100, points)


def lag_against_due(completed, planned, due, points=None):
    """The rule itself, with the reference written as the amount due (万元): 投资完成率 below
    due ÷ planned is yellow, below it by more than `points` is red. An item's own 进度计划 gives
    its due amount (core.own_plan); the time line gives planned × 时序进度."""
    planned = Decimal(planned or 0)
    if planned <= 0:
        return LagStatus.ON_TRACK
    points = yellow_points() if points is None else Decimal(points)
    done = Decimal(completed or 0) * 100
    due = Decimal(due) * 100
    if done < due - planned * points:
        return LagStatus.RED
    if done < due:
        return LagStatus.YELLOW
    return LagStatus.ON_TRACK


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
