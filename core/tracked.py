"""What every tracked item shares (附件1/3 projects, 附件2 争先杯 entries): their reads —
progress and lag as of a week — and the abstract weekly report and site photo."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import IsNull
from django.utils import timezone

from core.archiving import ArchivableQuerySet
from core.bounds import WEEK_MAX, text_bounds
from core.campaign_settings import CampaignRules
from core.choices import ReportState
from core.dates import check_dates_in_window
from core.expressions import CompiledOnce
from core.fields import PERCENT_VALIDATORS, money_field, non_negative
from core.money import MONEY_KWARGS, ZERO
from core.own_plan import (
    colour_of_week_sql,
    own_plan_lag_annotations,
    standing_sql,
    unpack_standing,
)
from core.registry import TRACKED_KINDS


class TrackedItemQuerySet(ArchivableQuerySet):
    """Reads shared by the tracked items (projects, 争先杯 entries): each kind registered its
    weekly ProgressReport model and the report's key to the item (core.registry)."""

    def _reports_of_each_item(self):
        return reports_of_each_item(self.model)

    def with_lag(self, up_to_week, campaign, as_of=None):
        """with_progress up to the week, plus `lag`: the LagStatus value of the item's
        投资完成率 against its own 计划完成率 by the schedule in effect at the end of `as_of`
        (the current one when not given; core.own_plan, core.lag; thresholds are the
        campaign's rules), `due_cents` planned to date, and `behind_order` to list the items
        furthest behind first (ordering only; colours come from `lag`)."""
        completed = models.F("completed_investment_wan")
        queryset = self.with_progress(up_to_week=up_to_week)
        rules = CampaignRules.of(campaign)
        queryset = queryset.annotate(
            **own_plan_lag_annotations(self.model, campaign, up_to_week, rules, as_of)
        )
        return queryset.annotate(
            behind_order=models.ExpressionWrapper(
                (completed * Value(100) - models.F("due_cents"))
                * Value(1.0)
                / NullIf(models.F("planned_investment_wan"), Value(0)),
                output_field=models.FloatField(),
            ),
        )

    def standings(self, up_to_week, campaign, as_of=None, fields=()):
        """[Standing] of each item: its pk and `fields`, its `lag` and `due_cents` (with_lag),
        its `progress` (ReportProgress: no counted report yet, one reporting 100%, or on the
        way), its planned and its completed investment up to the week (with_progress) — one
        query reading each item's reports and plan once (core.own_plan.standing_sql), for the
        sums and the ranking every leaders' page makes of them (core.selectors)."""
        rules = CampaignRules.of(campaign)
        rows = (
            self.annotate(standing=standing_sql(self.model, campaign, up_to_week, rules, as_of))
            .order_by("pk")
            .values_list("pk", *fields, "planned_investment_wan", "standing")
        )
        standings = []
        for pk, *values, planned, packed in rows:
            lag, due_cents, completed, progress = unpack_standing(packed)
            own = dict(zip(fields, values, strict=True))
            standings.append(Standing(pk, own, lag, progress, planned, due_cents, completed))
        return standings

    def with_colour_of_week(self, week, campaign, as_of=None):
        """`lag_of_week`: the colour of `week` alone, before the consecutive-yellow rule (so a
        red `lag` with a yellow `lag_of_week` is red for its run of yellow weeks)."""
        rules = CampaignRules.of(campaign)
        return self.annotate(
            lag_of_week=colour_of_week_sql(self.model, campaign, week, rules, as_of)
        )

    def with_week_status(self, week, campaign, as_of=None):
        """with_lag as of `week` (and `as_of`), and `reported`: whether the report of `week`
        is in."""
        reports, _item_field = self._reports_of_each_item()
        # a probe of the item's own report (its item-and-week index) per row, not EXISTS:
        # PostgreSQL turns an EXISTS here into a hash of every campaign's reports of the week
        week_report = Subquery(reports.filter(report_week=week).values("pk")[:1])
        return self.with_lag(week, campaign, as_of).annotate(reported=IsNull(week_report, False))

    def with_progress(self, up_to_week=None):
        """Annotate completed investment and the latest reported percent, optionally as they
        stood at the end of a week. Each is compiled once per place (CompiledOnce): their SQL
        reads only the kind and the week."""
        return self.annotate(
            **{
                name: CompiledOnce(
                    (name, self.model._meta.label, up_to_week),
                    _progress_sql,
                    (self.model, name, up_to_week),
                    output_field,
                )
                for name, (output_field, _sql) in PROGRESS.items()
            }
        )


@dataclass(frozen=True)
class Standing:
    """Where one tracked item stands (TrackedItemQuerySet.standings): `fields` maps the
    fields it was asked for to their values; money in 万元, `due_cents` in whole cents."""

    pk: int
    fields: dict
    lag: str
    progress: str
    planned: Decimal
    due_cents: int
    completed: Decimal

    @property
    def behind_order(self):
        """The Python twin of with_lag's `behind_order` (completed × 100 − due cents, per 万元
        planned; None without planned investment), exact: the lagging lists' order."""
        if not self.planned:
            return None
        return (self.completed * 100 - self.due_cents) / self.planned


