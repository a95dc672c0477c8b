"""进度计划: each tracked item's own plan inside the 100 days — planned investment per campaign
week, kept in versions (each in effect from its time until replaced), and dated 形象进度 nodes.
An item without a version in effect, or whose version has no weeks, follows the linear default
of core.own_plan over its own window. The app registers where they live
(core.registry.SCHEDULE_TABLES, SchedulesConfig.ready), and core.own_plan reads them there;
each row's foreign key to its item is named as the kind's `item_field` ("project", "entry")."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.bounds import WEEK_MAX
from core.models import money_field, non_negative
from core.registry import TRACKED_KINDS
from core.validators import NAME_VALIDATORS
from supervision.schedules.choices import ScheduleSource

ONE_ITEM = Q(project__isnull=False, entry__isnull=True) | Q(
    project__isnull=True, entry__isnull=False
)


class ItemScheduleRow(models.Model):
    """A row that belongs to exactly one tracked item: a project (附件1/3) or an entry (附件2);
    subclasses declare both foreign keys with their related names."""

    class Meta:
        abstract = True

    @property
    def item(self):
        return self.project if self.project_id else self.entry

    @staticmethod
    def item_filter(item):
        """The Q of the rows of `item` (of a registered tracked kind, core.registry)."""
        return Q(**ItemScheduleRow.item_kwargs(item))

    @staticmethod
    def item_kwargs(item):
        return {TRACKED_KINDS.of_model(item).item_field: item}


class ScheduleVersion(ItemScheduleRow):
    """The 进度计划 of an item as written at one time, in effect from `effective_from` until
    the next version replaced it (`superseded_at`, empty while it is the current one). Versions
    are never edited, only replaced, so the lag as of any day is judged against the schedule
    then in effect (core.own_plan) and the versions are the schedule's history. A version
    without weeks puts the item back on the linear default."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name="项目",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_versions",
    )
    entry = models.ForeignKey(
        "enterprises.CompetitionEntry",
        verbose_name="争先杯项目",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_versions",
    )
    effective_from = models.DateTimeField("生效时间", default=timezone.now)
    superseded_at = models.DateTimeField("停止生效时间", null=True, blank=True)
    source = models.CharField("来源", max_length=10, choices=ScheduleSource.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填写人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "supervision_scheduleversion"  # kept from when supervision held them
        ordering = ["-effective_from", "-pk"]
        verbose_name = "进度计划版本"
        verbose_name_plural = "进度计划版本"
        constraints = [
            models.CheckConstraint(condition=ONE_ITEM, name="scheduleversion_one_item"),
            models.CheckConstraint(
                condition=Q(superseded_at__isnull=True)
                | Q(superseded_at__gte=models.F("effective_from")),
                name="scheduleversion_superseded_after_effective",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(project__isnull=False, superseded_at__isnull=True),
                name="scheduleversion_one_current_per_project",
            ),
            models.UniqueConstraint(
                fields=["entry"],
                condition=Q(entry__isnull=False, superseded_at__isnull=True),
                name="scheduleversion_one_current_per_entry",
            ),
        ]
        # the lag rule finds the version in effect on a day by its item and times
        indexes = [
            models.Index(
                fields=["project", "effective_from", "superseded_at"],
                name="scheduleversion_project",
            ),
            models.Index(
                fields=["entry", "effective_from", "superseded_at"], name="scheduleversion_entry"
            ),
        ]

    def __str__(self):
        return (
            f"{self.item} 进度计划（{timezone.localtime(self.effective_from):%Y-%m-%d %H:%M} 起）"
        )


class PlanWeek(models.Model):
    """The planned investment of one campaign week in one version of an item's 进度计划."""

    version = models.ForeignKey(
        ScheduleVersion,
        verbose_name="进度计划版本",
        on_delete=models.CASCADE,
        related_name="weeks",
    )
    week = models.PositiveSmallIntegerField(
        "周次", validators=[MinValueValidator(1), MaxValueValidator(WEEK_MAX)]
    )
    planned_wan = money_field("计划投资（万元）")

    class Meta:
        db_table = "supervision_planweek"
        ordering = ["version", "week"]
        verbose_name = "进度计划（周）"
        verbose_name_plural = "进度计划（周）"
        constraints = [
            models.CheckConstraint(condition=Q(week__gte=1), name="planweek_week_positive"),
            non_negative("planned_wan", "planweek"),
            models.UniqueConstraint(
                fields=["version", "week"], name="planweek_one_per_version_week"
            ),
        ]
        # covers the lag rule's per-version sums up to a week without reading rows
        indexes = [
            models.Index(fields=["version", "week", "planned_wan"], name="planweek_version"),
        ]

    def __str__(self):
        return f"第{self.week}周 计划 {self.planned_wan} 万元"


class ScheduleNode(ItemScheduleRow):
    """A 形象进度 node: what is to be reached by a planned date, and when it was."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name="项目",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_nodes",
    )
    entry = models.ForeignKey(
        "enterprises.CompetitionEntry",
        verbose_name="争先杯项目",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_nodes",
    )
    # the names' rule: no invisible or bidi control characters (U+202E turns the text around)
    text = models.CharField("节点", max_length=200, validators=NAME_VALIDATORS)
    planned_on = models.DateField("计划日期")
    reached_on = models.DateField("实际完成日期", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords(table_name="supervision_historicalschedulenode")

    class Meta:
        db_table = "supervision_schedulenode"
        ordering = ["planned_on", "pk"]
        verbose_name = "形象进度节点"
        verbose_name_plural = "形象进度节点"
        constraints = [models.CheckConstraint(condition=ONE_ITEM, name="schedulenode_one_item")]

    def __str__(self):
        return f"{self.text}（{self.planned_on:%m月%d日}）"

    def clean(self):
        item = self.item
        if item is not None:
            for value, label in ((self.planned_on, "计划日期"), (self.reached_on, "实际完成日期")):
                item.campaign.check_date_in_window(value, label)
        if not self.text.strip():
            raise ValidationError({"text": "请填写节点内容"})
