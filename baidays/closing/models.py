"""The briefing's narrative (工作动态、存在问题、下步工作) of one week, written by the office and
签发 by a leader, and the 签收 of a 督办通知单 by its unit. Both keep their history
(simple_history), so a page as of a past day shows them as they stood at its end."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.bounds import WEEK_MAX, text_bounds
from core.completable import CompletableItem, CompletableQuerySet
from core.models import Campaign, Department

from .choices import AnswerChannel, FindingKind, RecipientKind, Satisfaction

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


def satisfaction_field(label):
    return models.PositiveSmallIntegerField(label, choices=Satisfaction.choices)


class FeedbackRequestQuerySet(models.QuerySet):
    def for_enterprise_account(self, user):
        """An enterprise account's own requests only (core.access.visible_to)."""
        account = getattr(getattr(user, "person", None), "enterprise_account", None)
        if account is None:
            return self.none()
        return self.filter(enterprise=account.enterprise)

    def requested_by(self, as_of):
        return self.filter(requested_on__lte=as_of)


class FeedbackRequest(models.Model):
    """反馈与意见征集 to one unit the 管委会 served: an enterprise, or the 施工单位 of a project;
    it lists the problems solved for it and asks the questionnaire. A signed link (only its
    hash is kept) lets a unit without an account answer once, before it expires."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name="百日行动",
        on_delete=models.CASCADE,
        related_name="feedback_requests",
    )
    kind = models.CharField("对象类别", max_length=12, choices=RecipientKind.choices)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="企业",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_requests",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name="项目",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_requests",
    )
    unit_name = models.CharField("征询对象（单位名称）", max_length=200)
    requested_on = models.DateField("征询日期")
    expires_on = models.DateField("链接有效期至")
    token_hash = models.CharField("链接摘要", max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    objects = FeedbackRequestQuerySet.as_manager()
    # no unit owns a request: the office manages them, the enterprise reads its own
    # (for_enterprise_account); core.access.visible_to
    owner_unit_path = None

    class Meta:
        ordering = ["campaign", "kind", "unit_name"]
        verbose_name = "反馈与意见征集"
        verbose_name_plural = "反馈与意见征集"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind="enterprise", enterprise__isnull=False, project__isnull=True
                )
                | models.Q(kind="contractor", project__isnull=False, enterprise__isnull=True),
                name="feedback_request_one_recipient",
                violation_error_message="征询对象须为一家企业或一个项目的施工单位",
            ),
            models.UniqueConstraint(
                fields=["campaign", "enterprise"],
                condition=models.Q(enterprise__isnull=False),
                name="feedback_request_once_per_enterprise",
                violation_error_message="已向该企业发出征询",
            ),
            models.UniqueConstraint(
                fields=["campaign", "project"],
                condition=models.Q(project__isnull=False),
                name="feedback_request_once_per_project",
                violation_error_message="已向该项目的施工单位发出征询",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("requested_on")),
                name="feedback_request_expires_after_request",
                violation_error_message="链接有效期不能早于征询日期",
            ),
        ]

    def __str__(self):
        return f"{self.unit_name}（{self.get_kind_display()}）"


class FeedbackAnswer(models.Model):
    """The one answer of a FeedbackRequest: a score per dimension and free text."""

    request = models.OneToOneField(
        FeedbackRequest, verbose_name="征询", on_delete=models.CASCADE, related_name="answer"
    )
    efficiency = satisfaction_field("办事效率")
    attitude = satisfaction_field("服务态度")
    solving = satisfaction_field("问题解决")
    comments = models.TextField("意见和建议", blank=True, **text_bounds())
    respondent = models.CharField("填写人", max_length=50)
    channel = models.CharField("答复方式", max_length=10, choices=AnswerChannel.choices)
    answered_on = models.DateField("答复日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入账号",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-answered_on"]
        verbose_name = "征询答复"
        verbose_name_plural = "征询答复"

    def __str__(self):
        return f"{self.request.unit_name} 的答复"

    def lowest(self):
        return min(self.efficiency, self.attitude, self.solving)


class FollowUpQuerySet(CompletableQuerySet):
    def standing_on(self, as_of):
        """A follow-up exists from the day the 回头看 found it: as of an earlier day it is
        neither owed, overdue nor supervised."""
        return self.filter(found_on__lte=as_of)

    def open_as_of(self, as_of):
        """Not 办结 by the end of `as_of`: what a unit's worklist still shows."""
        return self.standing_on(as_of).not_done_as_of(as_of)


class FollowUp(CompletableItem):
    """One row of the 回头看 (查漏补缺) list: what was found on the day the list was made, the
    unit that follows it up, the measure and the due date; done like any completable item (a
    completion date and what was done), so as of any day it reads open, done or overdue."""

    evidence_folder = "follow-ups"
    campaign_path = "campaign"
    owner_unit_path = "responsible_department"  # core.access.visible_to

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="follow_ups"
    )
    kind = models.CharField("问题类别", max_length=12, choices=FindingKind.choices)
    source_key = models.CharField("来源", max_length=80, editable=False)
    finding = models.CharField("查摆的问题", max_length=500)
    responsible_department = models.ForeignKey(
        Department, verbose_name="责任单位", on_delete=models.PROTECT, related_name="follow_ups"
    )
    measure = models.TextField("整改措施", **text_bounds())
    found_on = models.DateField("查摆日期")
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["found_on", "kind", "pk"]
        verbose_name = "回头看整改事项"
        verbose_name_plural = "回头看整改事项"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "source_key"],
                name="follow_up_once_per_source",
                violation_error_message="该问题已列入回头看清单",
            ),
            *CompletableItem.completable_constraints("followup"),
        ]

    def __str__(self):
        # the whole finding: a 督办单 opened on an overdue follow-up names it by this
        return self.finding

    def campaign_of_item(self):
        return self.campaign if self.campaign_id else None


class WorkSummary(models.Model):
    """工作小结: a draft whose figures are the data as of the day it was drafted, kept as a
    snapshot (so the document is the same whenever it is opened again), with the sections the
    office writes; 签发 by a leader, then 上报 with the date and the version sent."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="work_summaries"
    )
    drafted_on = models.DateField("起草日期（数据截至）")
    figures = models.JSONField("数据快照", editable=False)
    practices = models.TextField("主要做法和成效", blank=True, **text_bounds(NARRATIVE_MAX))
    problems = models.TextField("存在的问题", blank=True, **text_bounds(NARRATIVE_MAX))
    next_steps = models.TextField("下步打算", blank=True, **text_bounds(NARRATIVE_MAX))
    version = models.PositiveIntegerField("版本", default=1)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    reported_on = models.DateField("上报日期", null=True, blank=True)
    reported_version = models.PositiveIntegerField("上报版本", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "-drafted_on", "-pk"]
        verbose_name = "工作小结"
        verbose_name_plural = "工作小结"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reported_on__isnull=True) | models.Q(issued_at__isnull=False),
                name="work_summary_reported_after_issue",
                violation_error_message="工作小结须先签发再上报",
            ),
            models.CheckConstraint(
                condition=models.Q(reported_on__isnull=True, reported_version__isnull=True)
                | models.Q(reported_on__isnull=False, reported_version__isnull=False),
                name="work_summary_reported_with_version",
                violation_error_message="上报须记录日期和版本",
            ),
        ]

    def __str__(self):
        return f"{self.campaign.name}工作小结（{self.drafted_on:%Y-%m-%d} 起草）"
