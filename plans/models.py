"""三个规划: the layout, function and development plans and their milestones."""

from django.db import models
from simple_history.models import HistoricalRecords

from core.bounds import seq_bounds, text_bounds
from core.completable import CompletableItem
from core.models import Campaign, Department
from core.validators import NAME_VALIDATORS
from plans.choices import PlanKind


class Plan(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="plans"
    )
    kind = models.CharField("规划", max_length=12, choices=PlanKind.choices)
    name = models.CharField("名称", max_length=100, validators=NAME_VALIDATORS)
    description = models.TextField("内容", blank=True, **text_bounds())
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


class Milestone(CompletableItem):
    evidence_folder = "milestones"
    campaign_path = "plan__campaign"

    plan = models.ForeignKey(
        Plan, verbose_name="规划", on_delete=models.CASCADE, related_name="milestones"
    )
    seq = models.PositiveSmallIntegerField("序号", **seq_bounds())
    title = models.CharField("节点任务", max_length=200, validators=NAME_VALIDATORS)
    lead_department = models.ForeignKey(
        Department, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="milestones"
    )
    # a 规划节点 always has its deadline in the plan
    due_date = models.DateField("完成期限")
    history = HistoricalRecords()

    owner_unit_path = "lead_department"  # core.access.visible_to

    class Meta:
        ordering = ["due_date", "plan", "seq"]
        verbose_name = "规划节点"
        verbose_name_plural = "规划节点"
        constraints = [
            models.UniqueConstraint(fields=["plan", "seq"], name="milestone_unique_seq"),
            *CompletableItem.completable_constraints("milestone"),
        ]

    def __str__(self):
        return self.title

    def campaign_of_item(self):
        return self.plan.campaign if self.plan_id else None
