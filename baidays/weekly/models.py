"""The review step of the weekly reports: whether a campaign needs it, and the log of every
approval and return (who, when, why)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import Campaign


class ReviewSettingQuerySet(models.QuerySet):
    def needs_review(self, campaign):
        return self.filter(campaign=campaign, reports_need_review=True).exists()


class ReviewSetting(models.Model):
    """A campaign without this row (or with the box unticked) counts reports as saved."""

    campaign = models.OneToOneField(
        Campaign,
        verbose_name="百日行动",
        on_delete=models.CASCADE,
        related_name="review_setting",
    )
    reports_need_review = models.BooleanField(
        "周报须经审核",
        default=False,
        help_text="勾选后，周报保存为“待审核”，由本单位审核人通过后才计入统计",
    )
    history = HistoricalRecords()

    objects = ReviewSettingQuerySet.as_manager()

    class Meta:
        ordering = ["campaign"]
        verbose_name = "周报审核设置"
        verbose_name_plural = "周报审核设置"

    def __str__(self):
        return f"{self.campaign}：{'须审核' if self.reports_need_review else '无需审核'}"


class ReviewAction(models.TextChoices):
    APPROVE = "approve", "通过"
    RETURN = "return", "退回"


class ReportReview(models.Model):
    """One approval or return of one weekly report; the latest return gives the reason the
    reporter sees."""

    content_type = models.ForeignKey(
        ContentType, verbose_name="周报类型", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("周报编号")
    report = GenericForeignKey("content_type", "object_id")
    action = models.CharField("审核结果", max_length=8, choices=ReviewAction.choices)
    reason = models.CharField("退回原因", max_length=300, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        on_delete=models.PROTECT,
        related_name="report_reviews",
    )
    reviewed_at = models.DateTimeField("审核时间", default=timezone.now)

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        verbose_name = "周报审核记录"
        verbose_name_plural = "周报审核记录"
        indexes = [models.Index(fields=["content_type", "object_id"], name="reportreview_report")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action=ReviewAction.RETURN) | ~Q(reason=""),
                name="reportreview_return_has_reason",
                violation_error_message="退回必须写明原因",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.reviewer} {self.reviewed_at:%Y-%m-%d %H:%M}"
