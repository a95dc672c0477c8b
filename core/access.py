"""Who sees and writes what (DESIGN.md, roles): staff read and edit only their own department's
items (another department's item is a 404), leaders read everything and write only 批示
(other writes are 403), admins everything. Views use these helpers; no view decides by itself."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.choices import Role
from core.roles import department_of, role_of


def visible_to(queryset, user, department_field="responsible_department"):
    """The part of `queryset` that `user` may read."""
    role = role_of(user)
    if role in (Role.ADMIN, Role.LEADER):
        return queryset
    if role == Role.STAFF:
        department = department_of(user)
        if department is None:
            return queryset.none()
        return queryset.filter(**{department_field: department})
    return queryset.none()


def get_visible_or_404(queryset, user, department_field="responsible_department", **lookup):
    try:
        return visible_to(queryset, user, department_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("没有找到该事项，或不属于您的单位") from None


def can_write_items(user):
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def require_item_writer(user):
    """Leaders may write only 批示; users without a role may write nothing."""
    if not can_write_items(user):
        raise PermissionDenied("领导账号只能查看和批示，不能修改填报数据")


def require_leader_or_admin(user):
    if role_of(user) not in (Role.ADMIN, Role.LEADER):
        raise PermissionDenied("只有领导可以批示")


class RoleRequiredMixin:
    """Every portal page needs a role; an account without one (no 人员 record) gets a 403."""

    def dispatch(self, request, *args, **kwargs):
        if role_of(request.user) is None:
            raise PermissionDenied("您的账号尚未分配角色，请联系管委会办公室管理员")
        return super().dispatch(request, *args, **kwargs)


def get_visible_department_or_404(user, pk):
    """A unit `user` may keep records for: staff their own (another unit is a 404), leaders and
    admins any. For registers whose rows name a responsible unit."""
    from core.models import Department

    role = role_of(user)
    departments = Department.objects.all()
    if role == Role.STAFF:
        department = department_of(user)
        departments = departments.filter(pk=department.pk if department else None)
    elif role not in (Role.ADMIN, Role.LEADER):
        departments = departments.none()
    try:
        return departments.get(pk=pk)
    except Department.DoesNotExist:
        raise Http404("没有找到该单位，或不是您的单位") from None
