"""The overview's cumulative chart, week by week: the completed investment of each tracked block
shown (附件1 基础设施, 附件2 争先杯), the summed planned curve of its items' own 进度计划, and time
progress. Completed and planned are drawn through the report week in force on the as-of day
only; time progress for every week of the campaign."""

from decimal import Decimal

from django.db.models import Sum

from core.money import ZERO, format_wan, percent
from core.own_plan import planned_curve_cents


def weekly_totals(reports, week):
    """{report week: completed 万元 of that week} of the counted `reports` up to `week`."""
    return dict(
        reports.filter(report_week__lte=week)
        .order_by()
        .values_list("report_week")
        .annotate(total=Sum("week_investment_wan"))
    )


def planned_curve(items, campaign, week, as_of):
    """{report week: planned to date 万元} for weeks 1..`week`: the sum over `items` of each
    one's own plan through the week by the 进度计划 in effect on `as_of` (core.own_plan, the
    figure the summary's `planned_to_date_wan` sums), in a fixed number of queries whatever
    the number of items and weeks."""
    return {
        number: Decimal(total) / 100
        for number, total in planned_curve_cents(items, campaign, week, as_of).items()
    }


def chart_weeks(campaign, week, blocks):
    """One row per campaign week: its end, 时序进度 at its end, and — for weeks up to the
    report week `week` — each block's cumulative completed and planned 万元 and their share of
    the block's target (the denominator of its 投资完成率, so the two lines compare).

    `blocks` is {key: (weekly completed totals, planned curve, target 万元)}."""
    rows = []
    completed = dict.fromkeys(blocks, ZERO)
    for number in range(1, campaign.weeks_total + 1):
        end = min(campaign.week_end(number), campaign.end_date)
        row = {
            "week": number,
            "end": end.isoformat(),
            "time_percent": str(campaign.time_percent(end)),
        }
        if number <= week:
            for key, (weekly, curve, target) in blocks.items():
                completed[key] += weekly.get(number, ZERO)
                planned = curve.get(number, ZERO)
                row.update(
                    {
                        f"{key}_wan": format_wan(completed[key]),
                        f"{key}_percent": str(percent(completed[key], target)),
                        f"{key}_planned_wan": format_wan(planned),
                        f"{key}_planned_percent": str(percent(planned, target)),
                    }
                )
        rows.append(row)
    return rows
