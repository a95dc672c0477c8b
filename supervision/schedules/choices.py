from django.db import models


class ScheduleSource(models.TextChoices):
    """Where a version of an item's 进度计划 came from."""

    PAGE = "page", "页面填写"
    IMPORT = "import", "Excel 导入"
    CLEARED = "cleared", "恢复为线性默认"
    MIGRATED = "migrated", "原有进度计划"
