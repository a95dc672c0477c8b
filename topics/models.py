"""三个专题: land, approval and acceptance, power — meetings and their decisions, the plan's
quantified targets (亩, 家) and the power line items."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.bounds import MINUTES_MAX, seq_bounds, text_bounds
from core.completable import CompletableItem, CompletableQuerySet
from core.models import Campaign, Department
from core.validators import NAME_VALIDATORS
from enterprises.models import Enterprise
from topics.choices import ProcedureKind, TargetMetric, TargetUnit, Topic


class TopicMeeting(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.PROTECT, related_name="topic_meetings"
    )
    topic = models.CharField("专题", max_length=10, choices=Topic.choices)
    title = models.CharField("会议名称", max_length=200, validators=NAME_VALIDATORS)
    held_on = models.DateField("召开日期")
    place = models.CharField("地点", max_length=100, blank=True)
    chair = models.CharField("主持人", max_length=50, validators=NAME_VALIDATORS)
    attendees = models.TextField("参会人员", blank=True, **text_bounds())
    minutes = models.TextField("会议纪要", blank=True, **text_bounds(MINUTES_MAX))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = "专题会议"
        verbose_name_plural = "专题会议"
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__in=Topic.values),
                name="topicmeeting_known_topic",
                violation_error_message="未知的专题",
            )
        ]

    def __str__(self):
        return f"{self.held_on} {self.title}"


class DecisionQuerySet(CompletableQuerySet):
    def standing_on(self, as_of):
        """A 议定事项 exists from its meeting on: a meeting not yet held on `as_of` has
        decided nothing by then."""
        return self.filter(meeting__held_on__lte=as_of)


class Decision(CompletableItem):
    """议定事项 of a topic meeting."""

    evidence_folder = "decisions"
    campaign_path = "meeting__campaign"

    meeting = models.ForeignKey(
        TopicMeeting, verbose_name="专题会议", on_delete=models.CASCADE, related_name="decisions"
    )
    seq = models.PositiveSmallIntegerField("序号", default=1, **seq_bounds())
    content = models.TextField("议定事项", **text_bounds())
    responsible_department = models.ForeignKey(
        Department, verbose_name="责任单位", on_delete=models.PROTECT, related_name="decisions"
    )
    history = HistoricalRecords()

    owner_unit_path = "responsible_department"  # core.access.visible_to

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "seq"]
        verbose_name = "议定事项"
        verbose_name_plural = "议定事项"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seq"], name="decision_unique_seq"),
            *CompletableItem.completable_constraints("decision"),
        ]

    def __str__(self):
        return self.content[:40]

    def campaign_of_item(self):
        return self.meeting.campaign if self.meeting_id else None


class TopicTarget(models.Model):
    """A quantified target of the plan (150亩 in May, 400亩 in June–July, 7 家 in July)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="topic_targets"
    )
    topic = models.CharField("专题", max_length=10, choices=Topic.choices)
    metric = models.CharField("指标", max_length=24, choices=TargetMetric.choices)
    title = models.CharField("目标", max_length=200, validators=NAME_VALIDATORS)
    unit = models.CharField("单位", max_length=4, choices=TargetUnit.choices)
    quantity = models.DecimalField("目标数量", max_digits=10, decimal_places=2)
    period_start = models.DateField("期间开始")
    period_end = models.DateField("期间结束")
    responsible_department = models.ForeignKey(
        Department,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="topic_targets",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    owner_unit_path = "responsible_department"  # core.access.visible_to

    class Meta:
        ordering = ["campaign", "period_start", "topic"]
        verbose_name = "专题目标"
        verbose_name_plural = "专题目标"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "metric"], name="topictarget_unique"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="topictarget_quantity_positive",
                violation_error_message="目标数量必须大于 0",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="topictarget_end_after_start",
                violation_error_message="期间结束不能早于期间开始",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.quantity.normalize():f}{self.unit}"


