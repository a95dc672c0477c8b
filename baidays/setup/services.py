"""Setting a campaign up from the county's implementation plan (core.plan_data)."""

import datetime
import re

from django.db import transaction

from core import plan_data
from core.dates import month_span_label
from core.models import Campaign, Phase, PhaseTask
from core.services import get_or_create_department, save_validated
from plans.models import Milestone, Plan
from topics.models import PowerItem, TopicTarget


def _get_or_create(model, lookup, defaults):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = save_validated(model(**lookup, **defaults))
    return instance


@transaction.atomic
def setup_campaign(*, year, start=None, slug=None, name=None):
    """Create the campaign of the plan for `year`, with phases, tasks, targets, power items,
    plans and milestones. Existing records are left as they are, so a second run changes
    nothing. `start` moves every date of the plan by the same offset (the demo uses it)."""
    plan_start = datetime.date(year, *plan_data.START)
    shift = (start - plan_start) if start else datetime.timedelta(0)

    def day(month_day):
        return datetime.date(year, *month_day) + shift

    departments = {name: get_or_create_department(name=name) for name in plan_data.DEPARTMENTS}
    campaign = _get_or_create(
        Campaign,
        {"slug": slug or str(year)},
        {
            "name": name or plan_data.CAMPAIGN_NAME.format(year=year),
            "year": year,
            "start_date": day(plan_data.START),
            "end_date": day(plan_data.END),
            "infrastructure_target_wan": plan_data.INFRASTRUCTURE_TARGET_WAN,
            "competition_target_wan": plan_data.COMPETITION_TARGET_WAN,
            "goal_start_count": plan_data.GOALS["start"],
            "goal_accelerate_count": plan_data.GOALS["accelerate"],
            "goal_complete_count": plan_data.GOALS["complete"],
        },
    )
    for order, (kind, phase_name, label, first, last) in enumerate(plan_data.PHASES, start=1):
        phase = _get_or_create(
            Phase,
            {"campaign": campaign, "kind": kind},
            {
                "name": phase_name,
                # the plan's wording only fits the plan's own dates
                "period_label": label if not shift else "",
                "start_date": day(first),
                "end_date": day(last),
                "sort_order": order,
            },
        )
        for task_order, (code, title, description, unit) in enumerate(
            plan_data.PHASE_TASKS[kind], start=1
        ):
            _get_or_create(
                PhaseTask,
                {"phase": phase, "code": code},
                {
                    "title": title,
                    "description": description,
                    "responsible_department": departments[unit],
                    "due_date": phase.end_date,
                    "sort_order": task_order,
                },
            )
    for topic, metric, title, unit, quantity, first, last, dept in plan_data.TOPIC_TARGETS:
        _get_or_create(
            TopicTarget,
            {"campaign": campaign, "metric": metric},
            {
                "topic": topic,
                # the plan names the months of its own dates; a moved campaign names its own
                "title": title if not shift else _moved_title(title, day(first), day(last)),
                "unit": unit,
                "quantity": quantity,
                "period_start": day(first),
                "period_end": day(last),
                "responsible_department": departments[dept],
            },
        )
    for seq, (item_name, zone, work, dept) in enumerate(plan_data.POWER_ITEMS, start=1):
        _get_or_create(
            PowerItem,
            {"campaign": campaign, "name": item_name},
            {
                "seq": seq,
                "zone": zone,
                "work": work,
                "responsible_department": departments[dept],
                "due_date": day(plan_data.POWER_DUE),
            },
        )
    for kind, plan_name, description, milestones in plan_data.PLANS:
        plan = _get_or_create(
            Plan,
            {"campaign": campaign, "kind": kind},
            {"name": plan_name, "description": description},
        )
        for seq, title, dept, due in milestones:
            _get_or_create(
                Milestone,
                {"plan": plan, "seq": seq},
                {"title": title, "lead_department": departments[dept], "due_date": day(due)},
            )
    return campaign


PLAN_MONTHS = re.compile(r"^[\d、]+月份")


def _moved_title(title, start, end):
    """“5月份上报土地审批手续” of a campaign moved to start in October: “10月份上报…”."""
    return PLAN_MONTHS.sub(month_span_label(start, end), title, count=1)
