"""Writes for the campaign core."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core import plan_data
from core.access import require_leader_or_admin
from core.choices import Role
from core.models import Department, Instruction, Person


def save_validated(instance):
    instance.full_clean()
    instance.save()
    return instance


def get_or_create_department(*, name):
    department = Department.objects.filter(name=name).first()
    if department is None:
        order = plan_data.DEPARTMENTS.index(name) if name in plan_data.DEPARTMENTS else 100
        department = save_validated(Department(name=name, sort_order=order))
    return department


def get_or_create_person(*, name, department, role=Role.LEADER, title=""):
    """A 责任领导 / 联系领导 / 服务责任人 named in an annex, in the office that leads the
    campaign unless a department is given."""
    person = Person.objects.filter(name=name, department=department).first()
    if person is None:
        person = save_validated(Person(name=name, title=title, department=department, role=role))
    return person


# --- Archiving: nothing a user created is deleted; it is archived and an admin can restore it.
def _set_archived(item, *, user, archived, reason):
    from core.access import require_item_writer

    if not hasattr(item, "is_archived"):
        raise TypeError(f"{item._meta.verbose_name} 不支持归档")
    require_item_writer(user)
    if item.is_archived == archived:
        return item
    item.is_archived = archived
    item._history_user = user
    item._change_reason = reason
    return save_validated(item)


@transaction.atomic
def archive_item(*, item, user):
    """Hide `item` from lists and totals. The caller has already checked that `user` may see the
    item (get_visible_or_404), so a staff member can archive only their own department's."""
    return _set_archived(item, user=user, archived=True, reason="归档")


@transaction.atomic
def restore_item(*, item, user):
    from django.core.exceptions import PermissionDenied

    from core.roles import is_admin

    if not is_admin(user):
        raise PermissionDenied("只有管理员可以恢复已归档的事项")
    return _set_archived(item, user=user, archived=False, reason="恢复")


@transaction.atomic
def create_instruction(*, author, item, text):
    """A leader's 批示 on a tracked item, from the item page or a dashboard."""
    require_leader_or_admin(author)
    return save_validated(
        Instruction(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            author=author,
            text=text.strip(),
        )
    )