class LandFiling(models.Model):
    """A batch of land submitted (上报) toward a land target, in 亩."""

    target = models.ForeignKey(
        TopicTarget, verbose_name="专题目标", on_delete=models.PROTECT, related_name="land_filings"
    )
    filed_on = models.DateField("上报日期")
    description = models.CharField("地块及手续", max_length=300)
    area_mu = models.DecimalField("面积（亩）", max_digits=10, decimal_places=2)
    approved_on = models.DateField("批复日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_on"]
        verbose_name = "土地手续上报"
        verbose_name_plural = "土地手续上报"
        constraints = [
            models.CheckConstraint(
                condition=Q(area_mu__gt=0),
                name="landfiling_area_positive",
                violation_error_message="面积必须大于 0",
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True) | Q(approved_on__gte=F("filed_on")),
                name="landfiling_approved_after_filed",
                violation_error_message="批复日期不能早于上报日期",
            ),
        ]

    def __str__(self):
        return f"{self.description}（{self.area_mu}亩）"


class ApprovalCase(models.Model):
    """One enterprise whose construction approvals or completion acceptance the approval topic
    works to solve; solved when its procedures are through."""

    target = models.ForeignKey(
        TopicTarget,
        verbose_name="专题目标",
        on_delete=models.PROTECT,
        related_name="approval_cases",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="approval_cases"
    )
    summary = models.CharField("需解决的手续问题", max_length=300)
    responsible_department = models.ForeignKey(
        Department,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="approval_cases",
    )
    solved_on = models.DateField("解决日期", null=True, blank=True)
    history = HistoricalRecords()

    owner_unit_path = "responsible_department"  # core.access.visible_to

    class Meta:
        ordering = ["target", "enterprise__name"]
        verbose_name = "报批验收事项"
        verbose_name_plural = "报批验收事项"
        constraints = [
            models.UniqueConstraint(
                fields=["target", "enterprise"], name="approvalcase_unique_enterprise"
            )
        ]

    def __str__(self):
        return f"{self.enterprise}：{self.summary}"


class ApprovalProcedure(models.Model):
    case = models.ForeignKey(
        ApprovalCase,
        verbose_name="报批验收事项",
        on_delete=models.CASCADE,
        related_name="procedures",
    )
    kind = models.CharField("手续", max_length=24, choices=ProcedureKind.choices)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    approved_on = models.DateField("批复日期", null=True, blank=True)
    via_service_window = models.BooleanField("经办事大厅窗口办理", default=True)
    note = models.CharField("备注", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "submitted_on"]
        verbose_name = "审批手续"
        verbose_name_plural = "审批手续"
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="procedure_unique_kind"),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True)
                | (Q(submitted_on__isnull=False) & Q(approved_on__gte=F("submitted_on"))),
                name="procedure_approved_after_submitted",
                violation_error_message="批复日期不能早于报送日期",
            ),
        ]

    def __str__(self):
        return f"{self.case.enterprise} {self.get_kind_display()}"


class PowerItem(CompletableItem):
    """A power line item named in the plan's power topic."""

    evidence_folder = "power"
    campaign_path = "campaign"

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="power_items"
    )
    seq = models.PositiveSmallIntegerField("序号", **seq_bounds())
    name = models.CharField("电力项目", max_length=200, validators=NAME_VALIDATORS)
    zone = models.CharField("所在区块", max_length=100, blank=True)
    work = models.CharField("任务", max_length=200, blank=True)
    responsible_department = models.ForeignKey(
        Department, verbose_name="责任单位", on_delete=models.PROTECT, related_name="power_items"
    )
    history = HistoricalRecords()

    owner_unit_path = "responsible_department"  # core.access.visible_to

    class Meta:
        ordering = ["campaign", "seq"]
        verbose_name = "电力建设事项"
        verbose_name_plural = "电力建设事项"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "seq"], name="poweritem_unique_seq"),
            models.UniqueConstraint(fields=["campaign", "name"], name="poweritem_unique_name"),
            *CompletableItem.completable_constraints("poweritem"),
        ]

    def __str__(self):
        return self.name

    def campaign_of_item(self):
        return self.campaign if self.campaign_id else None
