"""Password rules of the account lifecycle (AUTH_PASSWORD_VALIDATORS)."""

from django.conf import settings
from django.core.exceptions import ValidationError


class PasswordHistoryValidator:
    """None of the account's last PASSWORD_HISTORY_COUNT passwords may be chosen again."""

    def validate(self, password, user=None):
        from baidays.security.services import used_recently

        if used_recently(user, password):
            raise ValidationError(
                f"新密码不能与最近 {settings.PASSWORD_HISTORY_COUNT} 次使用过的密码相同。",
                code="password_reused",
            )

    def get_help_text(self):
        return f"不能与最近 {settings.PASSWORD_HISTORY_COUNT} 次使用过的密码相同。"


class NotDemoPasswordValidator:
    """The demo's shared password (DEMO_PASSWORD) is never anyone's real password."""

    def validate(self, password, user=None):
        if password == settings.DEMO_PASSWORD:
            raise ValidationError("不能使用演示环境的公共密码。", code="demo_password")

    def get_help_text(self):
        return "不能使用演示环境的公共密码。"
