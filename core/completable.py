"""The completable item: a thing of the plan with a due date that is done on a date — phase
tasks, 议定事项, 电力建设事项, 规划节点. The rules "done by a day" and "overdue on a day" live
here once; every page, export and summary asks them."""

from django.db import models
from django.db.models import Count, F, Q

from core.bounds import text_bounds
from core.choices import CompletionStatus
from core.dates import check_dates_in_window
from core.uploads import evidence_upload_to


def done_as_of_condition(as_of, prefix=""):
    """Done by the end of `as_of`: a completion date on or before it. `prefix` reads the rule
    through a relation ("tasks__")."""
    return Q(**{f"{prefix}completed_on__isnull": False, f"{prefix}completed_on__lte": as_of})


def overdue_as_of_condition(as_of, prefix=""):
    """Due before `as_of` and not done by its end."""
    return ~done_as_of_condition(as_of, prefix) & Q(**{f"{prefix}due_date__lt": as_of})


class CompletableQuerySet(models.QuerySet):
    def of_campaign(self, campaign, as_of=None):
        """The things that count in `campaign` as they stood at the end of `as_of` (all of
        them for None): reached through the model's `campaign_path`, and standing by then."""
        queryset = self.filter(**{self.model.campaign_path: campaign})
        return queryset if as_of is None else queryset.standing_on(as_of)

    def standing_on(self, as_of):
        """The things that existed at the end of `as_of`; a kind created by an event (a 议定事项
        by its meeting) narrows this."""
        return self

    def done_as_of(self, as_of):
        return self.filter(done_as_of_condition(as_of))

    def not_done_as_of(self, as_of):
        return self.exclude(done_as_of_condition(as_of))

    def overdue_as_of(self, as_of):
        return self.filter(overdue_as_of_condition(as_of))

    def closed_late_by_due(self, as_of):
        """(these things, the condition of those due before `as_of` and not done by the end
        of their own due date): what the 考核 counts as 逾期办结."""
        return self, Q(due_date__lt=as_of) & ~done_as_of_condition(F("due_date"))

    def counts_as_of(self, as_of):
        """{total, done, overdue} as they stood at the end of `as_of`."""
        return self.aggregate(
            total=Count("pk"),
            done=Count("pk", filter=done_as_of_condition(as_of)),
            overdue=Count("pk", filter=overdue_as_of_condition(as_of)),
        )


class CompletableItem(models.Model):
    """Subclasses set `evidence_folder` (where their evidence files go), `campaign_path` (how
    a row reaches its campaign) and `owner_unit_path` (its owning unit), add
    `completable_constraints(prefix)` to their Meta constraints and say in
    `campaign_of_item()` which campaign they count in."""

    evidence_folder = "evidence"

    due_date = models.DateField("完成期限", null=True, blank=True)
    status = models.CharField(
        "状态",
        max_length=12,
        choices=CompletionStatus.choices,
        default=CompletionStatus.NOT_STARTED,
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    result = models.TextField("完成情况", blank=True, **text_bounds())
    evidence = models.FileField("佐证材料", upload_to=evidence_upload_to, blank=True)
    # optimistic locking (core/locking.py): an edit made from a stale form is refused
    version = models.PositiveIntegerField("版本", default=1)

    objects = CompletableQuerySet.as_manager()

    class Meta:
        abstract = True

    @staticmethod
    def completable_constraints(prefix):
        return [
            models.CheckConstraint(
                condition=~Q(status=CompletionStatus.DONE) | Q(completed_on__isnull=False),
                name=f"{prefix}_done_has_date",
                violation_error_message="已完成的事项必须填写完成日期",
            ),
        ]

    def campaign_of_item(self):
        """The campaign the item counts in (None while its parent is not set yet); each kind
        reaches it its own way — a task through its phase, a 议定事项 through its meeting."""
        raise NotImplementedError(f"{type(self).__name__} must say which campaign it counts in")

    def clean(self):
        super().clean()
        # a task "completed in 1900" would count as done in the current campaign
        check_dates_in_window(self.campaign_of_item(), self, completed_on="完成日期")

    def is_done_as_of(self, as_of):
        return self.completed_on is not None and self.completed_on <= as_of

    def is_overdue_as_of(self, as_of):
        return self.due_date is not None and self.due_date < as_of and not self.is_done_as_of(as_of)
