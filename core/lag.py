"""The lag rule, written once. Every tracked item is judged by one figure, 投资完成率 = its
cumulative completed investment ÷ its 100-day planned investment, against a reference percent
(时序进度 of the campaign): yellow when below it by up to LAG_YELLOW_POINTS points, red when
below it by more. An item without planned investment has nothing to lag behind.

The rule compares exact products instead of a rounded percent — completed × 100 against
planned × reference — in Decimal here and in whole cents in SQL (SQLite hands decimals back
through float), so a page that colours in Python and a list that filters in SQL always agree."""

from decimal import Decimal

from django.conf import settings
from django.db.models import BigIntegerField, Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Round

from core.choices import LagStatus

RULE_TEXT = (
    "投资完成率（累计完成投资 ÷ 百日计划投资）低于时序进度为黄色，"
    "低于时序进度超过 {points} 个百分点为红色"
)


def yellow_points():
    return Decimal(settings.LAG_YELLOW_POINTS)


def rule_text():
    return RULE_TEXT.format(points=f"{yellow_points().normalize():f}")


def investment_lag(completed, planned, reference_percent):
    """LagStatus of an item that has completed `completed` of `planned` 万元 while
    `reference_percent` % was due (exact Decimals, two places)."""
    planned = Decimal(planned or 0)
    if planned <= 0:
        return LagStatus.ON_TRACK
    done = Decimal(completed or 0) * 100
    reference = Decimal(reference_percent)
    if done < planned * (reference - yellow_points()):
        return LagStatus.RED
    if done < planned * reference:
        return LagStatus.YELLOW
    return LagStatus.ON_TRACK


def _hundredths(value):
    """A two-place Decimal as a whole number of hundredths, exact."""
    return int((Decimal(value) * 100).to_integral_value())


def _cents(expression):
    return Cast(Round(expression * Value(100)), BigIntegerField())


def investment_lag_annotations(completed, planned_field, reference_percent):
    """Annotations that decide the same rule as investment_lag in SQL, in whole numbers:
    completed cents × 10000 against planned cents × reference (in hundredths of a point)."""
    reference = _hundredths(reference_percent)
    red_reference = _hundredths(Decimal(reference_percent) - yellow_points())
    planned = _cents(F(planned_field))
    return {
        "lag_done": _cents(completed) * Value(10000),
        "lag_yellow_bound": planned * Value(reference),
        "lag_red_bound": planned * Value(red_reference),
    }


def investment_lag_case(planned_field):
    """The lag colour over the annotations of investment_lag_annotations."""
    return Case(
        When(Q(**{f"{planned_field}__lte": 0}), then=Value(LagStatus.ON_TRACK.value)),
        When(lag_done__lt=F("lag_red_bound"), then=Value(LagStatus.RED.value)),
        When(lag_done__lt=F("lag_yellow_bound"), then=Value(LagStatus.YELLOW.value)),
        default=Value(LagStatus.ON_TRACK.value),
        output_field=CharField(),
    )
