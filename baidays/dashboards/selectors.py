"""Reads for the leader dashboards. Every figure is an SQL aggregate cut at an as-of date by the
rules of core.selectors (reports with report_week <= the as-of week; completions dated on or
before as_of); every list is bounded. Lag colours come from core.lag only."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from core.choices import LagStatus, PhaseKind
from core.lag import lag_expression, lag_status
from core.models import Department, Instruction, PersonEvaluation, Phase, PhaseTask
from core.money import ZERO, format_wan, percent, quantize_wan
from core.selectors import cached_by_generation, report_week_as_of
from enterprises.models import (
    CompetitionEntry,
    EntryReport,
    KeyEnterprise,
    LandTransfer,
    Problem,
    PromotionEvent,
    ServiceVisit,
)
from plans.models import Milestone
from projects.choices import Annex
from projects.models import Project, ProjectReport
from topics.models import ApprovalCase, Decision, PowerItem, TopicMeeting

from .summary import cached_campaign_summary

TOP_N = 10
LAGGING = [LagStatus.RED.value, LagStatus.YELLOW.value]


@dataclass(frozen=True)
class Scope:
    """Where the campaign stands on `as_of`: the report week in force and time progress."""

    campaign: object
    as_of: object

    @property
    def week(self):
        return report_week_as_of(self.campaign, self.as_of)

    @property
    def time_percent(self):
        return self.campaign.time_percent(self.as_of)


# --- tracked items (projects of annex 1 and 3, 争先杯 entries) -----------------------------


class TrackedKind:
    """What differs between a project and a 争先杯 entry when we list them side by side."""

    def __init__(self, key, model, report_model, item_field, label):
        self.key = key
        self.model = model
        self.report_model = report_model
        self.item_field = item_field
        self.label = label

    def items(self, campaign):
        queryset = self.model.objects.active().filter(campaign=campaign)
        if self.model is CompetitionEntry:
            return queryset.select_related("enterprise", "responsible_department")
        return queryset.select_related("responsible_department")

    def reports(self, campaign, week):
        """The reports the figures count (ProgressReportQuerySet.counted)."""
        return self.report_model.objects.counted().filter(
            **{
                f"{self.item_field}__campaign": campaign,
                f"{self.item_field}__is_archived": False,
                "report_week__lte": week,
            }
        )

    def last_reported_at(self, week):
        latest = self.report_model.objects.filter(
            **{self.item_field: OuterRef("pk"), "report_week__lte": week}
        ).order_by("-report_week")
        return Subquery(latest.values("submitted_at")[:1])

    def with_lag(self, campaign, scope):
        return (
            self.items(campaign)
            .with_progress(up_to_week=scope.week)
            .annotate(
                lag=lag_expression("latest_percent", scope.time_percent),
                last_reported_at=self.last_reported_at(scope.week),
            )
        )

    def reported_in(self, week):
        return Exists(
            self.report_model.objects.filter(
                **{self.item_field: OuterRef("pk"), "report_week": week}
            )
        )


PROJECTS = TrackedKind("project", Project, ProjectReport, "project", "项目")
ENTRIES = TrackedKind("entry", CompetitionEntry, EntryReport, "entry", "争先杯")
KINDS = {kind.key: kind for kind in (PROJECTS, ENTRIES)}


def item_row(item, kind, scope):
    """One tracked item as the templates and the briefing show it."""
    if kind is ENTRIES:
        category = "争先杯"
    else:
        category = "附件1" if item.annex == Annex.INFRASTRUCTURE else "附件3"
    # SQLite hands subquery decimals back as floats; show them as the two-place figures they are
    latest = quantize_wan(item.latest_percent)
    completed = quantize_wan(item.completed_investment_wan)
    lag = LagStatus(getattr(item, "lag", None) or lag_status(latest, scope.time_percent))
    return {
        "kind": kind.key,
        "pk": item.pk,
        "category": category,
        "name": item.name,
        "department": item.responsible_department.name,
        "department_id": item.responsible_department_id,
        "planned_wan": item.planned_investment_wan,
        "completed_wan": completed,
        "investment_percent": percent(completed, item.planned_investment_wan),
        "latest_percent": latest,
        "gap": (scope.time_percent - latest) if latest < scope.time_percent else ZERO,
        "lag": lag.value,
        "lag_label": lag.label,
        "progress_text": item.latest_progress_text or "",
        "last_report_week": item.latest_report_week,
        "last_reported_at": getattr(item, "last_reported_at", None),
    }


def lagging_queryset(kind, scope, department=None):
    queryset = kind.with_lag(scope.campaign, scope).filter(lag__in=LAGGING)
    if department is not None:
        queryset = queryset.filter(responsible_department=department)
    return queryset.order_by("latest_percent", "pk")


def worst_lagging(scope, department=None, limit=TOP_N):
    """The `limit` items furthest behind time progress, projects and entries together: two
    bounded queries, merged."""
    rows = []
    for kind in (PROJECTS, ENTRIES):
        for item in lagging_queryset(kind, scope, department)[:limit]:
            rows.append(item_row(item, kind, scope))
    rows.sort(key=lambda row: (row["latest_percent"], row["kind"], row["pk"]))
    rows = rows[:limit]
    attach_instructions(rows)
    return rows


def attach_instructions(rows):
    """The latest 批示 of each listed item, in one query for the whole list."""
    if not rows:
        return
    types = ContentType.objects.get_for_models(Project, CompetitionEntry)
    type_of = {"project": types[Project], "entry": types[CompetitionEntry]}
    condition = Q(pk__in=[])
    for kind_key in ("project", "entry"):
        ids = [row["pk"] for row in rows if row["kind"] == kind_key]
        if ids:
            condition |= Q(content_type=type_of[kind_key], object_id__in=ids)
    found = {}
    for instruction in Instruction.objects.filter(condition).select_related("author__person"):
        key = (instruction.content_type_id, instruction.object_id)
        found.setdefault(key, []).append(instruction)
    for row in rows:
        row["instructions"] = found.get((type_of[row["kind"]].pk, row["pk"]), [])


# --- series and per-department figures ------------------------------------------------------


def missing_reports_by_department(scope):
    """For the report week in force: items expected and missing per responsible unit."""
    week = scope.week
    by_department = {}
    if week == 0:
        return []
    for kind in (PROJECTS, ENTRIES):
        grouped = (
            kind.model.objects.active()
            .filter(campaign=scope.campaign)
            .annotate(reported=kind.reported_in(week))
            .order_by()
            .values("responsible_department", "responsible_department__name")
            .annotate(expected=Count("pk"), missing=Count("pk", filter=Q(reported=False)))
        )
        for group in grouped:
            row = by_department.setdefault(
                group["responsible_department"],
                {
                    "department_id": group["responsible_department"],
                    "department": group["responsible_department__name"],
                    "expected": 0,
                    "missing": 0,
                },
            )
            row["expected"] += group["expected"]
            row["missing"] += group["missing"]
    rows = [row for row in by_department.values() if row["missing"]]
    rows.sort(key=lambda row: (-row["missing"], row["department"]))
    return rows


def missing_queryset(kind, scope, department=None):
    queryset = (
        kind.with_lag(scope.campaign, scope)
        .annotate(reported=kind.reported_in(scope.week))
        .filter(reported=False)
    )
    if department is not None:
        queryset = queryset.filter(responsible_department=department)
    return queryset.order_by("responsible_department__sort_order", "pk")


def overview(campaign, as_of, *, generation=...):
    """The overview's figures and bounded lists; every table they read raises the data
    generation, so they are cached like the summary."""
    return cached_by_generation(
        "overview", campaign, as_of, lambda: _overview(campaign, as_of), generation=generation
    )


def _overview(campaign, as_of):
    scope = Scope(campaign, as_of)
    summary = cached_campaign_summary(campaign, as_of)
    problems = Problem.objects.filter(campaign=campaign, is_archived=False)
    return {
        "summary": summary,
        "series": summary["weeks"],
        "lagging": worst_lagging(scope),
        "missing_by_department": missing_reports_by_department(scope)[:TOP_N],
        "overdue_problems": list(
            problems.filter(raised_on__lte=as_of, due_date__lt=as_of)
            .exclude(resolved_on__isnull=False, resolved_on__lte=as_of)
            .select_related("responsible_department", "enterprise", "project")
            .order_by("due_date", "pk")[:5]
        ),
        "overdue_milestones": list(
            Milestone.objects.filter(plan__campaign=campaign)
            .overdue(as_of)
            .select_related("plan", "lead_department")[:5]
        ),
        "top_n": TOP_N,
    }


# --- departments ----------------------------------------------------------------------------


def _grouped(queryset, key, **aggregates):
    return {row[key]: row for row in queryset.order_by().values(key).annotate(**aggregates)}


def department_table(scope):
    """Every unit with what it owns and how it stands: a fixed number of grouped queries."""
    campaign, week, time_percent = scope.campaign, scope.week, scope.time_percent
    red = Q(lag=LagStatus.RED.value)
    yellow = Q(lag=LagStatus.YELLOW.value)
    tracked = {}
    completed = {}
    for kind in (PROJECTS, ENTRIES):
        items = (
            kind.model.objects.active()
            .filter(campaign=campaign)
            .with_progress(up_to_week=week)
            .annotate(lag=lag_expression("latest_percent", time_percent))
        )
        tracked[kind.key] = _grouped(
            items,
            "responsible_department",
            items=Count("pk"),
            planned=Coalesce(Sum("planned_investment_wan"), ZERO),
            red=Count("pk", filter=red),
            yellow=Count("pk", filter=yellow),
        )
        completed[kind.key] = _grouped(
            kind.reports(campaign, week),
            f"{kind.item_field}__responsible_department",
            total=Coalesce(Sum("week_investment_wan"), ZERO),
        )
    missing = {row["department_id"]: row["missing"] for row in missing_reports_by_department(scope)}
    problems = _grouped(
        Problem.objects.filter(campaign=campaign, is_archived=False, raised_on__lte=scope.as_of),
        "responsible_department",
        open=Count("pk", filter=~_resolved_by(scope.as_of)),
        overdue=Count("pk", filter=~_resolved_by(scope.as_of) & Q(due_date__lt=scope.as_of)),
    )
    overdue_items = _overdue_counts_by_department(scope)
    rows = []
    for department in Department.objects.filter(is_active=True):
        pk = department.pk
        row = {
            "department": department,
            "items": 0,
            "planned": ZERO,
            "completed": ZERO,
            "red": 0,
            "yellow": 0,
        }
        for kind_key in ("project", "entry"):
            group = tracked[kind_key].get(pk)
            if group:
                for field in ("items", "planned", "red", "yellow"):
                    row[field] += group[field]
            done = completed[kind_key].get(pk)
            if done:
                row["completed"] += done["total"]
        row["percent"] = percent(row["completed"], row["planned"])
        row["missing"] = missing.get(pk, 0)
        row["problems_open"] = problems.get(pk, {}).get("open", 0)
        row["problems_overdue"] = problems.get(pk, {}).get("overdue", 0)
        row["overdue"] = overdue_items.get(pk, 0) + row["problems_overdue"]
        if row["items"] or row["problems_open"] or row["overdue"]:
            rows.append(row)
    return rows


def _resolved_by(as_of):
    return Q(resolved_on__isnull=False, resolved_on__lte=as_of)


def _done_by(as_of):
    return Q(completed_on__isnull=False, completed_on__lte=as_of)


def _overdue_sources(scope):
    """(label, queryset of overdue things, department field) for milestones, decisions, power
    items and phase tasks: due before as_of and not done by as_of."""
    campaign, as_of = scope.campaign, scope.as_of
    return [
        (
            "规划节点",
            Milestone.objects.filter(plan__campaign=campaign).overdue(as_of),
            "lead_department",
        ),
        (
            "议定事项",
            Decision.objects.filter(
                meeting__campaign=campaign, meeting__held_on__lte=as_of, due_date__lt=as_of
            ).exclude(_done_by(as_of)),
            "responsible_department",
        ),
        (
            "电力项目",
            PowerItem.objects.filter(campaign=campaign, due_date__lt=as_of).exclude(
                _done_by(as_of)
            ),
            "responsible_department",
        ),
        (
            "阶段任务",
            PhaseTask.objects.filter(phase__campaign=campaign, due_date__lt=as_of).exclude(
                _done_by(as_of)
            ),
            "responsible_department",
        ),
    ]


def _overdue_counts_by_department(scope):
    counts = {}
    for _label, queryset, field in _overdue_sources(scope):
        for row in queryset.order_by().values(field).annotate(n=Count("pk")):
            counts[row[field]] = counts.get(row[field], 0) + row["n"]
    return counts


def department_detail(scope, department):
    campaign, week, time_percent = scope.campaign, scope.week, scope.time_percent
    figures = {"items": 0, "planned": ZERO, "completed": ZERO, "red": 0, "yellow": 0}
    for kind in (PROJECTS, ENTRIES):
        items = (
            kind.model.objects.active()
            .filter(campaign=campaign, responsible_department=department)
            .with_progress(up_to_week=week)
            .annotate(lag=lag_expression("latest_percent", time_percent))
        )
        block = items.aggregate(
            items=Count("pk"),
            planned=Coalesce(Sum("planned_investment_wan"), ZERO),
            red=Count("pk", filter=Q(lag=LagStatus.RED.value)),
            yellow=Count("pk", filter=Q(lag=LagStatus.YELLOW.value)),
        )
        for field in ("items", "planned", "red", "yellow"):
            figures[field] += block[field]
        figures["completed"] += (
            kind.reports(campaign, week)
            .filter(**{f"{kind.item_field}__responsible_department": department})
            .aggregate(total=Coalesce(Sum("week_investment_wan"), ZERO))["total"]
        )
    figures["percent"] = percent(figures["completed"], figures["planned"])
    overdue = []
    for label, queryset, field in _overdue_sources(scope):
        for thing in queryset.filter(**{field: department}).order_by("due_date", "pk")[:TOP_N]:
            overdue.append({"label": label, "title": str(thing), "due_date": thing.due_date})
    problems = (
        Problem.objects.filter(
            campaign=campaign,
            is_archived=False,
            responsible_department=department,
            raised_on__lte=scope.as_of,
        )
        .exclude(_resolved_by(scope.as_of))
        .select_related("enterprise", "project")
        .order_by("due_date", "pk")
    )
    return {
        "figures": figures,
        "lagging": worst_lagging(scope, department),
        "overdue": sorted(overdue, key=lambda row: row["due_date"])[:TOP_N],
        "open_problems": list(problems[:TOP_N]),
        "reporting": department_reporting(scope, department),
        "owned": owned_counts(scope, department),
    }


def owned_counts(scope, department):
    """What the unit is responsible for, by kind (one count query per kind)."""
    campaign = scope.campaign
    projects = dict(
        Project.objects.active()
        .filter(campaign=campaign, responsible_department=department)
        .order_by()
        .values_list("annex")
        .annotate(n=Count("pk"))
    )
    return [
        ("附件1 基础设施项目", projects.get(Annex.INFRASTRUCTURE, 0)),
        ("附件3 重点工业性投资项目", projects.get(Annex.KEY_INDUSTRIAL, 0)),
        (
            "附件2 争先杯参赛项目",
            CompetitionEntry.objects.active()
            .filter(campaign=campaign, responsible_department=department)
            .count(),
        ),
        (
            "附件4 重点企业",
            KeyEnterprise.objects.filter(
                campaign=campaign, responsible_department=department, is_archived=False
            ).count(),
        ),
        (
            "规划节点（牵头）",
            Milestone.objects.filter(plan__campaign=campaign, lead_department=department).count(),
        ),
        (
            "电力项目",
            PowerItem.objects.filter(campaign=campaign, responsible_department=department).count(),
        ),
        (
            "议定事项",
            Decision.objects.filter(
                meeting__campaign=campaign, responsible_department=department
            ).count(),
        ),
        (
            "阶段任务",
            PhaseTask.objects.filter(
                phase__campaign=campaign, responsible_department=department
            ).count(),
        ),
    ]


def department_reporting(scope, department):
    """Week by week: how many of the unit's items had their report, against how many it owns."""
    campaign, week = scope.campaign, scope.week
    expected = 0
    submitted = {}
    for kind in (PROJECTS, ENTRIES):
        expected += (
            kind.model.objects.active()
            .filter(campaign=campaign, responsible_department=department)
            .count()
        )
        for number, count in (
            kind.reports(campaign, week)
            .filter(**{f"{kind.item_field}__responsible_department": department})
            .order_by()
            .values_list("report_week")
            .annotate(n=Count("pk"))
        ):
            submitted[number] = submitted.get(number, 0) + count
    return [
        {
            "week": number,
            "end": min(campaign.week_end(number), campaign.end_date),
            "expected": expected,
            "submitted": submitted.get(number, 0),
            "missing": max(0, expected - submitted.get(number, 0)),
        }
        for number in range(week, 0, -1)
    ]


