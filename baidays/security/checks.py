"""`check --deploy` (三员分立): no active superuser — a superuser passes every permission
check, so the separation of duties holds only without one."""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.security, deploy=True)
def no_active_superuser(app_configs=None, **kwargs):
    from django.contrib.auth import get_user_model

    try:
        names = list(
            get_user_model()
            .objects.filter(is_superuser=True, is_active=True)
            .values_list("username", flat=True)[:5]
        )
    except DatabaseError:
        return []  # no database yet (first deploy before migrate): nothing to check
    if not names:
        return []
    return [
        checks.Warning(
            f"存在启用的超级用户账号（{'、'.join(names)}）：超级用户绕过全部权限，三员分立不成立",
            hint="为系统管理员、安全管理员、审计管理员各建普通账号并在“人员”中设角色，"
            "然后停用超级用户（取消“有效”或“超级用户状态”）",
            id="security.W001",
        )
    ]
