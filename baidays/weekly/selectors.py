"""Reads for the staff's weekly work: what each user has to report this week, and the figures
the batch form needs to validate a week (previous percent, investment of the other weeks)."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from baidays.weekly.review import return_reasons
from baidays.weekly.tracked import KINDS, row_key
from core.access import visible_to
from core.choices import CompletionStatus, ReportState
from core.models import Instruction, Person
from core.money import MONEY_KWARGS, ZERO, quantize_wan
from core.registry import COMPLETABLE_KINDS
from core.roles import department_of
from core.scope import scope_of
from core.selectors import report_week_as_of
from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.models import Project
from supervision.selectors import open_for_department


def with_week_figures(queryset, kind, week):
    """Annotate each item with what validating `week` needs: its latest percent before the
    week, the investment reported in all other weeks, and whether the week is reported."""
    reports = kind.report_model.objects.filter(**{kind.item_field: OuterRef("pk")})
    earlier = reports.filter(report_week__lt=week).order_by("-report_week")
    other_weeks = (
        reports.exclude(report_week=week)
        .order_by()
        .values(kind.item_field)
        .annotate(total=Sum("week_investment_wan"))
        .values("total")
    )
    money = models.DecimalField(**MONEY_KWARGS)
    return queryset.annotate(
        previous_percent=Subquery(earlier.values("percent_complete")[:1]),
        previous_week=Subquery(earlier.values("report_week")[:1]),
        other_weeks_wan=Coalesce(
            Subquery(other_weeks, output_field=money), Value(ZERO), output_field=money
        ),
        reported=Exists(reports.filter(report_week=week)),
    )


@dataclass
class WeekRow:
    """One item of the batch form with the report it already has for the week, if any."""

    kind: object
    item: object
    report: object = None

    @property
    def key(self):
        return row_key(self.kind, self.item)

    @property
    def version(self):
        return self.report.version if self.report else 0

    @property
    def latest_percent(self):
        if self.report is not None:
            return self.report.percent_complete
        return self.item.previous_percent or ZERO

    @property
    def target_text(self):
        """The 100-day goal: a project's 形象进度目标, an entry's 百日建设任务."""
        return getattr(self.item, "milestone_target", None) or getattr(
            self.item, "construction_task", ""
        )

    @property
    def planned_wan(self):
        return self.item.planned_investment_wan

    @property
    def cumulative_wan(self):
        """Every week's figure as typed, whatever its review: what the batch form checks
        against the plan (not a figure of the item's progress; see counted_wan)."""
        this_week = self.report.week_investment_wan if self.report else ZERO
        return self.item.other_weeks_wan + this_week

    @property
    def is_returned(self):
        return self.report is not None and self.report.state == ReportState.RETURNED

    @property
    def is_pending(self):
        return self.report is not None and self.report.state == ReportState.PENDING

    @property
    def needs_work(self):
        """Not reported this week, or reported and returned by the reviewer."""
        return self.report is None or self.is_returned


CUMULATIVE_RULE = (
    "累计只计已通过审核（或无需审核）的周报；待审核和被退回的周报不计入，另行列出，通过后自动计入。"
)


def mark_cumulative(rows):
    """Set `counted_wan` (the sum of the item's reports that count, as every dashboard and
    the item page add them: ProgressReportQuerySet.counted) and `awaiting_wan` (the rest: in
    review or returned) on each row of week_rows. One query per kind."""
    for kind in {row.kind for row in rows}:
        ids = [row.item.pk for row in rows if row.kind is kind]
        counted = dict(
            kind.report_model.objects.counted()
            .filter(**{f"{kind.item_field}__in": ids})
            .order_by()
            .values(kind.item_field)
            .annotate(total=Sum("week_investment_wan"))
            .values_list(kind.item_field, "total")
        )
        for row in rows:
            if row.kind is kind:
                row.counted_wan = quantize_wan(counted.get(row.item.pk) or ZERO)
                row.awaiting_wan = row.cumulative_wan - row.counted_wan


def week_rows(user, campaign, week, *, kinds=None, item_ids=None, for_update=False):
    """The tracked items `user` may report, in plan order, each with its report for `week`.
    Two queries per kind, whatever the number of items."""
    rows = []
    for kind in kinds or KINDS.values():
        items = visible_to(kind.items(campaign), user)
        if item_ids is not None:
            items = items.filter(pk__in=item_ids.get(kind.key, ()))
        items = list(with_week_figures(items, kind, week))
        reports = kind.report_model.objects.filter(
            **{f"{kind.item_field}__in": [item.pk for item in items]}, report_week=week
        ).select_related("reporter__person")
        if for_update:
            reports = reports.select_for_update(of=("self",))
        by_item = {getattr(report, f"{kind.item_field}_id"): report for report in reports}
        for item in items:
            # SQLite sums decimals as floats; money is two-place Decimal everywhere
            item.other_weeks_wan = quantize_wan(item.other_weeks_wan)
            if item.previous_percent is not None:
                item.previous_percent = quantize_wan(item.previous_percent)
            rows.append(WeekRow(kind, item, by_item.get(item.pk)))
    return rows


def reportable_count(user, campaign):
    """How many rows the batch form offers `user` (one count query per kind): a POST may not
    carry more."""
    return sum(visible_to(kind.items(campaign), user).count() for kind in KINDS.values())


def mark_unread_instructions(rows):
    """Set `unread_instructions` on each row: the leaders' 批示 its staff have not opened yet.
    One query for all rows."""
    content_types = ContentType.objects.get_for_models(*(row.kind.model for row in rows))
    wanted = Q(pk__in=[])
    for row in rows:
        row.unread_instructions = 0
    for model, content_type in content_types.items():
        ids = [row.item.pk for row in rows if row.kind.model is model]
        wanted |= Q(content_type=content_type, object_id__in=ids)
    if not rows:
        return
    counts = {
        (content_type_id, object_id): n
        for content_type_id, object_id, n in Instruction.objects.filter(
            wanted, read_at__isnull=True
        )
        .values_list("content_type_id", "object_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    for row in rows:
        key = (content_types[row.kind.model].pk, row.item.pk)
        row.unread_instructions = counts.get(key, 0)


@dataclass
class Worklist:
    """Everything a staff member's unit answers for in the campaign, for the landing page:
    its tracked items' rows of the week and, by registered kind (core.registry), the things
    with a due date it owns."""

    campaign: object
    week: int
    rows: list
    things: dict = field(default_factory=dict)  # kind key → list

    @property
    def decisions(self):
        return self.things.get("decision", [])

    @property
    def power_items(self):
        return self.things.get("power", [])

    @property
    def milestones(self):
        return self.things.get("milestone", [])

    @property
    def problems(self):
        return self.things.get("problem", [])

    @property
    def tasks(self):
        return self.things.get("task", [])

    @property
    def follow_ups(self):
        return self.things.get("follow_up", [])

    open_supervisions: int = 0

    @property
    def unreported(self):
        """Rows still to do this week: not reported, or returned by the reviewer."""
        return [row for row in self.rows if row.needs_work]

    @property
    def returned(self):
        return [row for row in self.rows if row.is_returned]

    @property
    def reported_count(self):
        return len(self.rows) - len(self.unreported)

    @property
    def open_items_count(self):
        """Things not done yet; the problems listed are the open ones already."""
        return sum(
            1
            for kind in COMPLETABLE_KINDS.values()
            for thing in self.things.get(kind.key, [])
            if not kind.markable or thing.status != CompletionStatus.DONE
        )

    @property
    def left_count(self):
        return len(self.unreported) + self.open_items_count + self.open_supervisions


def _unit_things(kind, user, campaign, today):
    """The things of `kind` the user's unit owns: the markable ones open first, the others
    (problems) those open today."""
    things = visible_to(kind.of_campaign(campaign), user).select_related(
        kind.owner_field, *kind.related
    )
    if not kind.markable:
        return things.open_as_of(today).order_by(*kind.worklist_order)
    open_first = models.Case(
        models.When(status=CompletionStatus.DONE, then=Value(1)),
        default=Value(0),
        output_field=models.IntegerField(),
    )
    return things.order_by(open_first, *kind.worklist_order)


def worklist(user, campaign, week):
    """Reported / not yet reported for `week`, and the unit's open plan items. A fixed number
    of queries (two per tracked kind, one per completable kind)."""
    today = timezone.localdate()
    rows = week_rows(user, campaign, week)
    mark_unread_instructions(rows)
    mark_cumulative(rows)
    reasons = return_reasons([row.report for row in rows])
    for row in rows:
        row.return_reason = reasons.get((type(row.report), getattr(row.report, "pk", None)), "")
    return Worklist(
        campaign=campaign,
        week=week,
        rows=rows,
        open_supervisions=open_for_department(campaign, department_of(user), today).count(),
        things={
            kind.key: list(_unit_things(kind, user, campaign, today))
            for kind in COMPLETABLE_KINDS.values()
        },
    )


def current_scope(request):
    """(campaign, current week) for a request: its campaign (core.scope: `?campaign=SLUG` or
    the current one) and the week in force today."""
    campaign = scope_of(request).campaign
    if campaign is None:
        return None, 0
    return campaign, max(1, report_week_as_of(campaign, timezone.localdate()))


def responsible_people(user, campaign):
    """The 责任人 of the items `user` may see: projects' responsible leaders, entries' liaison
    leaders and key enterprises' service persons (all of them for admins and leaders)."""
    projects = visible_to(Project.objects.filter(campaign=campaign), user)
    entries = visible_to(CompetitionEntry.objects.filter(campaign=campaign), user)
    key_enterprises = visible_to(KeyEnterprise.objects.filter(campaign=campaign), user)
    return Person.objects.filter(
        Q(pk__in=projects.values("responsible_leader"))
        | Q(pk__in=entries.values("liaison_leader"))
        | Q(pk__in=key_enterprises.values("service_person"))
    )
