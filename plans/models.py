"""三个规划: the layout, function and development plans and their milestones."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.models import Campaign, Department
from plans.choices import MilestoneStatus, PlanKind


class Plan(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="plans"
    )
    kind = models.CharField("规划", max_length=12, choices=PlanKind.choices)
    name = models.CharField("名称", max_length=100)
    description = models.TextField("内容", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "kind"]
        verbose_name = "规划"
        verbose_name_plural = "规划"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="plan_unique_kind"),
        ]

    def __str__(self):
        return self.name


class MilestoneQuerySet(models.QuerySet):
    def done_by(self, as_of):
        return self.filter(completed_on__isnull=False, completed_on__lte=as_of)

    def overdue(self, as_of):
        """Due before as_of and not done by as_of."""
        return self.filter(due_date__lt=as_of).exclude(
            completed_on__isnull=False, completed_on__lte=as_of
        )


class Milestone(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name="规划", on_delete=models.CASCADE, related_name="milestones"
    )
    seq = models.PositiveSmallIntegerField("序号")
    title = models.CharField("节点任务", max_length=200)
    lead_department = models.ForeignKey(
        Department, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="milestones"
    )
    due_date = models.DateField("完成期限")
    status = models.CharField(
        "状态", max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    result = models.TextField("完成情况", blank=True)
    evidence = models.FileField("佐证材料", upload_to="evidence/milestones/%Y/%m/", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "plan", "seq"]
        verbose_name = "规划节点"
        verbose_name_plural = "规划节点"
        constraints = [
            models.UniqueConstraint(fields=["plan", "seq"], name="milestone_unique_seq"),
            models.CheckConstraint(
                condition=~Q(status=MilestoneStatus.DONE) | Q(completed_on__isnull=False),
                name="milestone_done_has_date",
                violation_error_message="已完成的节点必须填写完成日期",
            ),
        ]

    def __str__(self):
        return self.title

    def is_overdue(self, as_of):
        done = self.completed_on is not None and self.completed_on <= as_of
        return self.due_date < as_of and not done
