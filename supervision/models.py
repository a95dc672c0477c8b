"""督办: a 督办单 opened on an item or a thing past its due date, 黄牌 to the responsible unit
first and 红牌 to the responsible leader and the leaders' office when not cleared in time.
Every date that matters is a field, so what was open, and at which level, is read as of any
day (SupervisionQuerySet), and simple_history keeps every level change, answer and closing."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, F, Q
from simple_history.models import HistoricalRecords

from core.bounds import text_bounds
from core.models import Campaign, Department, Person
from supervision.choices import Cause, ClosedBy, Level


def evidence_upload_to(instance, filename):
    return f"evidence/supervision/{instance.opened_on:%Y/%m}/{filename}"


def late_answer_condition(as_of):
    """Answered late, as it stood at the end of `as_of`: the answer was due before that day, and
    at the end of its due day the 督办单 had neither been answered nor closed. Only the due
    day decides it, so a later answer never makes an earlier day's count change."""
    answered_in_time = Q(answered_on__isnull=False, answered_on__lte=F("answer_due"))
    closed_in_time = Q(closed_on__isnull=False, closed_on__lte=F("answer_due"))
    return Q(answer_due__lt=as_of) & ~answered_in_time & ~closed_in_time


class SupervisionQuerySet(models.QuerySet):
    def open_as_of(self, as_of):
        """Opened by the end of `as_of` and not closed by then."""
        return self.filter(opened_on__lte=as_of).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=as_of)
        )

    def red_as_of(self, as_of):
        return self.filter(escalated_on__lte=as_of)

    def answered_as_of(self, as_of):
        return self.filter(answered_on__lte=as_of)

    def overdue_answer_as_of(self, as_of):
        """Unanswered at the end of `as_of` although the answer was due before it."""
        return self.filter(answer_due__lt=as_of).exclude(answered_on__lte=as_of)

    def counts_as_of(self, as_of):
        """{open, yellow, red, answered, closed} as they stood at the end of `as_of`: the
        summary's `supervision` block and every page's counts."""
        opened = self.filter(opened_on__lte=as_of)
        is_open = Q(closed_on__isnull=True) | Q(closed_on__gt=as_of)
        is_red = Q(escalated_on__lte=as_of)
        return opened.aggregate(
            open=Count("pk", filter=is_open),
            yellow=Count("pk", filter=is_open & ~is_red),
            red=Count("pk", filter=is_open & is_red),
            answered=Count("pk", filter=is_open & Q(answered_on__lte=as_of)),
            closed=Count("pk", filter=~is_open),
        )

    def answered_late_as_of(self, as_of):
        return self.filter(late_answer_condition(as_of))

    def level_order(self, as_of):
        """Overdue answers first, then 红牌, then the oldest."""
        return self.annotate(
            answer_overdue=models.Case(
                models.When(
                    Q(answer_due__lt=as_of) & ~Q(answered_on__lte=as_of), then=models.Value(0)
                ),
                default=models.Value(1),
            ),
            red_first=models.Case(
                models.When(escalated_on__lte=as_of, then=models.Value(0)),
                default=models.Value(1),
            ),
        ).order_by("answer_overdue", "red_first", "opened_on", "pk")


class Supervision(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="supervisions"
    )
    cause = models.CharField("督办原因", max_length=16, choices=Cause.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name="对象类型"
    )
    object_id = models.PositiveBigIntegerField("对象编号")
    target = GenericForeignKey("content_type", "object_id")
    target_label = models.CharField("督办对象", max_length=300)
    detail = models.CharField("督办事由", max_length=500, blank=True)
    department = models.ForeignKey(
        Department, verbose_name="责任单位", on_delete=models.PROTECT, related_name="supervisions"
    )
    leader = models.ForeignKey(
        Person,
        verbose_name="责任领导",
        on_delete=models.PROTECT,
        related_name="supervisions",
        null=True,
        blank=True,
    )
    opened_on = models.DateField("发单日期")
    answer_due = models.DateField("答复期限")
    escalate_after = models.DateField("升级红牌日期", help_text="此日仍未销号即升级为红牌")
    escalated_on = models.DateField("升级红牌日期（实际）", null=True, blank=True)
    measures = models.TextField("整改措施", blank=True, **text_bounds())
    promised_on = models.DateField("承诺完成日期", null=True, blank=True)
    evidence = models.FileField("佐证材料", upload_to=evidence_upload_to, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_how = models.CharField("销号方式", max_length=10, choices=ClosedBy.choices, blank=True)
    close_note = models.CharField("销号说明", max_length=500, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="销号人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    owner_unit_path = "department"  # core.access.visible_to

    objects = SupervisionQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "pk"]
        verbose_name = "督办单"
        verbose_name_plural = "督办单"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "cause"],
                condition=Q(closed_on__isnull=True),
                name="supervision_one_open_per_cause",
                violation_error_message="该事项已有同一原因的未销号督办单",
            ),
            models.CheckConstraint(
                condition=Q(answer_due__gte=F("opened_on")) & Q(escalate_after__gte=F("opened_on")),
                name="supervision_deadlines_after_opening",
                violation_error_message="答复期限和升级日期不能早于发单日期",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="supervision_closed_after_opening",
                violation_error_message="销号日期不能早于发单日期",
            ),
            models.CheckConstraint(
                condition=Q(escalated_on__isnull=True) | Q(escalated_on__gte=F("opened_on")),
                name="supervision_escalated_after_opening",
                violation_error_message="升级日期不能早于发单日期",
            ),
            models.CheckConstraint(
                condition=Q(cause__in=Cause.values),
                name="supervision_known_cause",
                violation_error_message="未知的督办原因",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "opened_on"], name="supervision_campaign"),
            models.Index(fields=["department", "opened_on"], name="supervision_department"),
        ]

    def __str__(self):
        return f"督办单 {self.number}：{self.target_label}"

    @property
    def number(self):
        return f"{self.opened_on:%Y}-{self.pk:05d}" if self.pk else "（未保存）"

    def level_as_of(self, as_of):
        if self.escalated_on is not None and self.escalated_on <= as_of:
            return Level.RED
        return Level.YELLOW

    def is_opened_as_of(self, as_of):
        return self.opened_on <= as_of

    def is_open_as_of(self, as_of):
        return self.is_opened_as_of(as_of) and not self.is_closed_as_of(as_of)

    def is_closed_as_of(self, as_of):
        return self.closed_on is not None and self.closed_on <= as_of

    def is_answered_as_of(self, as_of):
        return self.answered_on is not None and self.answered_on <= as_of

    def answer_overdue_as_of(self, as_of):
        return not self.is_answered_as_of(as_of) and self.answer_due < as_of

    @staticmethod
    def deadlines(opened_on, rules):
        return {
            "answer_due": opened_on + datetime.timedelta(days=rules.answer_days),
            "escalate_after": opened_on + datetime.timedelta(days=rules.escalation_days),
        }