# --- league table (红黑榜) ------------------------------------------------------------------


BOARD_OF = {LagStatus.ON_TRACK: "red", LagStatus.YELLOW: "", LagStatus.RED: "black"}


def league_standings(scope):
    """Every 争先杯 entry ranked by share of its 100-day planned investment completed; ties by
    the amount completed, then by 序号. One light query; shares and boards are exact Decimals
    (the board applies the lag rule of core.lag to the share)."""
    figures = (
        CompetitionEntry.objects.active()
        .filter(campaign=scope.campaign)
        .with_progress(up_to_week=scope.week)
        .values_list("pk", "seq", "planned_investment_wan", "completed_investment_wan")
    )
    standings = []
    for pk, seq, planned, completed in figures:
        completed = quantize_wan(completed)
        share = percent(completed, planned)
        status = lag_status(share, scope.time_percent)
        standings.append(
            {
                "pk": pk,
                "seq": seq,
                "completed": completed,
                "share": share,
                "lag": status.value,
                "board": BOARD_OF[status],
            }
        )
    standings.sort(key=lambda row: (-row["share"], -row["completed"], row["seq"]))
    for rank, row in enumerate(standings, start=1):
        row["rank"] = rank
    return standings


def league_rows(scope, standings):
    """The entries of a slice of the standings, for display (one query)."""
    entries = (
        CompetitionEntry.objects.filter(pk__in=[row["pk"] for row in standings])
        .select_related("enterprise", "liaison_leader", "responsible_department")
        .in_bulk()
    )
    rows = []
    for row in standings:
        entry = entries[row["pk"]]
        entry.completed_investment_wan = row["completed"]
        achieved = entry.achieved_on is not None and entry.achieved_on <= scope.as_of
        rows.append(
            {
                **row,
                "entry": entry,
                "goal_achieved": achieved,
                "achieved_on": entry.achieved_on if achieved else None,
            }
        )
    return rows


