"""The briefing's narrative (工作动态、存在问题、下步工作) of one week, written by the office and
签发 by a leader, and the 签收 of a 督办通知单 by its unit. Both keep their history
(simple_history), so a page as of a past day shows them as they stood at its end."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.bounds import WEEK_MAX, text_bounds
from core.models import Campaign, Department

NARRATIVE_MAX = 5000


class BriefingNarrative(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="百日行动",
        on_delete=models.CASCADE,
        related_name="briefing_narratives",
    )
    week = models.PositiveSmallIntegerField("期（周报周）")
    progress = models.TextField("工作动态", blank=True, **text_bounds(NARRATIVE_MAX))
    problems = models.TextField("存在问题", blank=True, **text_bounds(NARRATIVE_MAX))
    next_steps = models.TextField("下步工作", blank=True, **text_bounds(NARRATIVE_MAX))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "week"]
        verbose_name = "工作简报文字"
        verbose_name_plural = "工作简报文字"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "week"],
                name="briefing_narrative_one_per_week",
                violation_error_message="该期简报已有文字，请修改原文",
            ),
            models.CheckConstraint(
                condition=models.Q(week__gte=1, week__lte=WEEK_MAX),
                name="briefing_narrative_week_range",
                violation_error_message=f"期数应在 1 至 {WEEK_MAX} 之间",
            ),
            models.CheckConstraint(
                condition=models.Q(issued_by__isnull=True, issued_at__isnull=True)
                | models.Q(issued_by__isnull=False, issued_at__isnull=False),
                name="briefing_narrative_issued_by_and_at",
                violation_error_message="签发须同时有签发人和签发时间",
            ),
        ]

    def __str__(self):
        return f"{self.campaign.name} 工作简报 第 {self.week} 期"

    @property
    def issued(self):
        return self.issued_at is not None

    @property
    def is_empty(self):
        return not (self.progress.strip() or self.problems.strip() or self.next_steps.strip())


class SupervisionReceipt(models.Model):
    """The 签收 of a 督办通知单: the unit it was sent to, who of that unit signed for it, when."""

    supervision = models.OneToOneField(
        "supervision.Supervision",
        verbose_name="督办单",
        on_delete=models.CASCADE,
        related_name="receipt",
    )
    department = models.ForeignKey(
        Department, verbose_name="接收单位", on_delete=models.PROTECT, related_name="+"
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签收人", on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField("签收时间")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "督办单签收"
        verbose_name_plural = "督办单签收"

    def __str__(self):
        return f"{self.supervision} 签收"
