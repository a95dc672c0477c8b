from django.db import models


class Satisfaction(models.IntegerChoices):
    """One answer of the questionnaire, per dimension; the score is the value."""

    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    FAIR = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


# the dimensions the questionnaire asks about: (field, label)
DIMENSIONS = (
    ("efficiency", "办事效率"),
    ("attitude", "服务态度"),
    ("solving", "问题解决"),
)
# an answer scoring below this on any dimension is "low" (回头看 follows it up)
LOW_SCORE = Satisfaction.FAIR


class AnswerChannel(models.TextChoices):
    PORTAL = "portal", "企业账号在平台答复"
    LINK = "link", "通过征询链接答复"
    PAPER = "paper", "纸质答卷（办公室录入）"


class RecipientKind(models.TextChoices):
    ENTERPRISE = "enterprise", "服务企业"
    CONTRACTOR = "contractor", "项目施工单位"


class FindingKind(models.TextChoices):
    """What the 回头看 found: each becomes a follow-up (查漏补缺)."""

    TARGET = "target", "目标未完成"
    PROBLEM = "problem", "问题未解决"
    DECISION = "decision", "议定事项未完成"
    MILESTONE = "milestone", "规划节点未完成"
    POWER = "power", "电力项目未完成"
    TASK = "task", "阶段任务未完成"
    SUPERVISION = "supervision", "督办单未销号"
    FEEDBACK = "feedback", "企业评价偏低"