def league_table(scope, limit=None):
    standings = league_standings(scope)
    return league_rows(scope, standings[:limit] if limit else standings)


# --- phases ---------------------------------------------------------------------------------


def phase_tasks(scope, phase):
    as_of = scope.as_of
    tasks = []
    for task in phase.tasks.select_related("responsible_department"):
        done = task.completed_on is not None and task.completed_on <= as_of
        tasks.append(
            {
                "task": task,
                "done": done,
                "overdue": not done and task.due_date is not None and task.due_date < as_of,
            }
        )
    return tasks


def phase_detail(scope, kind):
    campaign, as_of = scope.campaign, scope.as_of
    phase = Phase.objects.filter(campaign=campaign, kind=kind).first()
    if phase is None:
        return None
    context = {"phase": phase, "tasks": phase_tasks(scope, phase)}
    context["tasks_done"] = sum(1 for task in context["tasks"] if task["done"])
    context["status"] = (
        "未开始" if as_of < phase.start_date else "已结束" if as_of > phase.end_date else "进行中"
    )
    if kind == PhaseKind.MOBILIZE:
        raised = Problem.objects.filter(
            campaign=campaign,
            is_archived=False,
            raised_on__gte=phase.start_date,
            raised_on__lte=min(phase.end_date, as_of),
        )
        context["research_problems_count"] = raised.count()
        context["research_problems"] = [
            {
                "problem": problem,
                "resolved": problem.resolved_on is not None and problem.resolved_on <= as_of,
            }
            for problem in raised.select_related(
                "responsible_department", "enterprise", "project"
            ).order_by("raised_on", "pk")[:TOP_N]
        ]
        context["visits"] = ServiceVisit.objects.filter(
            key_enterprise__campaign=campaign,
            visited_on__gte=phase.start_date,
            visited_on__lte=min(phase.end_date, as_of),
        ).count()
    elif kind == PhaseKind.ADVANCE:
        context.update(advance_figures(scope))
    else:
        context.update(summary_figures(scope))
    return context


