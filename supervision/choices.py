from django.db import models


class Cause(models.TextChoices):
    """Why a 督办单 is opened; each cause clears by its own rule (supervision.causes)."""

    RED = "red", "投资完成率严重滞后于计划（红色）"
    YELLOW_WEEKS = "yellow_weeks", "连续多周滞后于计划（黄色）"
    MISSED_REPORTS = "missed_reports", "连续两周未报送周报"
    DECISION = "decision", "议定事项逾期未完成"
    PROBLEM = "problem", "问题逾期未办结"
    MILESTONE = "milestone", "规划节点逾期未完成"
    TASK = "task", "阶段任务逾期未完成"
    FOLLOW_UP = "follow_up", "回头看整改事项逾期未办结"


class Level(models.TextChoices):
    YELLOW = "yellow", "黄牌"
    RED = "red", "红牌"


class ClosedBy(models.TextChoices):
    CLEARED = "cleared", "原因已消除，自动销号"
    LEADER = "leader", "领导销号"
