"""What the admin told the reader about a file's columns it could not place: a header (as
normalised) of an annex means this field, or is to be ignored. Remembered per annex, so next
week's file from the same office imports without asking again."""

from django.db import models

IGNORE = ""  # the field of a column the admin chose to leave out


class AnnexColumnMapping(models.Model):
    annex = models.PositiveSmallIntegerField(
        "附件", choices=[(n, f"附件{n}") for n in (1, 2, 3, 4)]
    )
    header = models.CharField("表头（规范化后）", max_length=200)
    header_as_written = models.CharField("表头原文", max_length=200)
    field = models.CharField("对应字段", max_length=50, blank=True, help_text="留空表示忽略此列")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "附件列对应"
        verbose_name_plural = "附件列对应"
        constraints = [
            models.UniqueConstraint(fields=["annex", "header"], name="excel_unique_annex_header")
        ]

    def __str__(self):
        return f"附件{self.annex}：{self.header_as_written} → {self.field or '忽略'}"
