from django.db import models


class CompetitionGoal(models.TextChoices):
    START = "start", "开工"
    ACCELERATE = "accelerate", "加快推进"
    COMPLETE = "complete", "竣工"


class KeyEnterpriseCategory(models.TextChoices):
    LEADING = "leading", "龙头骨干企业"
    GROWTH = "growth", "成长型企业"
    TECH = "tech", "科技型企业"
    NEW = "new", "新引进企业"


class ProblemCategory(models.TextChoices):
    LAND = "land", "土地"
    APPROVAL = "approval", "报批"
    POWER = "power", "电力"
    FUNDING = "funding", "资金"
    LABOUR = "labour", "用工"
    OTHER = "other", "其他"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "待办"
    IN_PROGRESS = "in_progress", "办理中"
    RESOLVED = "resolved", "已解决"
    CONFIRMED = "confirmed", "企业已确认"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"
