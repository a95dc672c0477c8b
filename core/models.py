"""The campaign core: campaigns, phases, tasks, departments, people, and the pieces every
tracked item shares (weekly reports, photos, 批示, 评议)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.bounds import ORDER_MAX, PLANNED_REACH_DAYS, WINDOW_DAYS_MAX, count_bounds, text_bounds
from core.campaign_settings import CampaignRules  # noqa: F401 (registers the model)
from core.choices import WEEKDAYS, PhaseKind, Role
from core.completable import CompletableItem

# re-exported: the domain apps build their models from these
from core.fields import PERCENT_VALIDATORS, money_field, non_negative  # noqa: F401
from core.tracked import (  # noqa: F401
    ProgressReport,
    ProgressReportQuerySet,
    SitePhoto,
    TrackedItemQuerySet,
)
from core.validators import NAME_VALIDATORS

from .dates import cn_day


class Department(models.Model):
    name = models.CharField("单位名称", max_length=100, unique=True, validators=NAME_VALIDATORS)
    short_name = models.CharField("简称", max_length=30, blank=True, validators=NAME_VALIDATORS)
    sort_order = models.PositiveSmallIntegerField("排序", default=100, **count_bounds(ORDER_MAX))
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"

    def __str__(self):
        return self.name


class Person(models.Model):
    """A 责任人 / 责任领导; people with a login are linked to their user and carry a role."""

    name = models.CharField("姓名", max_length=50, validators=NAME_VALIDATORS)
    title = models.CharField("职务", max_length=50, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name="所在单位",
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.SET_NULL,
        related_name="person",
        null=True,
        blank=True,
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices, default=Role.STAFF)
    history = HistoricalRecords()

    class Meta:
        ordering = ["department__sort_order", "name"]
        verbose_name = "人员"
        verbose_name_plural = "人员"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "department"], name="person_unique_name_per_department"
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.title}）" if self.title else self.name


class CampaignQuerySet(models.QuerySet):
    def current(self, today=None):
        """The campaign running today, else the latest one that has started, else the first."""
        today = today or timezone.localdate()
        running = self.filter(start_date__lte=today, end_date__gte=today).order_by("-start_date")
        return (
            running.first()
            or self.filter(start_date__lte=today).order_by("-start_date").first()
            or self.order_by("start_date").first()
        )


class Campaign(models.Model):
    slug = models.SlugField("标识", max_length=50, unique=True)
    name = models.CharField("名称", max_length=100, validators=NAME_VALIDATORS)
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    infrastructure_target_wan = money_field("基础设施投资目标（万元）")
    competition_target_wan = money_field("争先杯投资目标（万元）")
    goal_start_count = models.PositiveSmallIntegerField(
        "开工目标（家）", default=0, **count_bounds()
    )
    goal_accelerate_count = models.PositiveSmallIntegerField(
        "加快推进目标（家）", default=0, **count_bounds()
    )
    goal_complete_count = models.PositiveSmallIntegerField(
        "竣工目标（家）", default=0, **count_bounds()
    )
    # a setting of the campaign, not of the server: changing it can't move stored reports
    report_week_end_weekday = models.PositiveSmallIntegerField(
        "周报截止日",
        choices=WEEKDAYS,
        default=4,
        help_text="每周周报截止在星期几；建立百日行动时确定，之后不宜更改（会改变各周的起止日期）",
    )
    # dated records that count in the campaign lie within this window around it (issue 14)
    window_days_before = models.PositiveSmallIntegerField(
        "日期可早于开始（天）", default=365, **count_bounds(WINDOW_DAYS_MAX)
    )
    window_days_after = models.PositiveSmallIntegerField(
        "日期可晚于结束（天）", default=365, **count_bounds(WINDOW_DAYS_MAX)
    )
    history = HistoricalRecords()

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "百日行动"
        verbose_name_plural = "百日行动"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="campaign_end_after_start",
                violation_error_message="结束日期不能早于开始日期",
            ),
            non_negative("infrastructure_target_wan", "campaign"),
            non_negative("competition_target_wan", "campaign"),
        ]

    def __str__(self):
        return self.name

    @property
    def days_total(self):
        return (self.end_date - self.start_date).days + 1

    def day_number(self, as_of):
        """Day 1 is the start date; clamped to 0 before the start and days_total after the end."""
        return max(0, min(self.days_total, (as_of - self.start_date).days + 1))

    def time_percent(self, as_of):
        return (Decimal(self.day_number(as_of)) * 100 / self.days_total).quantize(Decimal("0.01"))

    def week_of(self, day):
        """Report weeks are numbered from the campaign start; a week ends on the configured
        weekday, so week 1 may be short."""
        first_end = self.week_end(1)
        if day <= first_end:
            return 1
        return 1 + ((day - first_end).days + 6) // 7

    def week_end(self, week):
        offset = (self.report_week_end_weekday - self.start_date.weekday()) % 7
        first_end = self.start_date + datetime.timedelta(days=offset)
        return first_end + datetime.timedelta(weeks=week - 1)

    def week_start(self, week):
        return self.start_date if week == 1 else self.week_end(week - 1) + datetime.timedelta(1)

    @property
    def weeks_total(self):
        return self.week_of(self.end_date)

    def date_window(self, *, planned=False):
        """(first, last) day a dated record of this campaign may carry; `planned` dates (an
        annex's 计划开工 / 计划竣工) may reach PLANNED_REACH_DAYS either side (core.bounds)."""
        first = self.start_date - datetime.timedelta(days=self.window_days_before)
        last = self.end_date + datetime.timedelta(days=self.window_days_after)
        if planned:
            reach = datetime.timedelta(days=PLANNED_REACH_DAYS)
            first, last = min(first, self.start_date - reach), max(last, self.end_date + reach)
        return first, last

    def check_date_in_window(self, value, field_label, *, planned=False):
        """ValidationError naming the field and the window when `value` lies outside it: the one
        rule for every date that counts in a campaign (models' clean(), the annex import)."""
        if value is None:
            return
        first, last = self.date_window(planned=planned)
        if not first <= value <= last:
            raise ValidationError(
                # isoformat, not strftime: glibc writes year 1 as "1-01-01"
                f"{field_label} {value.isoformat()} 不在本次百日行动的日期范围内"
                f"（{first.isoformat()} 至 {last.isoformat()}）",
                code="outside_campaign_window",
            )

    def contains(self, day):
        return self.start_date <= day <= self.end_date


class Phase(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField("阶段", max_length=12, choices=PhaseKind.choices)
    name = models.CharField("名称", max_length=50, validators=NAME_VALIDATORS)
    period_label = models.CharField("时间（方案原文）", max_length=50, blank=True)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    sort_order = models.PositiveSmallIntegerField("顺序", default=0, **count_bounds(ORDER_MAX))
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "sort_order"]
        verbose_name = "阶段"
        verbose_name_plural = "阶段"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="phase_end_after_start",
                violation_error_message="结束日期不能早于开始日期",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{cn_day(self.start_date)}—{cn_day(self.end_date)}）"


class PhaseTask(CompletableItem):
    evidence_folder = "tasks"
    campaign_path = "phase__campaign"

    phase = models.ForeignKey(
        Phase, verbose_name="阶段", on_delete=models.CASCADE, related_name="tasks"
    )
    code = models.SlugField("代码", max_length=40)
    title = models.CharField("任务", max_length=100, validators=NAME_VALIDATORS)
    description = models.TextField("内容", blank=True, **text_bounds())
    responsible_department = models.ForeignKey(
        Department,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="phase_tasks",
        null=True,
        blank=True,
    )
    sort_order = models.PositiveSmallIntegerField("顺序", default=0, **count_bounds(ORDER_MAX))
    history = HistoricalRecords()

    owner_unit_path = "responsible_department"  # core.access.visible_to

    class Meta:
        ordering = ["phase__sort_order", "sort_order"]
        verbose_name = "阶段任务"
        verbose_name_plural = "阶段任务"
        constraints = [
            models.UniqueConstraint(fields=["phase", "code"], name="phasetask_unique_code"),
            *CompletableItem.completable_constraints("phasetask"),
        ]

    def __str__(self):
        return self.title

    def campaign_of_item(self):
        return self.phase.campaign if self.phase_id else None


class InstructionQuerySet(models.QuerySet):
    def written_by(self, as_of):
        """批示 written by the end of `as_of` (as of a past day, later ones did not exist)."""
        return self.filter(created_at__date__lte=as_of)

    @staticmethod
    def unread_as_of_condition(as_of):
        return Q(read_at__isnull=True) | Q(read_at__date__gt=as_of)


class Instruction(models.Model):
    """A leader's 批示 on any tracked item, shown to the item's staff on their next visit."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name="对象类型"
    )
    object_id = models.PositiveBigIntegerField("对象编号")
    item = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批示领导",
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    text = models.TextField("批示内容", **text_bounds())
    created_at = models.DateTimeField("批示时间", default=timezone.now)
    read_at = models.DateTimeField("阅知时间", null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="阅知人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = InstructionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "领导批示"
        verbose_name_plural = "领导批示"
        indexes = [models.Index(fields=["content_type", "object_id"], name="instruction_item")]

    def __str__(self):
        return f"{self.author}：{self.text[:30]}"


class PersonEvaluation(models.Model):
    """总结阶段 评议: a score for each responsible person of the campaign."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="evaluations"
    )
    person = models.ForeignKey(
        Person, verbose_name="责任人", on_delete=models.PROTECT, related_name="evaluations"
    )
    score = models.DecimalField(
        "评议得分", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS
    )
    grade = models.CharField("评议等次", max_length=20, blank=True)
    comment = models.TextField("评语", blank=True, **text_bounds())
    evaluated_on = models.DateField("评议日期", default=timezone.localdate)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评议人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "-score"]
        verbose_name = "责任人评议"
        verbose_name_plural = "责任人评议"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"], name="evaluation_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="evaluation_score_0_100",
                violation_error_message="评议得分应在 0–100 之间",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.score}分"


