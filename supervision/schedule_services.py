"""Writes of 进度计划: replacing an item's weeks (from the item page or the import) and its
形象进度 nodes. The weeks of a written schedule add up to the item's 100-day plan; simple_history
keeps each week's earlier amounts."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.money import ZERO, quantize_wan
from supervision.schedules import PlanWeek, ScheduleNode


def check_weeks(item, weeks):
    """The reasons a {week: amount} schedule cannot be the plan of `item` (empty when it can)."""
    campaign = item.campaign
    problems = []
    outside = sorted(week for week in weeks if not 1 <= week <= campaign.weeks_total)
    if outside:
        problems.append(
            f"周次 {'、'.join(str(week) for week in outside)} 不在本次百日行动内"
            f"（共 {campaign.weeks_total} 周）"
        )
    negative = sorted(week for week, amount in weeks.items() if amount < 0)
    if negative:
        problems.append("计划投资不能为负数")
    total = sum(weeks.values(), ZERO)
    if total != item.planned_investment_wan:
        problems.append(
            f"各周计划合计 {quantize_wan(total)} 万元，与百日计划投资 "
            f"{item.planned_investment_wan} 万元不符"
        )
    return problems


@transaction.atomic
def replace_schedule(*, item, weeks):
    """Make `weeks` ({week: Decimal 万元}) the written schedule of `item`; an empty dict goes
    back to the linear default. Weeks with zero are not stored."""
    weeks = {week: quantize_wan(Decimal(amount)) for week, amount in weeks.items()}
    if weeks:
        problems = check_weeks(item, weeks)
        if problems:
            raise ValidationError(problems)
    weeks = {week: amount for week, amount in weeks.items() if amount > 0}
    existing = {row.week: row for row in PlanWeek.objects.filter(PlanWeek.item_filter(item))}
    for week, row in existing.items():
        if week not in weeks:
            row.delete()
    for week, amount in sorted(weeks.items()):
        row = existing.get(week)
        if row is None:
            row = PlanWeek(week=week, planned_wan=amount, **PlanWeek.item_kwargs(item))
        elif row.planned_wan == amount:
            continue
        row.planned_wan = amount
        row.full_clean()
        row.save()


@transaction.atomic
def save_node(*, item, text, planned_on, reached_on=None, node=None):
    node = node or ScheduleNode(**ScheduleNode.item_kwargs(item))
    node.text, node.planned_on, node.reached_on = text, planned_on, reached_on
    node.full_clean()
    node.save()
    return node
