"""三员分立 in the Django admin: each administrator role is a group of model permissions, and
an account's role (its 人员 record) decides its group and whether it may open the admin.

- 系统管理员: the campaign's data, units, accounts (not their roles or rights), imports,
  notification channels — every model permission except the ones below.
- 安全管理员: accounts' roles and rights (users, groups, 人员), failed-login locks (axes),
  second-factor devices.
- 审计管理员: reads the security audit log on its own page (baidays/security/views.py); no
  admin rights at all, and no permission that changes anything.

A superuser passes every check Django makes; `check --deploy` warns while one is active."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from core.choices import Role

GROUP_NAMES = {
    Role.ADMIN: "系统管理员",
    Role.SECURITY_ADMIN: "安全管理员",
    Role.AUDIT_ADMIN: "审计管理员",
}
STAFF_ROLES = {Role.ADMIN, Role.SECURITY_ADMIN}

SECURITY_APPS = {"axes", "otp_totp", "otp_static"}
SECURITY_MODELS = {("auth", "group"), ("auth", "permission"), ("baidays", "person")}
# the 安全管理员 sees accounts (to give them roles) but neither adds nor deletes them
SECURITY_USER_CODENAMES = {"view_user", "change_user"}


def _security_permissions():
    query = Q(content_type__app_label__in=SECURITY_APPS)
    for app_label, model in SECURITY_MODELS:
        query |= Q(content_type__app_label=app_label, content_type__model=model)
    query |= Q(content_type__app_label="auth", codename__in=SECURITY_USER_CODENAMES)
    return Permission.objects.filter(query)


def _system_permissions():
    excluded = Q(content_type__app_label__in=SECURITY_APPS | {"audit", "admin", "sessions"})
    for app_label, model in SECURITY_MODELS:
        excluded |= Q(content_type__app_label=app_label, content_type__model=model) & ~Q(
            codename__startswith="view_"
        )
    return Permission.objects.exclude(excluded)


def _audit_permissions():
    return Permission.objects.filter(content_type__app_label="audit", codename="view_auditrecord")


def install_admin_groups():
    """(Re)write the three groups' permissions; run after every migrate, so new models'
    permissions join the 系统管理员's."""
    for role, permissions in (
        (Role.ADMIN, _system_permissions()),
        (Role.SECURITY_ADMIN, _security_permissions()),
        (Role.AUDIT_ADMIN, _audit_permissions()),
    ):
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        group.permissions.set(permissions)


def install_after_migrate(sender, using="default", **kwargs):
    install_admin_groups()


def sync_admin_access(person):
    """The account of `person` is in its role's administrator group (and no other) and may
    open the admin exactly when its role works there."""
    user = person.user
    if user is None:
        return
    wanted = GROUP_NAMES.get(person.role)
    admin_groups = Group.objects.filter(name__in=GROUP_NAMES.values())
    current = set(user.groups.filter(pk__in=admin_groups).values_list("name", flat=True))
    if current != ({wanted} if wanted else set()):
        user.groups.remove(*admin_groups.exclude(name=wanted))
        if wanted:
            user.groups.add(Group.objects.get_or_create(name=wanted)[0])
    is_staff = person.role in STAFF_ROLES or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
