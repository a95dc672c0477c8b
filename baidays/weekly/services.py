"""Writes of the weekly batch: every row of a week is checked before any is saved, so a batch
with one bad row saves nothing; rows whose report somebody else changed meanwhile are refused
(optimistic locking on `version`) with that person's values; corrections keep their history."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from baidays.weekly.review import state_for_saved_report
from baidays.weekly.selectors import week_rows
from baidays.weekly.tracked import parse_row_key
from core.access import require_item_writer
from core.dates import cn_date, cn_day
from core.models import PersonEvaluation

OVER_PLAN_RATIO = Decimal("1.5")
REPORT_FIELDS = (
    "week_investment_wan",
    "percent_complete",
    "progress_text",
    "problems",
    "next_steps",
    "note",
)
CHANGE_REASON = "每周填报"


@dataclass
class RowInput:
    key: str
    version: int
    week_investment_wan: Decimal
    percent_complete: Decimal
    progress_text: str = ""
    problems: str = ""
    next_steps: str = ""
    note: str = ""

    def values(self):
        return {name: getattr(self, name) for name in REPORT_FIELDS}


@dataclass
class Conflict:
    current_version: int
    message: str


class BatchRejected(Exception):
    """Nothing was saved. `row_errors` maps a row key to {field or None: [messages]};
    `conflicts` maps a row key to a Conflict; `over_plan` maps a row key to a message that
    needs the user's confirmation."""

    def __init__(self, *, row_errors=None, conflicts=None, over_plan=None, general=None):
        super().__init__("本周填报未保存")
        self.row_errors = row_errors or {}
        self.conflicts = conflicts or {}
        self.over_plan = over_plan or {}
        self.general = general or []


@dataclass
class BatchResult:
    created: int
    updated: int
    unchanged: int


def check_week(campaign, week, today=None):
    """A week can be reported once it has begun and while it lies inside the campaign."""
    today = today or timezone.localdate()
    if not 1 <= week <= campaign.weeks_total:
        raise ValidationError(
            f"第 {week} 周不在本次百日行动内（共 {campaign.weeks_total} 周，"
            f"{cn_date(campaign.start_date)}—{cn_date(campaign.end_date)}）",
            code="week_outside_campaign",
        )
    if campaign.week_start(week) > today:
        raise ValidationError(
            f"第 {week} 周（{cn_day(campaign.week_start(week))}起）尚未开始，不能提前填报",
            code="week_not_started",
        )


def describe_report(report):
    who = report.reporter.person.name if hasattr(report.reporter, "person") else report.reporter
    when = timezone.localtime(report.submitted_at)
    return (
        f"{who or '其他人'}已于 {cn_day(when)} {when:%H:%M} 修改了该周报，当前内容为：本周完成投资 "
        f"{report.week_investment_wan} 万元，完成 {report.percent_complete}%，形象进度"
        f"“{report.progress_text or '未填'}”。您的修改没有保存；"
        "请核对后再次提交（将以您的内容为准）。"
    )


def _row_problems(row, data, confirm_over_plan):
    """(field errors, over-plan message) of one row against the item's other weeks."""
    errors = defaultdict(list)
    previous = row.item.previous_percent
    if previous is not None and data.percent_complete < previous and not data.note.strip():
        errors["percent_complete"].append(
            f"完成百分比 {data.percent_complete}% 低于第 {row.item.previous_week} 周的 "
            f"{previous}%，请在“说明”中写明原因"
        )
    cumulative = row.item.other_weeks_wan + data.week_investment_wan
    planned = row.planned_wan
    over_plan = None
    if planned and cumulative > planned * OVER_PLAN_RATIO and not confirm_over_plan:
        over_plan = (
            f"累计完成投资将达到 {cumulative} 万元，超过百日计划 {planned} 万元的 150%，"
            "请核实后勾选“确认无误”再提交"
        )
    return errors, over_plan


def _build_report(row, data, *, week, user, now, state):
    kind = row.kind
    report = row.report or kind.report_model(**{kind.item_field: row.item}, report_week=week)
    for name, value in data.values().items():
        setattr(report, name, value)
    # an approved or returned report changed again goes back to 待审核
    report.state = state
    report.reporter = user
    report.submitted_at = now
    if row.report is not None:
        report.version = row.report.version + 1
    return report


def _unchanged(report, data):
    return report is not None and all(
        getattr(report, name) == value for name, value in data.values().items()
    )


