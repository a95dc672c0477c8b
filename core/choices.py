from django.db import models


class PhaseKind(models.TextChoices):
    MOBILIZE = "mobilize", "发动阶段"
    ADVANCE = "advance", "推进阶段"
    SUMMARIZE = "summarize", "总结阶段"


class Role(models.TextChoices):
    """三员分立: the 系统管理员 (ADMIN) runs the campaign and its accounts, the 安全管理员 roles,
    permissions, lockouts and second factors, the 审计管理员 only reads the audit log."""

    ADMIN = "admin", "系统管理员"
    SECURITY_ADMIN = "secadmin", "安全管理员"
    AUDIT_ADMIN = "auditor", "审计管理员"
    LEADER = "leader", "领导"
    STAFF = "staff", "填报员"
    REVIEWER = "reviewer", "审核人"
    ENTERPRISE = "enterprise", "企业填报员"


class CompletionStatus(models.TextChoices):
    """The one status of every completable item (core/completable.py)."""

    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"


class ReportProgress(models.TextChoices):
    """How far a tracked item's counted reports have come (TrackedItemQuerySet.standings):
    the overview's status breakdown shows the first two, and the lag colour of the rest."""

    NOT_STARTED = "not_started", "未开始"
    DONE = "done", "已完成"
    UNDER_WAY = "under_way", "推进中"


class ReportState(models.TextChoices):
    """`submitted`: saved while the campaign needs no review; the other three are the review
    workflow (待审核 → 退回 / 通过). Submitted and approved reports count."""

    SUBMITTED = "submitted", "已提交"
    PENDING = "pending", "待审核"
    RETURNED = "returned", "退回"
    APPROVED = "approved", "已审核"


class LagStatus(models.TextChoices):
    ON_TRACK = "green", "正常"
    YELLOW = "yellow", "滞后（黄）"
    RED = "red", "严重滞后（红）"


# the report week's end (Campaign.report_week_end_weekday), Monday first as in date.weekday()
WEEKDAYS = [
    (0, "星期一"),
    (1, "星期二"),
    (2, "星期三"),
    (3, "星期四"),
    (4, "星期五"),
    (5, "星期六"),
    (6, "星期日"),
]
