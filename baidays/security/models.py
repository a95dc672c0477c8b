"""What the account lifecycle remembers: each password an account had (its hash), when it was
set and whether an administrator set it; and the sessions a login opened, so a new login can
end the others."""

from django.conf import settings
from django.db import models


class PasswordRecord(models.Model):
    """One password an account has had. The newest says how old the password is and whether
    its owner must change it (an administrator set it); the newest PASSWORD_HISTORY_COUNT may
    not be chosen again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_records"
    )
    password = models.CharField("密码摘要", max_length=128)
    set_at = models.DateTimeField("设置时间")
    set_by_admin = models.BooleanField("由管理员设置", default=False)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-set_at", "-id"]

    def __str__(self):
        return f"{self.user} {self.set_at:%Y-%m-%d}"


class LoginSession(models.Model):
    """A session opened by a login; the next login of the same account ends the others
    (LOGIN_ENDS_OTHER_SESSIONS)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField()

    class Meta:
        verbose_name = "登录会话"
        verbose_name_plural = "登录会话"

    def __str__(self):
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"
