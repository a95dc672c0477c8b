"""Reads of 进度计划 for the item page: the version in effect on a day, the 形象进度 nodes as
they stood then, and the schedule's history (who wrote which version when, and what changed;
who added, changed or deleted which node)."""

import datetime

from django.utils import timezone

from core.history import FieldChange, HistoryEntry, history_entries, user_name
from core.own_plan import in_effect, schedule_cutoff
from core.registry import TRACKED_KINDS
from supervision.schedules.choices import ScheduleSource
from supervision.schedules.models import ScheduleNode, ScheduleVersion

HISTORY_LIMIT = 50


def _versions(item):
    return ScheduleVersion.objects.filter(ScheduleVersion.item_filter(item)).select_related(
        "created_by__person"
    )


def version_in_effect(item, as_of=None):
    """The version of `item` in effect at the end of `as_of` (now when not given), or None."""
    return _versions(item).filter(in_effect(schedule_cutoff(as_of))).first()


def _written_by(queryset, field, as_of):
    cutoff = schedule_cutoff(as_of)
    return queryset if cutoff is None else queryset.filter(**{f"{field}__lt": cutoff})


def nodes_as_of(item, as_of=None):
    """The nodes of `item` as they stood at the end of `as_of` (now when not given): a node
    added later is left out, a date entered later shows as not yet entered."""
    if as_of is None:
        return list(ScheduleNode.objects.filter(ScheduleNode.item_filter(item)))
    moment = schedule_cutoff(as_of) - datetime.timedelta(microseconds=1)
    field = f"{TRACKED_KINDS.of_model(item).item_field}_id"
    nodes = ScheduleNode.history.as_of(moment).filter(**{field: item.pk})
    return sorted(nodes, key=lambda node: (node.planned_on, node.pk))


def nodes_ever(item):
    """How many nodes `item` has had, deleted ones included: at least as many rows as any
    nodes form opened on it ever offered (the cap of the form, bind_capped_formset)."""
    records = ScheduleNode.history.filter(ScheduleNode.item_filter(item))
    return records.values("id").distinct().count()


def schedule_history(item, as_of=None):
    """HistoryEntry of the schedule's versions and nodes up to the end of `as_of`, newest first.
    Three queries: the versions (with their writers), their weeks, the node records."""
    versions = list(
        _written_by(_versions(item), "effective_from", as_of).prefetch_related("weeks")[
            : HISTORY_LIMIT + 1
        ]
    )
    entries = []
    for index, version in enumerate(versions[:HISTORY_LIMIT]):
        older = versions[index + 1] if index + 1 < len(versions) else None
        entries.append(_version_entry(version, older))
    records = list(
        _written_by(
            ScheduleNode.history.filter(ScheduleNode.item_filter(item)), "history_date", as_of
        )
        .select_related("history_user__person")
        .order_by("-history_date", "-history_id")[: HISTORY_LIMIT + 1]
    )
    for entry, record in zip(
        history_entries(records, ScheduleNode, limit=HISTORY_LIMIT), records, strict=False
    ):
        entry.action = f"{entry.action}形象进度节点"
        entry.reason = f"“{record.text}”（计划 {record.planned_on:%Y-%m-%d}）"
        entries.append(entry)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:HISTORY_LIMIT]


def _amounts(version):
    return {row.week: row.planned_wan for row in version.weeks.all()} if version else {}


def _version_entry(version, older):
    new, old = _amounts(version), _amounts(older)
    changes = [
        FieldChange(
            label=f"第{week}周计划投资（万元）",
            old=str(old[week]) if week in old else "（空）",
            new=str(new[week]) if week in new else "（空）",
        )
        for week in sorted(set(new) | set(old))
        if old.get(week) != new.get(week)
    ]
    if version.source == ScheduleSource.CLEARED:
        changes = []
    action = (
        "恢复为线性默认"
        if version.source == ScheduleSource.CLEARED
        else f"进度计划（{version.get_source_display()}）"
    )
    return HistoryEntry(
        when=version.effective_from,
        who=user_name(version.created_by),
        action=action,
        reason=version.note,
        changes=changes,
    )


def effective_label(version):
    """How the page names a version: since when, by whom, from where."""
    when = timezone.localtime(version.effective_from)
    return (
        f"{when.year}年{when.month}月{when.day}日 {when:%H:%M} 起 · "
        f"{user_name(version.created_by)} · {version.get_source_display()}"
    )
