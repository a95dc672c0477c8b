from django.db import models


class PlanKind(models.TextChoices):
    LAYOUT = "layout", "布局规划"
    FUNCTION = "function", "功能规划"
    DEVELOPMENT = "development", "发展规划"


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"
