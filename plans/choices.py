from django.db import models


class PlanKind(models.TextChoices):
    LAYOUT = "layout", "布局规划"
    FUNCTION = "function", "功能规划"
    DEVELOPMENT = "development", "发展规划"
