"""The 进度计划 card of the item page: the schedule in effect on the page's day, week by week
(its written weeks, or the linear default the lag rule uses), its 形象进度 nodes and its
history (the editor's forms: schedule_forms.py)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from core.money import percent
from core.own_plan import EPOCH, planned_to_date_cents, window
from supervision.schedules.selectors import (
    effective_label,
    nodes_as_of,
    schedule_history,
    version_in_effect,
)


@dataclass(frozen=True)
class ScheduleWeek:
    week: int
    first_day: object
    last_day: object
    planned_wan: Decimal
    cumulative_wan: Decimal
    percent: Decimal


def schedule_weeks(campaign, item, plan_weeks):
    """Every week of the campaign with what the item is due in it and by its end — by the
    very function the lag rule uses (core.own_plan), so the card and the colour agree."""
    rows, previous = [], 0
    for week in range(1, campaign.weeks_total + 1):
        due = planned_to_date_cents(item, campaign, week, plan_weeks)
        rows.append(
            ScheduleWeek(
                week=week,
                first_day=campaign.week_start(week),
                last_day=min(campaign.week_end(week), campaign.end_date),
                planned_wan=Decimal(due - previous) / 100,
                cumulative_wan=Decimal(due) / 100,
                percent=percent(Decimal(due) / 100, item.planned_investment_wan),
            )
        )
        previous = due
    return rows


def default_window(campaign, item):
    """(first, last) day of the item's own window, over which the linear default spreads."""
    first, last = window(
        campaign, getattr(item, "planned_start", None), getattr(item, "planned_finish", None)
    )
    return EPOCH + datetime.timedelta(days=first), EPOCH + datetime.timedelta(days=last)


def schedule_card(item, campaign, as_of, plan_weeks, *, is_past):
    """The card's reads as of the page's day (queries: the version, the nodes, the history)."""
    version = version_in_effect(item, as_of)
    weeks = schedule_weeks(campaign, item, plan_weeks)
    return {
        "schedule_weeks": weeks,
        "schedule_written": bool(plan_weeks),
        "schedule_version": version,
        "schedule_label": effective_label(version) if version else "",
        "schedule_window": default_window(campaign, item),
        "schedule_nodes": nodes_as_of(item, as_of if is_past else None),
        "schedule_history": schedule_history(item, as_of if is_past else None),
    }
