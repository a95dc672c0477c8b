from django.db import models


class Event(models.TextChoices):
    """What a security audit record is about (GB/T 22239-2019 8.1.4.3: 安全审计)."""

    LOGIN = "login", "登录"
    LOGOUT = "logout", "退出登录"
    LOCKOUT = "lockout", "账号锁定"
    SECOND_FACTOR = "second_factor", "第二因子"
    PASSWORD_CHANGE = "password_change", "修改密码"
    PASSWORD_RESET = "password_reset", "重置密码"
    ACCOUNT_CHANGE = "account_change", "账号变更"
    ROLE_CHANGE = "role_change", "角色变更"
    UNIT_CHANGE = "unit_change", "单位变更"
    PERMISSION_CHANGE = "permission_change", "权限变更"
    RULES_CHANGE = "rules_change", "行动规则变更"
    CHANNEL_CHANGE = "channel_change", "通知渠道变更"
    ADMIN_CHANGE = "admin_change", "后台数据变更"
    IMPORT = "import", "附件导入"
    EXPORT = "export", "导出"
    DOWNLOAD = "download", "下载文件"
    BACKUP = "backup", "备份"
    RESTORE = "restore", "恢复"
    SUPERVISION_CLOSE = "supervision_close", "领导销号督办"
    ACCOUNT_DISABLED = "account_disabled", "停用长期未用账号"
    AUDIT_PURGE = "audit_purge", "清理过期审计记录"


class Outcome(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失败"
