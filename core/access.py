"""Who sees and writes what (DESIGN.md, roles): staff read and edit only their own department's
items (another department's item is a 404), reviewers (审核人) read their own department's
items and review its reports, leaders read everything and write only 批示 (other writes are
403), admins everything. An enterprise account (企业填报员) sees only what its models declare
through `for_enterprise_account(user)` and only on views open to it; nothing of any other
enterprise. Views use these helpers; no view decides by itself."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.choices import Role
from core.roles import SEPARATED_ADMINS, department_of, role_of


def visible_to(queryset, user, department_field="responsible_department"):
    """The part of `queryset` that `user` may read."""
    role = role_of(user)
    if role in (Role.ADMIN, Role.LEADER):
        return queryset
    if role in (Role.STAFF, Role.REVIEWER):
        department = department_of(user)
        if department is None:
            return queryset.none()
        return queryset.filter(**{department_field: department})
    if role == Role.ENTERPRISE:
        own = getattr(queryset, "for_enterprise_account", None)
        return own(user) if own is not None else queryset.none()
    return queryset.none()


def get_visible_or_404(queryset, user, department_field="responsible_department", **lookup):
    try:
        return visible_to(queryset, user, department_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("没有找到该事项，或不属于您的单位") from None


def can_write_items(user):
    """Enterprise accounts write too, but only what `visible_to` gives them."""
    return role_of(user) in (Role.ADMIN, Role.STAFF, Role.ENTERPRISE)


def require_item_writer(user):
    """Leaders may write only 批示, reviewers only reviews; users without a role nothing."""
    if role_of(user) == Role.REVIEWER:
        raise PermissionDenied("审核人账号只能查看和审核本单位的填报，不能修改填报数据")
    if not can_write_items(user):
        raise PermissionDenied("领导账号只能查看和批示，不能修改填报数据")


def can_confirm_goals(user):
    """A 争先杯 entry's 目标实现日期 moves the overview and the league: confirmed by the
    管委会 side (the responsible unit's staff, admins), never by the enterprise's account."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_answer_supervisions(user):
    """A 督办单 is answered by its unit's staff (visible_to keeps them to their own) and
    admins; leaders close it; reviewers and enterprises only read."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_close_supervisions(user):
    return role_of(user) in (Role.ADMIN, Role.LEADER)


def can_archive_items(user):
    """归档 takes an item out of lists and totals: staff (of the item's unit) and admins;
    enterprise accounts, reviewers and leaders never."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_edit_schedule(user):
    """An item's 进度计划 is written by its responsible unit's staff (visible_to keeps them to
    their unit's items) and admins; everyone who reads the item reads it."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def require_schedule_editor(user):
    require_item_writer(user)
    if not can_edit_schedule(user):
        raise PermissionDenied("进度计划由责任单位填写，企业账号只能查看")


def can_review(user, department):
    """Admins review every unit's reports, a reviewer (审核人) those of their own unit."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role == Role.REVIEWER and department is not None and department_of(user) == department


def require_reviewer(user, department):
    if not can_review(user, department):
        raise PermissionDenied("只有本单位的审核人可以审核该单位的填报")


def require_leader_or_admin(user):
    if role_of(user) not in (Role.ADMIN, Role.LEADER):
        raise PermissionDenied("只有领导可以批示")


class RoleRequiredMixin:
    """Every portal page needs a role; an account without one (no 人员 record) gets a 403.
    Enterprise accounts get a 403 too, except on views that set `open_to_enterprise_accounts`
    (their own entries' week, their 诉求, their inbox)."""

    open_to_enterprise_accounts = False
    # the 安全管理员 and 审计管理员 (三员分立) see only views that set this
    open_to_separated_admins = False

    def dispatch(self, request, *args, **kwargs):
        role = role_of(request.user)
        if role is None:
            raise PermissionDenied("您的账号尚未分配角色，请联系管委会办公室管理员")
        if role in SEPARATED_ADMINS and not self.open_to_separated_admins:
            raise PermissionDenied(
                f"{Role(role).label}账号不参与百日行动的填报和查看（三员分立），请在本角色的页面工作"
            )
        if role == Role.ENTERPRISE and not self.open_to_enterprise_accounts:
            raise PermissionDenied("企业账号只能填报本企业的周报、提出和查看本企业的诉求")
        return super().dispatch(request, *args, **kwargs)


def get_visible_department_or_404(user, pk):
    """A unit `user` may keep records for: staff their own (another unit is a 404), leaders and
    admins any. For registers whose rows name a responsible unit."""
    from core.models import Department

    role = role_of(user)
    departments = Department.objects.all()
    if role in (Role.STAFF, Role.REVIEWER):
        department = department_of(user)
        departments = departments.filter(pk=department.pk if department else None)
    elif role not in (Role.ADMIN, Role.LEADER):
        departments = departments.none()
    try:
        return departments.get(pk=pk)
    except Department.DoesNotExist:
        raise Http404("没有找到该单位，或不是您的单位") from None
