"""Writes of 进度计划: a new version of an item's weeks (from the item page or the import, or
cleared back to the linear default) and its 形象进度 nodes. A version is never edited: the new
one replaces the current one from now on, so the lag as of an earlier day keeps the schedule
then in effect (core.own_plan). The weeks of a written schedule add up to the item's 100-day
plan."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import user_name
from core.locking import StaleVersion
from core.money import ZERO, quantize_wan
from supervision.schedules.choices import ScheduleSource
from supervision.schedules.models import PlanWeek, ScheduleNode, ScheduleVersion

NODE_FIELDS = ["text", "planned_on", "reached_on"]


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
        named = "、".join(f"第{week}周" for week in negative)
        problems.append(f"{named}计划投资不能为负数")
    total = sum(weeks.values(), ZERO)
    if total != item.planned_investment_wan:
        problems.append(
            f"各周计划合计 {quantize_wan(total)} 万元，与百日计划投资 "
            f"{item.planned_investment_wan} 万元不符"
        )
    return problems


def current_version(item):
    """The version of `item` in effect now (None when it never had one), with its weeks."""
    return (
        ScheduleVersion.objects.filter(
            ScheduleVersion.item_filter(item), superseded_at__isnull=True
        )
        .select_related("created_by__person")
        .prefetch_related("weeks")
        .first()
    )


def weeks_of(version):
    """{week: 万元} of a version ({} for none or one cleared back to the linear default)."""
    return {row.week: row.planned_wan for row in version.weeks.all()} if version else {}


class StaleSchedule(Exception):
    """The schedule was replaced since the form was opened; `current` is what replaced it."""

    def __init__(self, current):
        super().__init__("进度计划已被其他人修改")
        self.current = current

    @property
    def token(self):
        """The version a form opened now would carry (0: no schedule written yet)."""
        return self.current.pk if self.current else 0

    @property
    def message(self):
        current = self.current
        if current is None:
            shown = "尚未填写进度计划"
        else:
            weeks = weeks_of(current)
            shown = (
                "；".join(f"第{week}周 {amount} 万元" for week, amount in sorted(weeks.items()))
                or "恢复为线性默认"
            )
            who = user_name(current.created_by)
            when = timezone.localtime(current.effective_from)
            shown = f"{who} {when:%Y-%m-%d %H:%M} 保存：{shown}"
        return (
            f"保存前其他人已修改了进度计划，您的修改没有保存。对方保存的内容是——{shown}。"
            "请核对后再次提交（将以您的内容为准）。"
        )


@transaction.atomic
def replace_schedule(
    *, item, weeks, user=None, source=ScheduleSource.PAGE, note="", expected_version=None
):
    """Make `weeks` ({week: Decimal 万元}) the schedule of `item` from now on, as a new version
    replacing the current one; an empty dict goes back to the linear default. Weeks with zero
    are not stored. Nothing changes (None returned) when the schedule is already so.
    `expected_version` (the version the form was opened with, 0 for none) refuses, with
    StaleSchedule, a save made over someone else's."""
    weeks = {week: quantize_wan(Decimal(amount)) for week, amount in weeks.items()}
    if weeks:
        problems = check_weeks(item, weeks)
        if problems:
            raise ValidationError(problems)
    weeks = {week: amount for week, amount in weeks.items() if amount > 0}
    # one writer per item at a time, so versions follow each other without overlap
    type(item).objects.select_for_update().filter(pk=item.pk).first()
    current = current_version(item)
    if expected_version is not None and (current.pk if current else 0) != expected_version:
        raise StaleSchedule(current)
    if weeks_of(current) == weeks:
        return None
    # a version never starts before the one it replaces, even when the clock steps back
    start = timezone.now() if current is None else max(timezone.now(), current.effective_from)
    if current is not None:
        current.superseded_at = start
        current.full_clean()
        current.save(update_fields=["superseded_at"])
    version = ScheduleVersion(
        **ScheduleVersion.item_kwargs(item),
        effective_from=start,
        source=source if weeks else ScheduleSource.CLEARED,
        note=note[:200],
        created_by=user,
    )
    version.full_clean()
    version.save()
    rows = [
        PlanWeek(version=version, week=week, planned_wan=amount) for week, amount in weeks.items()
    ]
    for row in rows:
        # the version was just created and the weeks are a dict, so its unique and foreign-key
        # checks hold by construction; running them would cost two queries a week
        row.full_clean(exclude=["version"], validate_unique=False, validate_constraints=False)
    PlanWeek.objects.bulk_create(sorted(rows, key=lambda row: row.week))
    return version


@dataclass
class NodeChange:
    """One row of the nodes form: a new node (pk None), a change or a deletion of one."""

    index: int
    pk: int | None
    version: int | None
    text: str = ""
    planned_on: object = None
    reached_on: object = None
    delete: bool = False


class NodeRowsRefused(Exception):
    """Rows of the nodes form that could not be saved ({row index: ValidationError}); none of
    the rows was saved."""

    def __init__(self, errors):
        super().__init__("形象进度节点没有保存")
        self.errors = errors


@transaction.atomic
def save_nodes(*, item, user, changes, today):
    """Add, change and delete the 形象进度 nodes of `item`: all of them or, when a row is
    refused (a bad date, someone else's change since the form was opened), none."""
    nodes = ScheduleNode.objects.filter(ScheduleNode.item_filter(item))
    errors = {}
    for change in changes:
        try:
            _save_node(item, nodes, change, user, today)
        except StaleVersion as exc:
            errors[change.index] = ValidationError(exc.message, code="stale")
        except ValidationError as exc:
            errors[change.index] = exc
    if errors:
        raise NodeRowsRefused(errors)


def _save_node(item, nodes, change, user, today):
    if change.reached_on is not None and change.reached_on > today:
        raise ValidationError({"reached_on": "实际完成日期不能晚于今天"})
    if change.pk is None:
        node = ScheduleNode(**ScheduleNode.item_kwargs(item))
    else:
        node = nodes.select_for_update().filter(pk=change.pk).first()
        if node is None:
            raise ValidationError("该节点已被其他人删除")
        if node.version != change.version:
            raise StaleVersion(node, NODE_FIELDS)
        node.version += 1
    node._history_user = user
    if change.delete:
        node.delete()
        return
    node.text, node.planned_on, node.reached_on = change.text, change.planned_on, change.reached_on
    node.full_clean()
    node.save()


@transaction.atomic
def save_node(*, item, text, planned_on, reached_on=None, node=None):
    """One node, without a form (the demo, tests)."""
    node = node or ScheduleNode(**ScheduleNode.item_kwargs(item))
    node.text, node.planned_on, node.reached_on = text, planned_on, reached_on
    node.full_clean()
    node.save()
    return node
