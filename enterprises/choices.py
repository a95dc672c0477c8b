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


class SatisfactionSource(models.TextChoices):
    """How the enterprise's satisfaction reached the portal: a clerk records a phone call or a
    visit; the enterprise's own account (企业填报员) rating it is 企业自报."""

    PHONE = "phone", "电话回访"
    ON_SITE = "on_site", "现场"
    SELF_REPORTED = "self", "企业自报"
