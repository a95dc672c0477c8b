"""Who changed what, from what to what, and when: the change log of one item, read from
django-simple-history and shown on item pages through templates/includes/history.html
(`{% load history_tags %}{% change_history item %}`)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

ACTIONS = {"+": "创建", "~": "修改", "-": "删除"}
# bookkeeping fields whose change says nothing to a reader
HIDDEN_FIELDS = {"version", "updated_at", "submitted_at", "uploaded_at"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(model_field, value, related):
    if value is None or value == "":
        return "（空）"
    if model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        if obj is None:
            return f"#{value}（已删除）"
        # a login (答复人, 销号人…) is named as its person is, like `who` above
        return user_name(obj) if model_field.related_model is get_user_model() else str(obj)
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value:.2f}" if model_field.decimal_places == 2 else str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(model_field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def _who(record):
    return user_name(record.history_user)


def user_name(user):
    """How the history names who did it: the person's name, else the login; 系统 for none."""
    if user is None:
        return "系统"
    person = getattr(user, "person", None)
    return person.name if person is not None else user.get_username()


def _with_person(queryset):
    return queryset.select_related("person") if queryset.model is get_user_model() else queryset


def change_history(item, *, limit=50, as_of=None):
    """The latest `limit` changes of `item`, newest first, each with its changed fields; with
    `as_of`, only those made by the end of that day (Asia/Shanghai). Queries: one for the
    records, one per related model whose value changed."""
    records = item.history.select_related("history_user__person").order_by(
        "-history_date", "-history_id"
    )
    if as_of is not None:
        records = records.filter(history_date__date__lte=as_of)
    return history_entries(records, type(item), limit=limit)


def history_entries(records, model, *, limit=50):
    """HistoryEntry of the latest `limit` of `records` (historical rows of `model`, newest
    first), each diffed against the record before it of the same row — so the records of
    several rows (the nodes of one item) may be listed together."""
    records = list(records[: limit + 1])
    pairs = []
    for index, record in enumerate(records[:limit]):
        previous = next((r for r in records[index + 1 :] if r.id == record.id), None)
        delta = (
            record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes
            if previous is not None and record.history_type == "~"
            else []
        )
        pairs.append((record, delta))

    wanted = {}
    for _, delta in pairs:
        for change in delta:
            model_field = model._meta.get_field(change.field)
            if model_field.is_relation:
                ids = wanted.setdefault(model_field.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
    related = {
        (related_model, pk): obj
        for related_model, ids in wanted.items()
        for pk, obj in _with_person(related_model._base_manager.all()).in_bulk(ids).items()
    }

    entries = []
    for record, delta in pairs:
        changes = []
        for change in delta:
            model_field = model._meta.get_field(change.field)
            changes.append(
                FieldChange(
                    label=str(model_field.verbose_name),
                    old=_display(model_field, change.old, related),
                    new=_display(model_field, change.new, related),
                )
            )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
