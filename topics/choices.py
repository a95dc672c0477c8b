from django.db import models


class Topic(models.TextChoices):
    LAND = "land", "土地"
    APPROVAL = "approval", "报批验收"
    POWER = "power", "电力"


class TargetMetric(models.TextChoices):
    LAND_APPROVAL_MU = "land_approval_mu", "上报土地审批手续（亩）"
    LAND_PLAN_ADJUST_MU = "land_plan_adjust_mu", "上报土地利用规划调整手续（亩）"
    APPROVALS_SOLVED = "approvals_solved", "解决建设审批及竣工验收问题（家）"


class TargetUnit(models.TextChoices):
    MU = "亩", "亩"
    ENTERPRISES = "家", "家"


class ProcedureKind(models.TextChoices):
    PROJECT_APPROVAL = "project_approval", "立项"
    LAND_PERMIT = "land_permit", "用地审批"
    PLANNING_PERMIT = "planning_permit", "规划许可"
    CONSTRUCTION_PERMIT = "construction_permit", "施工许可"
    ENVIRONMENT = "environment", "环评"
    FIRE = "fire", "消防验收"
    COMPLETION = "completion", "竣工验收"
    OTHER = "other", "其他"
