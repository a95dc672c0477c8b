"""困难和问题 / 诉求 and the dated history of their status. Whether a problem is open or
resolved on a day is read from that history (ProblemQuerySet), never from today's status, so a
problem reopened after being resolved is open again everywhere from the day it was reopened."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.archiving import ArchivableQuerySet
from core.bounds import text_bounds
from core.dates import check_dates_in_window
from core.models import Campaign, Department
from core.validators import NAME_VALIDATORS
from enterprises.choices import ProblemCategory, ProblemStatus, Satisfaction, SatisfactionSource
from projects.choices import Annex

OPEN_STATUSES = (ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS)
RESOLVED_STATUSES = (ProblemStatus.RESOLVED, ProblemStatus.CONFIRMED)


STATUS_THROUGH_THE_SERVICE = (
    "困难问题的状态只能通过 enterprises.services.save_problem 修改（同时记录状态变更）"
)


class ProblemQuerySet(ArchivableQuerySet):
    # A status moves only through enterprises.services.save_problem, which records the change
    # with its day and who made it; a bulk update would move the status and leave its history
    # behind, while the as-of counts follow the history. Both bulk writes refuse it before
    # touching the database.
    def update(self, **fields):
        if "status" in fields:
            raise ValueError(STATUS_THROUGH_THE_SERVICE)
        return super().update(**fields)

    def bulk_update(self, objs, fields, batch_size=None):
        if "status" in fields:
            raise ValueError(STATUS_THROUGH_THE_SERVICE)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def with_status_as_of(self, as_of):
        """Annotate `status_as_of`: the status in force at the end of `as_of` (None when the
        problem had not been raised by then)."""
        latest = ProblemStatusChange.objects.filter(
            problem=OuterRef("pk"), changed_on__lte=as_of
        ).order_by("-changed_on", "-pk")
        return self.annotate(status_as_of=Subquery(latest.values("status")[:1]))

    def of_campaign(self, campaign, as_of=None):
        """The active problems of `campaign` raised by the end of `as_of` (all for None)."""
        queryset = self.active().filter(campaign=campaign)
        return queryset if as_of is None else queryset.raised_by(as_of)

    def raised_by(self, as_of):
        return self.filter(raised_on__lte=as_of)

    def open_as_of(self, as_of):
        return self.with_status_as_of(as_of).filter(status_as_of__in=OPEN_STATUSES)

    def resolved_as_of(self, as_of):
        return self.with_status_as_of(as_of).filter(status_as_of__in=RESOLVED_STATUSES)

    def overdue_as_of(self, as_of):
        """Open at the end of `as_of` although due before it."""
        return self.open_as_of(as_of).filter(due_date__lt=as_of)

    def for_enterprise_account(self, user):
        return self.filter(Q(enterprise__accounts__person__user=user))

    def closed_late_by_due(self, as_of):
        """(these problems with the status in force at the end of each one's own due date,
        the condition of those due before `as_of` and not resolved by then): the 考核's
        逾期办结."""
        annotated = self.with_status_as_of(OuterRef("due_date"))
        not_resolved = Q(status_as_of__isnull=True) | ~resolved_condition()
        return annotated, Q(due_date__lt=as_of) & not_resolved

    def counts_as_of(self, as_of):
        """{total, open, resolved, overdue} of the problems raised by `as_of`, as they stood
        at its end: the one definition every page, export and the summary show."""
        return (
            self.raised_by(as_of)
            .with_status_as_of(as_of)
            .aggregate(
                total=Count("pk"),
                open=Count("pk", filter=open_condition()),
                resolved=Count("pk", filter=resolved_condition()),
                overdue=Count("pk", filter=open_condition() & Q(due_date__lt=as_of)),
            )
        )

    def count_per(self, outer_field, inner_field):
        """A subquery counting these problems per row of an outer query whose `outer_field`
        equals the problem's `inner_field` (e.g. per key enterprise)."""
        counted = (
            self.filter(**{inner_field: OuterRef(outer_field)})
            .order_by()
            .values(inner_field)
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return Coalesce(Subquery(counted), 0)


def open_condition():
    """For Count(filter=...) over a queryset annotated by with_status_as_of."""
    return Q(status_as_of__in=OPEN_STATUSES)


def resolved_condition():
    return Q(status_as_of__in=RESOLVED_STATUSES)


class Problem(models.Model):
    """困难和问题 / 诉求 of an enterprise or a project, from raising to the enterprise's
    confirmation."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.PROTECT, related_name="problems"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="企业",
        on_delete=models.PROTECT,
        related_name="problems",
        null=True,
        blank=True,
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name="项目",
        on_delete=models.PROTECT,
        related_name="problems",
        null=True,
        blank=True,
    )
    visit = models.ForeignKey(
        "enterprises.ServiceVisit",
        verbose_name="来源走访",
        on_delete=models.SET_NULL,
        related_name="problems",
        null=True,
        blank=True,
    )
    title = models.CharField("问题", max_length=200, validators=NAME_VALIDATORS)
    description = models.TextField("详细情况", blank=True, **text_bounds())
    category = models.CharField("类别", max_length=10, choices=ProblemCategory.choices)
    raised_on = models.DateField("提出日期", default=timezone.localdate)
    responsible_department = models.ForeignKey(
        Department, verbose_name="责任单位", on_delete=models.PROTECT, related_name="problems"
    )
    due_date = models.DateField("办结期限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    resolution = models.TextField("解决情况", blank=True, **text_bounds())
    resolved_on = models.DateField("解决日期", null=True, blank=True)
    confirmed_on = models.DateField("企业确认日期", null=True, blank=True)
    feedback = models.TextField("企业反馈意见", blank=True, **text_bounds())
    satisfaction = models.CharField(
        "满意度", max_length=12, choices=Satisfaction.choices, blank=True
    )
    satisfaction_source = models.CharField(
        "满意度来源", max_length=10, choices=SatisfactionSource.choices, blank=True
    )
    satisfaction_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="满意度记录人",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    is_archived = models.BooleanField("已归档", default=False)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords()

    archive_kind = "problem"  # its URL kind for archiving (core.views)
    owner_unit_path = "responsible_department"  # core.access.visible_to

    objects = ProblemQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = "困难和问题"
        verbose_name_plural = "困难和问题"
        constraints = [
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(project__isnull=False),
                name="problem_has_owner",
                violation_error_message="问题必须属于一家企业或一个项目",
            ),
            models.CheckConstraint(
                condition=Q(category__in=ProblemCategory.values),
                name="problem_known_category",
                violation_error_message="未知的问题类别",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS])
                | Q(resolved_on__isnull=False),
                name="problem_resolved_has_date",
                violation_error_message="已解决的问题必须填写解决日期",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("raised_on")),
                name="problem_resolved_after_raised",
                violation_error_message="解决日期不能早于提出日期",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return self.title

    @property
    def serves_enterprise(self):
        """An enterprise stands behind the problem (its own, or the owner of a key industrial
        project) and can confirm it and rate the answer; an infrastructure project's cannot."""
        if self.enterprise_id:
            return True
        return bool(self.project_id) and self.project.annex != Annex.INFRASTRUCTURE

    def clean(self):
        super().clean()
        self.clean_satisfaction()
        self.clean_dates_in_order()
        check_dates_in_window(
            self.campaign if self.campaign_id else None,
            self,
            raised_on="提出日期",
            due_date="办结期限",
            resolved_on="解决日期",
            confirmed_on="企业确认日期",
        )

    def clean_dates_in_order(self):
        """Raised, then resolved, then confirmed (the database refuses the first pair too)."""
        errors = {}
        if self.resolved_on and self.raised_on and self.resolved_on < self.raised_on:
            errors["resolved_on"] = "解决日期不能早于提出日期"
        if self.confirmed_on and self.resolved_on and self.confirmed_on < self.resolved_on:
            errors["confirmed_on"] = "企业确认日期不能早于解决日期"
        if errors:
            raise ValidationError(errors)

    def clean_satisfaction(self):
        if not self.serves_enterprise and (
            self.satisfaction or self.confirmed_on or self.status == ProblemStatus.CONFIRMED
        ):
            raise ValidationError(
                {"status": "基础设施项目的问题没有企业确认和企业满意度，办结后标记为“已解决”即可"}
            )
        if self.satisfaction and not self.satisfaction_source:
            raise ValidationError(
                {"satisfaction_source": "请选择满意度的来源（电话回访、现场或企业自报）"}
            )
        if self.satisfaction_source and not self.satisfaction:
            raise ValidationError({"satisfaction": "填写了满意度来源，请选择企业满意度"})

    def status_steps(self, before, today):
        """(status, day) of what moving from `before` (None for a new problem) to the current
        status records: a problem is open from the day it was raised, resolved on its 解决日期,
        confirmed on its 确认日期; work started or a reopen takes effect `today` (never before
        the day it was raised). The one rule of the status history; the services record it
        (enterprises.services.save_problem)."""
        if self.status == before:
            return []
        steps = [] if before else [(ProblemStatus.OPEN, self.raised_on)]
        if self.status in RESOLVED_STATUSES and before not in RESOLVED_STATUSES:
            steps.append((ProblemStatus.RESOLVED, self.resolved_on))
        if self.status == ProblemStatus.CONFIRMED:
            steps.append((ProblemStatus.CONFIRMED, self.confirmed_on or self.resolved_on))
        if self.status == ProblemStatus.IN_PROGRESS or (
            self.status == ProblemStatus.OPEN and before
        ):
            day = max(today, self.raised_on) if before else self.raised_on
            steps.append((self.status, day))
        return steps

    def fill_status_dates(self, today):
        """Resolving without a date means resolved `today`, confirming without one confirmed
        `today` (the form and the services both ask this)."""
        if self.status in RESOLVED_STATUSES and not self.resolved_on:
            self.resolved_on = today
        if self.status == ProblemStatus.CONFIRMED and not self.confirmed_on:
            self.confirmed_on = today


class ProblemStatusChange(models.Model):
    """One change of a problem's status: the day it took effect, when and by whom it was
    recorded. Written only by the services (enterprises.services.save_problem), together with
    the problem's `status`, so the two never disagree."""

    problem = models.ForeignKey(
        Problem, verbose_name="问题", on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField("状态", max_length=12, choices=ProblemStatus.choices)
    changed_on = models.DateField("生效日期")
    recorded_at = models.DateTimeField("记录时间", default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["problem", "changed_on", "pk"]
        verbose_name = "问题状态变化"
        verbose_name_plural = "问题状态变化"
        indexes = [
            models.Index(fields=["problem", "changed_on"], name="problemstatus_problem_day"),
        ]

    def __str__(self):
        return f"{self.problem}：{self.changed_on} {self.get_status_display()}"