def advance_figures(scope):
    campaign, as_of = scope.campaign, scope.as_of
    summary = cached_campaign_summary(campaign, as_of)
    promotions = PromotionEvent.objects.filter(campaign=campaign, held_on__lte=as_of)
    meetings = (
        TopicMeeting.objects.filter(campaign=campaign, held_on__lte=as_of)
        .annotate(
            decisions_total=Count("decisions"),
            decisions_done=Count(
                "decisions",
                filter=Q(decisions__completed_on__isnull=False, decisions__completed_on__lte=as_of),
            ),
        )
        .order_by("held_on", "pk")
    )
    return {
        "summary": summary,
        "promotions": list(promotions.order_by("held_on")[:TOP_N]),
        "promotion_investment": format_wan(
            promotions.aggregate(total=Coalesce(Sum("intended_investment_wan"), ZERO))["total"]
        ),
        "land_transfers": list(
            LandTransfer.objects.filter(campaign=campaign, transferred_on__lte=as_of)
            .select_related("enterprise")
            .order_by("transferred_on")[:TOP_N]
        ),
        "meetings": list(meetings[:TOP_N]),
        "power_items": [
            {"item": item, "done": item.completed_on is not None and item.completed_on <= as_of}
            for item in PowerItem.objects.filter(campaign=campaign).select_related(
                "responsible_department"
            )[:TOP_N]
        ],
        "approval_cases": [
            {"case": case, "solved": case.solved_on is not None and case.solved_on <= as_of}
            for case in ApprovalCase.objects.filter(target__campaign=campaign)
            .select_related("enterprise", "responsible_department")
            .order_by("solved_on", "enterprise__name")[:TOP_N]
        ],
        "milestones": [
            {
                "milestone": milestone,
                "done": milestone.completed_on is not None and milestone.completed_on <= as_of,
                "overdue": milestone.is_overdue(as_of),
            }
            for milestone in Milestone.objects.filter(plan__campaign=campaign)
            .select_related("plan", "lead_department")
            .order_by("due_date", "plan__kind", "seq")[:TOP_N]
        ],
        "key_enterprise_visits": ServiceVisit.objects.filter(
            key_enterprise__campaign=campaign, visited_on__lte=as_of
        ).count(),
    }


