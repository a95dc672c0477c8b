"""Writes for the campaign core."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from plans.models import Milestone, Plan
from topics.models import PowerItem, TopicTarget

from . import plan_data
from .access import require_leader_or_admin
from .choices import Role
from .models import Campaign, Department, Instruction, Person, Phase, PhaseTask


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def get_or_create_department(*, name):
    department = Department.objects.filter(name=name).first()
    if department is None:
        order = plan_data.DEPARTMENTS.index(name) if name in plan_data.DEPARTMENTS else 100
        department = _save(Department(name=name, sort_order=order))
    return department


def _get_or_create(model, lookup, defaults):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = _save(model(**lookup, **defaults))
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
                "title": title,
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


def get_or_create_person(*, name, department, role=Role.LEADER, title=""):
    """A 责任领导 / 联系领导 / 服务责任人 named in an annex, in the office that leads the
    campaign unless a department is given."""
    person = Person.objects.filter(name=name, department=department).first()
    if person is None:
        person = _save(Person(name=name, title=title, department=department, role=role))
    return person


# --- Archiving: nothing a user created is deleted; it is archived and an admin can restore it.
def _set_archived(item, *, user, archived, reason):
    from .access import require_item_writer

    if not hasattr(item, "is_archived"):
        raise TypeError(f"{item._meta.verbose_name} 不支持归档")
    require_item_writer(user)
    if item.is_archived == archived:
        return item
    item.is_archived = archived
    item._history_user = user
    item._change_reason = reason
    return _save(item)


@transaction.atomic
def archive_item(*, item, user):
    """Hide `item` from lists and totals. The caller has already checked that `user` may see the
    item (get_visible_or_404), so a staff member can archive only their own department's."""
    return _set_archived(item, user=user, archived=True, reason="归档")


@transaction.atomic
def restore_item(*, item, user):
    from django.core.exceptions import PermissionDenied

    from .roles import is_admin

    if not is_admin(user):
        raise PermissionDenied("只有管理员可以恢复已归档的事项")
    return _set_archived(item, user=user, archived=False, reason="恢复")


@transaction.atomic
def create_instruction(*, author, item, text):
    """A leader's 批示 on a tracked item, from the item page or a dashboard."""
    require_leader_or_admin(author)
    return _save(
        Instruction(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            author=author,
            text=text.strip(),
        )
    )