MONEY = models.DecimalField(**MONEY_KWARGS)
PERCENT = models.DecimalField(max_digits=5, decimal_places=2)


def reports_of_each_item(model):
    """(the counted reports of the outer row's item of `model`, correlated on OuterRef("pk"),
    and the reports' key to the item), as the kind registered them (core.registry)."""
    kind = TRACKED_KINDS.of_model(model)
    reports = kind.report_model.objects.counted()
    return reports.filter(**{kind.item_field: OuterRef("pk")}), kind.item_field


def _completed(reports, item_field):
    total = reports.order_by().values(item_field).annotate(total=Sum("week_investment_wan"))
    return Coalesce(
        Subquery(total.values("total"), output_field=MONEY), Value(ZERO), output_field=MONEY
    )


def _latest(field, default=None, output_field=None):
    def latest(reports, _item_field):
        value = Subquery(reports.order_by("-report_week").values(field)[:1])
        if default is None:
            return value
        return Coalesce(value, Value(default), output_field=output_field)

    return latest


# with_progress's figures: their type, and their SQL from an item's counted reports
PROGRESS = {
    "completed_investment_wan": (MONEY, _completed),
    "latest_percent": (PERCENT, _latest("percent_complete", ZERO, PERCENT)),
    "latest_progress_text": (models.CharField(), _latest("progress_text")),
    "latest_report_week": (models.PositiveSmallIntegerField(), _latest("report_week")),
}


def _progress_sql(model, name, up_to_week):
    """with_progress's figure `name` of an item of `model`, from its counted reports up to
    `up_to_week` (all of them for None)."""
    reports, item_field = reports_of_each_item(model)
    if up_to_week is not None:
        reports = reports.filter(report_week__lte=up_to_week)
    return PROGRESS[name][1](reports, item_field)


class ProgressReportQuerySet(models.QuerySet):
    def counted(self):
        """The reports every figure counts: approved ones, and those saved while the campaign
        needed no review; 待审核 and 退回 reports do not count."""
        return self.filter(state__in=[ReportState.SUBMITTED, ReportState.APPROVED])

    def handed_in(self):
        """The reports a unit has handed in, whatever their review state: a week is 已报 (not
        未报) once its report is in, 待审核 and 退回 ones too, since the unit did its part and
        what remains is the review's. The counts of reports handed in or missing read this —
        the department page's weekly 已报/未报, 本周未报 and its lists, the 考核's 按时报送, the
        督办 of missed reports and the 催报 reminders — while the figures (investment, progress,
        lag, the summary's `reports.submitted`) read `counted`, so a report waiting for review
        is in without counting yet."""
        return self.all()


class ProgressReport(models.Model):
    """One weekly report on one tracked item (a project or a 争先杯 entry). The cumulative
    investment is never stored: it is the sum of the weekly figures up to the week."""

    report_week = models.PositiveSmallIntegerField(
        "周次", validators=[MinValueValidator(1), MaxValueValidator(WEEK_MAX)]
    )
    week_investment_wan = money_field("本周完成投资（万元）")
    progress_text = models.CharField("形象进度", max_length=500, blank=True)
    percent_complete = models.DecimalField(
        "完成百分比（%）",
        max_digits=5,
        decimal_places=2,
        default=ZERO,
        validators=PERCENT_VALIDATORS,
    )
    problems = models.TextField("存在问题", blank=True, **text_bounds())
    next_steps = models.TextField("下步打算", blank=True, **text_bounds())
    note = models.CharField("说明", max_length=300, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=ReportState.choices, default=ReportState.SUBMITTED
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    version = models.PositiveIntegerField("版本", default=1)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["report_week"]

    @classmethod
    def item_constraints(cls, prefix, item_field):
        return [
            models.UniqueConstraint(
                fields=[item_field, "report_week"],
                name=f"{prefix}_one_report_per_week",
                violation_error_message="该项目本周已有周报，请修改原周报",
            ),
            non_negative("week_investment_wan", prefix),
            models.CheckConstraint(
                condition=Q(percent_complete__gte=0) & Q(percent_complete__lte=100),
                name=f"{prefix}_percent_0_100",
                violation_error_message="完成百分比应在 0–100 之间",
            ),
            models.CheckConstraint(
                condition=Q(report_week__gte=1),
                name=f"{prefix}_week_positive",
                violation_error_message="周次从 1 开始",
            ),
        ]


class SitePhoto(models.Model):
    image = models.ImageField("照片", upload_to="photos/%Y/%m/")
    thumbnail = models.ImageField("缩略图", upload_to="photos/thumbs/%Y/%m/", blank=True)
    caption = models.CharField("说明", max_length=200, blank=True)
    taken_on = models.DateField("拍摄日期", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-uploaded_at"]

    def campaign_of_photo(self):
        """The campaign of the item the photo shows; each kind of photo knows its item."""
        raise NotImplementedError(f"{type(self).__name__} must say which campaign it belongs to")

    def clean(self):
        super().clean()
        check_dates_in_window(self.campaign_of_photo(), self, taken_on="拍摄日期")
