"""`check --deploy`: the demo's accounts and its shared password have no place in a production
database (make demo creates them; README, 演示)."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from django.db.models import Q


def _demo_accounts(User):
    names = Q()
    for username, (name, *_rest) in _demo_users().items():
        names |= Q(username=username, first_name=name)
    return list(User.objects.filter(names).values_list("username", flat=True))


def _demo_users():
    from baidays.demo.seed import DEMO_USERS

    return DEMO_USERS


def _with_demo_password(User):
    """Administrators and the demo's usernames are tried (hashing is slow by design, so not
    every account); every form refuses the demo password (NotDemoPasswordValidator)."""
    suspects = User.objects.filter(
        Q(is_staff=True) | Q(is_superuser=True) | Q(username__in=list(_demo_users())),
        is_active=True,
    )
    return [user.username for user in suspects[:50] if user.check_password(settings.DEMO_PASSWORD)]


@checks.register(checks.Tags.security, deploy=True)
def no_demo_accounts(app_configs=None, **kwargs):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    try:
        accounts = _demo_accounts(User)
        with_password = _with_demo_password(User)
    except DatabaseError:
        return []  # no database yet: nothing to check
    errors = []
    if accounts:
        errors.append(
            checks.Error(
                f"数据库中有演示账号（{'、'.join(accounts)}）",
                hint="生产数据库不能由 make demo 生成；删除这些账号或换用新建的数据库",
                id="demo.E001",
            )
        )
    if with_password:
        errors.append(
            checks.Error(
                f"这些账号使用演示环境的公共密码（DEMO_PASSWORD）：{'、'.join(with_password)}",
                hint="请立即为这些账号设置新密码",
                id="demo.E002",
            )
        )
    return errors