def summary_figures(scope):
    campaign, as_of = scope.campaign, scope.as_of
    problems = Problem.objects.filter(campaign=campaign, is_archived=False, raised_on__lte=as_of)
    resolved = problems.filter(_resolved_by(as_of))
    feedback = resolved.aggregate(
        resolved=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_on__isnull=False, confirmed_on__lte=as_of)),
        satisfied=Count("pk", filter=Q(satisfaction="satisfied")),
        basic=Count("pk", filter=Q(satisfaction="basic")),
        unsatisfied=Count("pk", filter=Q(satisfaction="unsatisfied")),
    )
    feedback["raised"] = problems.count()
    evaluations = PersonEvaluation.objects.filter(campaign=campaign, evaluated_on__lte=as_of)
    scores = evaluations.aggregate(count=Count("pk"), average=Avg("score"))
    if scores["average"] is not None:
        scores["average"] = Decimal(scores["average"]).quantize(Decimal("0.01"))
    return {
        "feedback": feedback,
        "evaluation_scores": scores,
        "evaluations": list(
            evaluations.select_related("person__department").order_by("-score", "pk")[:TOP_N]
        ),
        "feedback_list": list(
            resolved.exclude(feedback="")
            .select_related("enterprise", "responsible_department")
            .order_by("-resolved_on", "pk")[:TOP_N]
        ),
    }