class DataGeneration(models.Model):
    """One row whose counter the database itself raises (triggers, core/generation.py) on
    every committed write to a row of a summary table that belongs to no one campaign (users,
    units, enterprises) — ORM saves, bulk writes, imports and raw SQL alike; writes to one
    campaign's rows raise its CampaignGeneration instead. A cached summary is valid while
    both have not moved."""

    counter = models.BigIntegerField("计数", default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = "数据版本"
        verbose_name_plural = "数据版本"
        constraints = [
            models.CheckConstraint(
                condition=Q(counter__gte=0), name="datageneration_counter_non_negative"
            )
        ]

    def __str__(self):
        return f"数据版本 {self.counter}"


class CampaignGeneration(models.Model):
    """One campaign's own counter, raised by the same triggers on every committed write to a
    row of that campaign (core.registry.SUMMARY_SOURCES says how each row finds its campaign):
    a campaign's cached pages stay valid while its counter and the shared DataGeneration (moved
    by writes to rows of no one campaign) have not moved. The campaign is kept as a plain
    number rather than a foreign key: the trigger still raises it while the campaign is being
    deleted."""

    campaign_pk = models.BigIntegerField("活动编号", primary_key=True)
    counter = models.BigIntegerField("计数", default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = "活动数据版本"
        verbose_name_plural = "活动数据版本"
        constraints = [
            models.CheckConstraint(
                condition=Q(counter__gte=0), name="campaigngeneration_counter_non_negative"
            )
        ]

    def __str__(self):
        return f"活动 {self.campaign_pk} 数据版本 {self.counter}"
