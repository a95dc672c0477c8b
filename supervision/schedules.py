"""进度计划: each tracked item's own plan inside the 100 days — planned investment per campaign
week, and dated 形象进度 nodes. An item whose weeks are not written follows the linear default
of core.own_plan over its own window. core reads the weeks under the related name
`plan_weeks` (TrackedItemQuerySet), as it reads reports under `reports`."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.bounds import WEEK_MAX
from core.models import money_field, non_negative

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
        """The Q of the rows of `item` (a Project or a CompetitionEntry)."""
        field = "entry" if item._meta.model_name == "competitionentry" else "project"
        return Q(**{field: item})

    @staticmethod
    def item_kwargs(item):
        field = "entry" if item._meta.model_name == "competitionentry" else "project"
        return {field: item}


class PlanWeek(ItemScheduleRow):
    project = models.ForeignKey(
        "projects.Project",
        verbose_name="项目",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plan_weeks",
    )
    entry = models.ForeignKey(
        "enterprises.CompetitionEntry",
        verbose_name="争先杯项目",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plan_weeks",
    )
    week = models.PositiveSmallIntegerField(
        "周次", validators=[MinValueValidator(1), MaxValueValidator(WEEK_MAX)]
    )
    planned_wan = money_field("计划投资（万元）")
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "entry", "week"]
        verbose_name = "进度计划（周）"
        verbose_name_plural = "进度计划（周）"
        constraints = [
            models.CheckConstraint(condition=ONE_ITEM, name="planweek_one_item"),
            models.CheckConstraint(condition=Q(week__gte=1), name="planweek_week_positive"),
            non_negative("planned_wan", "planweek"),
            models.UniqueConstraint(
                fields=["project", "week"],
                condition=Q(project__isnull=False),
                name="planweek_one_per_project_week",
            ),
            models.UniqueConstraint(
                fields=["entry", "week"],
                condition=Q(entry__isnull=False),
                name="planweek_one_per_entry_week",
            ),
        ]
        # covers the lag rule's per-item sums up to a week without reading rows
        indexes = [
            models.Index(fields=["project", "week", "planned_wan"], name="planweek_project"),
            models.Index(fields=["entry", "week", "planned_wan"], name="planweek_entry"),
        ]

    def __str__(self):
        return f"{self.item} 第{self.week}周 计划 {self.planned_wan} 万元"


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
    text = models.CharField("节点", max_length=200)
    planned_on = models.DateField("计划日期")
    reached_on = models.DateField("实际完成日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
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