def _locked_rows(user, campaign, week, rows):
    """The week's rows the batch names, read under a row lock, by row key."""
    wanted = defaultdict(set)
    for data in rows:
        parsed = parse_row_key(data.key)
        if parsed:
            wanted[parsed[0].key].add(parsed[1])
    locked = week_rows(user, campaign, week, item_ids=wanted, for_update=True)
    return {row.key: row for row in locked}


@dataclass
class _CheckedBatch:
    """What checking every row of a batch found: the refusals, and the reports to write."""

    row_errors: dict = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)
    over_plan: dict = field(default_factory=dict)
    to_create: defaultdict = field(default_factory=lambda: defaultdict(list))
    to_update: defaultdict = field(default_factory=lambda: defaultdict(list))
    unchanged: int = 0

    def refuse_if_any(self):
        if self.row_errors or self.conflicts or self.over_plan:
            raise BatchRejected(
                row_errors=self.row_errors, conflicts=self.conflicts, over_plan=self.over_plan
            )


def _model_errors(report, kind, errors):
    """Add the report's own field checks to `errors`."""
    try:
        # The item and reporter were just read, uniqueness is guaranteed by the locked read
        # and the database constraint: checking them again would cost queries per row.
        report.full_clean(
            exclude=[kind.item_field, "reporter"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors[None if name == "__all__" else name].extend(messages)


def _check_row(batch, row, data, *, confirm_over_plan, **report_fields):
    """Check one row of the batch and file it as refused, unchanged or to be written."""
    if row is None:
        batch.row_errors[data.key] = {None: ["该事项不存在，或不属于您的单位"]}
        return
    if row.version != data.version:
        batch.conflicts[data.key] = Conflict(
            row.version,
            describe_report(row.report)
            if row.report
            else "其他人刚刚删除了该周报，请核对后再次提交",
        )
        return
    if _unchanged(row.report, data):
        batch.unchanged += 1
        return
    errors, over = _row_problems(row, data, confirm_over_plan)
    report = _build_report(row, data, **report_fields)
    _model_errors(report, row.kind, errors)
    if errors:
        batch.row_errors[data.key] = dict(errors)
    if over:
        batch.over_plan[data.key] = over
    (batch.to_update if row.report else batch.to_create)[row.kind].append(report)


def _write_reports(batch, user):
    """Write the checked reports, with their history rows, in bulk."""
    try:
        with transaction.atomic():
            for kind, reports in batch.to_create.items():
                bulk_create_with_history(
                    reports,
                    kind.report_model,
                    default_user=user,
                    default_change_reason=CHANGE_REASON,
                )
            for kind, reports in batch.to_update.items():
                bulk_update_with_history(
                    reports,
                    kind.report_model,
                    [*REPORT_FIELDS, "state", "reporter", "submitted_at", "version"],
                    default_user=user,
                    default_change_reason=CHANGE_REASON,
                )
    except IntegrityError:
        raise BatchRejected(
            general=["其他人刚刚提交了同一周的周报，您的填报没有保存。请刷新页面核对后再提交。"]
        ) from None


@transaction.atomic
def save_week_reports(
    *, user, campaign, week, rows, confirm_over_plan=False, today=None, check_only=False
):
    """Save the week's report of every row (a RowInput) or none of them. `check_only` runs
    every check and saves nothing, so a form with typing errors can show all problems at once."""
    require_item_writer(user)
    check_week(campaign, week, today)
    current = _locked_rows(user, campaign, week, rows)
    batch = _CheckedBatch()
    now = timezone.now()
    state = state_for_saved_report(campaign)
    for data in rows:
        _check_row(
            batch,
            current.get(data.key),
            data,
            confirm_over_plan=confirm_over_plan,
            week=week,
            user=user,
            now=now,
            state=state,
        )
    batch.refuse_if_any()
    if check_only:
        return BatchResult(created=0, updated=0, unchanged=batch.unchanged)
    _write_reports(batch, user)
    return BatchResult(
        created=sum(map(len, batch.to_create.values())),
        updated=sum(map(len, batch.to_update.values())),
        unchanged=batch.unchanged,
    )


@transaction.atomic
def evaluate_person(*, user, campaign, person, score, grade="", comment=""):
    """The 总结阶段 评议 of one responsible person; evaluating again replaces the score (the
    earlier one stays in the history)."""
    require_item_writer(user)
    evaluation = PersonEvaluation.objects.filter(campaign=campaign, person=person).first()
    evaluation = evaluation or PersonEvaluation(campaign=campaign, person=person)
    evaluation.score = score
    evaluation.grade = grade
    evaluation.comment = comment.strip()
    evaluation.evaluator = user
    evaluation.evaluated_on = timezone.localdate()
    evaluation.full_clean()
    evaluation.save()
    return evaluation
