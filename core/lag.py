"""Lag colours, computed the same way everywhere (DESIGN.md, 时序进度): an item lags when its
completion % is below time progress — yellow within LAG_YELLOW_POINTS, red beyond."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Case, CharField, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.choices import LagStatus


def lag_status(completion_percent, time_percent):
    gap = Decimal(time_percent) - Decimal(completion_percent or 0)
    if gap <= 0:
        return LagStatus.ON_TRACK
    if gap <= settings.LAG_YELLOW_POINTS:
        return LagStatus.YELLOW
    return LagStatus.RED


def red_condition(field, time_percent):
    return Q(**{f"{field}__lt": Decimal(time_percent) - settings.LAG_YELLOW_POINTS})


def yellow_condition(field, time_percent):
    return Q(**{f"{field}__lt": Decimal(time_percent)}) & ~red_condition(field, time_percent)


def lag_expression(field, time_percent):
    """The same rule as lag_status, as a SQL expression over an annotated percent."""
    return Case(
        When(red_condition(field, time_percent), then=Value(LagStatus.RED.value)),
        When(yellow_condition(field, time_percent), then=Value(LagStatus.YELLOW.value)),
        default=Value(LagStatus.ON_TRACK.value),
        output_field=CharField(),
    )


def latest_report_lag(reports, time_percent):
    """The lag colour of an item's latest report among `reports` (an OuterRef-filtered
    queryset), decided inside the subquery so the database looks the report up once per item;
    an item without a report counts as 0 %."""
    latest = (
        reports.order_by("-report_week")
        .annotate(lag=lag_expression("percent_complete", time_percent))
        .values("lag")[:1]
    )
    return Coalesce(
        Subquery(latest), Value(lag_status(0, time_percent).value), output_field=CharField()
    )
