"""The campaign summary: the figures of `manage.py summary`, `/api/summary/` and
the overview. Every figure is an SQL aggregate, cut at an as-of date."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from baidays.dashboards.reviewed import ReportCounts, campaign_reports, report_counts
from baidays.dashboards.weeks import chart_weeks, planned_curve, weekly_totals
from core.choices import LagStatus
from core.completable import done_as_of_condition, overdue_as_of_condition
from core.lag import aggregate_lag
from core.models import Instruction
from core.money import ZERO, format_2dp, format_wan, percent
from core.registry import TRACKED_KINDS
from core.selectors import (
    cached_by_generation,
    current_phase,
    report_week_as_of,
    standing_groups,
)
from enterprises.choices import CompetitionGoal
from enterprises.models import (
    CompetitionEntry,
    KeyEnterprise,
    LandTransfer,
    Problem,
    PromotionEvent,
)
from plans.models import Milestone
from projects.choices import Annex
from projects.models import Project
from supervision.models import Supervision
from topics.choices import TargetMetric, Topic
from topics.models import Decision, PowerItem, TopicMeeting, TopicTarget


def _sum(queryset, field):
    return queryset.aggregate(total=Coalesce(Sum(field), ZERO))["total"]


def _tracked_block(groups, reports, week, campaign, target_wan=None, completed=None):
    """Count, plan, completion and lag of a set of tracked items (projects or entries), from
    their standing groups (core.selectors.standing_groups): planned to date by each item's
    schedule in effect at the end of the summary's day."""

    def count(**match):
        return sum(g["n"] for g in groups if all(g[k] == v for k, v in match.items()))

    figures = {
        "count": count(),
        "planned": sum((g["planned"] for g in groups), ZERO),
        "due": sum((Decimal(g["due_cents"]) for g in groups), ZERO) / 100,
        "red": count(lag=LagStatus.RED),
        "yellow": count(lag=LagStatus.YELLOW),
    }
    if completed is None:
        completed = _sum(reports.filter(report_week__lte=week), "week_investment_wan")
    base = target_wan or figures["planned"]
    block = {
        "count": figures["count"],
        "target_wan": format_wan(target_wan if target_wan is not None else figures["planned"]),
        "planned_wan": format_wan(figures["planned"]),
        # planned to date by each item's own 进度计划, and its share of the 100-day plan
        "planned_to_date_wan": format_wan(figures["due"]),
        "plan_percent": str(percent(figures["due"], figures["planned"])),
        "completed_wan": format_wan(completed),
        "percent": str(percent(completed, base)),
        # planned to date on the same base as `percent`, so the two compare on the bar
        "due_percent": str(percent(figures["due"], base)),
        # the block's colour: the lag rule applied to its totals (core.lag.aggregate_lag)
        "lag": aggregate_lag(completed, figures["planned"], figures["due"], campaign).value,
        "lagging": {
            "red": figures["red"],
            "yellow": figures["yellow"],
            "total": figures["red"] + figures["yellow"],
        },
    }
    return block


def _goals(campaign, as_of):
    counts = {
        row["goal"]: row
        for row in CompetitionEntry.objects.active()
        .filter(campaign=campaign)
        .order_by()
        .values("goal")
        .annotate(entries=Count("pk"), achieved=Count("pk", filter=Q(achieved_on__lte=as_of)))
    }
    planned = {
        CompetitionGoal.START: campaign.goal_start_count,
        CompetitionGoal.ACCELERATE: campaign.goal_accelerate_count,
        CompetitionGoal.COMPLETE: campaign.goal_complete_count,
    }
    return {
        goal.value: {
            "label": goal.label,
            "planned": planned[goal],
            "entries": counts.get(goal.value, {}).get("entries", 0),
            "achieved": counts.get(goal.value, {}).get("achieved", 0),
        }
        for goal in CompetitionGoal
    }


def _decision_counts(decisions, as_of):
    return decisions.filter(meeting__held_on__lte=as_of).counts_as_of(as_of)


def _topic_targets(campaign, as_of):
    """The land targets (亩 filed against each) and the approval target (cases solved) as of
    `as_of`: one query."""
    targets = TopicTarget.objects.filter(campaign=campaign).annotate(
        filed_mu=Coalesce(
            Sum("land_filings__area_mu", filter=Q(land_filings__filed_on__lte=as_of)), ZERO
        ),
        solved=Count(
            "approval_cases",
            filter=Q(approval_cases__solved_on__lte=as_of),
            distinct=True,
        ),
        cases=Count("approval_cases", distinct=True),
    )
    land_targets = []
    approval = {"target": 0, "solved": 0, "cases": 0}
    for target in targets:
        if target.metric == TargetMetric.APPROVALS_SOLVED:
            approval = {
                "target": int(target.quantity),
                "solved": target.solved,
                "cases": target.cases,
                "period_start": target.period_start.isoformat(),
                "period_end": target.period_end.isoformat(),
            }
        else:
            land_targets.append(
                {
                    "metric": target.metric,
                    "title": target.title,
                    "unit": target.unit,
                    "target": format_2dp(target.quantity),
                    "achieved": format_2dp(target.filed_mu),
                    "percent": str(percent(target.filed_mu, target.quantity)),
                    "period_start": target.period_start.isoformat(),
                    "period_end": target.period_end.isoformat(),
                }
            )
    return land_targets, approval


def _topics(campaign, as_of):
    meetings = dict(
        TopicMeeting.objects.filter(campaign=campaign, held_on__lte=as_of)
        .order_by()
        .values_list("topic")
        .annotate(n=Count("pk"))
    )
    decisions = Decision.objects.filter(meeting__campaign=campaign)
    land_targets, approval = _topic_targets(campaign, as_of)
    power = PowerItem.objects.filter(campaign=campaign).counts_as_of(as_of)
    transferred = _sum(
        LandTransfer.objects.filter(campaign=campaign, transferred_on__lte=as_of), "area_mu"
    )
    return {
        "land": {
            "meetings": meetings.get(Topic.LAND, 0),
            "targets": land_targets,
            "transferred_mu": format_2dp(transferred),
            "decisions": _decision_counts(decisions.filter(meeting__topic=Topic.LAND), as_of),
        },
        "approval": {
            "meetings": meetings.get(Topic.APPROVAL, 0),
            **approval,
            "decisions": _decision_counts(decisions.filter(meeting__topic=Topic.APPROVAL), as_of),
        },
        "power": {
            "meetings": meetings.get(Topic.POWER, 0),
            "items": power["total"],
            "done": power["done"],
            "decisions": _decision_counts(decisions.filter(meeting__topic=Topic.POWER), as_of),
        },
    }


def _reports(campaign, week):
    """The partition of `week`'s reports (reviewed.report_counts): `submitted` are 已通过 (they
    count in the figures), `pending_review` and `returned` are in but do not count yet,
    `missing` are not in at all; `expected` is their sum."""
    if week == 0:
        keys = ("week", "expected", "submitted", "pending_review", "returned", "missing")
        return dict.fromkeys(keys, 0)
    counts = report_counts(campaign, week).get(None, ReportCounts())
    return {
        "week": week,
        "week_start": campaign.week_start(week).isoformat(),
        "week_end": campaign.week_end(week).isoformat(),
        "expected": counts.expected,
        "submitted": counts.approved,
        "pending_review": counts.pending,
        "returned": counts.returned,
        "missing": counts.missing,
    }


def _phases(campaign, as_of):
    """Each phase with its tasks done and overdue as of the date."""
    phases = campaign.phases.annotate(
        tasks_total=Count("tasks"),
        tasks_done=Count("tasks", filter=done_as_of_condition(as_of, "tasks__")),
        tasks_overdue=Count("tasks", filter=overdue_as_of_condition(as_of, "tasks__")),
    ).order_by("sort_order")
    return [
        {
            "kind": phase.kind,
            "name": phase.name,
            "start": phase.start_date.isoformat(),
            "end": phase.end_date.isoformat(),
            "tasks": phase.tasks_total,
            "tasks_done": phase.tasks_done,
            "tasks_overdue": phase.tasks_overdue,
        }
        for phase in phases
    ]


def _instructions(campaign, as_of):
    """批示 on the campaign's projects and 争先杯 entries up to the date, and how many are still
    unread by the responsible staff."""
    types = ContentType.objects.get_for_models(Project, CompetitionEntry)
    on_items = Q(
        content_type=types[Project],
        object_id__in=Project.objects.filter(campaign=campaign).values("pk"),
    ) | Q(
        content_type=types[CompetitionEntry],
        object_id__in=CompetitionEntry.objects.filter(campaign=campaign).values("pk"),
    )
    return (
        Instruction.objects.filter(on_items)
        .written_by(as_of)
        .aggregate(
            total=Count("pk"),
            unread=Count("pk", filter=Instruction.objects.unread_as_of_condition(as_of)),
        )
    )


def campaign_summary(campaign, as_of):
    """The JSON of the `summary` command and /api/summary/ (README, 管理命令), as the
    campaign stood at the end of `as_of`. Money is a string with two decimals."""
    week = report_week_as_of(campaign, as_of)
    investment, weekly = _investment_blocks(campaign, as_of, week)
    return {
        "campaign": _campaign_block(campaign, as_of),
        **investment,
        "key_enterprises": _key_enterprises(campaign, as_of),
        "problems": Problem.objects.active().filter(campaign=campaign).counts_as_of(as_of),
        "topics": _topics(campaign, as_of),
        "promotion": _promotion(campaign, as_of),
        "plans": _plans(campaign, as_of),
        "reports": _reports(campaign, week),
        "phases": _phases(campaign, as_of),
        "weeks": chart_weeks(campaign, week, weekly),
        "instructions": _instructions(campaign, as_of),
        "supervision": Supervision.objects.filter(campaign=campaign).counts_as_of(as_of),
    }


def _campaign_block(campaign, as_of):
    phase = current_phase(campaign, as_of)
    return {
        "slug": campaign.slug,
        "name": campaign.name,
        "start": campaign.start_date.isoformat(),
        "end": campaign.end_date.isoformat(),
        "as_of": as_of.isoformat(),
        "day": campaign.day_number(as_of),
        "days_total": campaign.days_total,
        "time_percent": str(campaign.time_percent(as_of)),
        "phase": (
            {
                "kind": phase.kind,
                "name": phase.name,
                "start": phase.start_date.isoformat(),
                "end": phase.end_date.isoformat(),
            }
            if phase
            else None
        ),
    }


def _investment_blocks(campaign, as_of, week):
    """The infrastructure, 争先杯 and key-project blocks, and the chart's series of the first
    two (their week-by-week totals give both the chart and the completed amounts)."""
    projects = Project.objects.active().filter(campaign=campaign)
    project_reports, entry_reports = campaign_reports(campaign)
    project_reports, entry_reports = project_reports.counted(), entry_reports.counted()
    entries = CompetitionEntry.objects.active().filter(campaign=campaign)
    project_groups = standing_groups(TRACKED_KINDS.of_model(Project), campaign, as_of)
    entry_groups = standing_groups(TRACKED_KINDS.of_model(CompetitionEntry), campaign, as_of)
    infrastructure_weekly = weekly_totals(project_reports.filter(project__annex=1), week)
    competition_weekly = weekly_totals(entry_reports, week)
    competition = _tracked_block(
        entry_groups,
        entry_reports,
        week,
        campaign,
        campaign.competition_target_wan,
        completed=sum(competition_weekly.values(), ZERO),
    )
    competition["goals"] = _goals(campaign, as_of)
    key_projects = _tracked_block(
        [group for group in project_groups if group["annex"] == Annex.KEY_INDUSTRIAL],
        project_reports.filter(project__annex=3),
        week,
        campaign,
    )
    key_projects["annual_planned_wan"] = format_wan(
        _sum(projects.key_industrial(), "annual_planned_wan")
    )
    infrastructure = _tracked_block(
        [group for group in project_groups if group["annex"] == Annex.INFRASTRUCTURE],
        project_reports.filter(project__annex=1),
        week,
        campaign,
        campaign.infrastructure_target_wan,
        completed=sum(infrastructure_weekly.values(), ZERO),
    )
    weekly = {
        "infrastructure": (
            infrastructure_weekly,
            planned_curve(projects.infrastructure(), campaign, week, as_of),
            campaign.infrastructure_target_wan or Decimal(infrastructure["planned_wan"]),
        ),
        "competition": (
            competition_weekly,
            planned_curve(entries, campaign, week, as_of),
            campaign.competition_target_wan or Decimal(competition["planned_wan"]),
        ),
    }
    blocks = {
        "infrastructure": infrastructure,
        "competition": competition,
        "key_projects": key_projects,
    }
    return blocks, weekly


def _key_enterprises(campaign, as_of):
    key_enterprises = KeyEnterprise.objects.active().filter(campaign=campaign)
    key_problems = (
        Problem.objects.active()
        .filter(campaign=campaign, enterprise__in=key_enterprises.values("enterprise"))
        .counts_as_of(as_of)
    )
    return {
        "count": key_enterprises.count(),
        "problems_open": key_problems["open"],
        "problems_resolved": key_problems["resolved"],
    }


def _promotion(campaign, as_of):
    counts = PromotionEvent.objects.filter(campaign=campaign, held_on__lte=as_of).aggregate(
        events=Count("pk"), leads=Coalesce(Sum("leads_count"), 0)
    )
    return {"events": counts["events"], "leads": counts["leads"]}


def _plans(campaign, as_of):
    counts = Milestone.objects.filter(plan__campaign=campaign).counts_as_of(as_of)
    return {"milestones": counts["total"], "done": counts["done"], "overdue": counts["overdue"]}


def cached_campaign_summary(campaign, as_of):
    return cached_by_generation(
        "summary", campaign, as_of, lambda: campaign_summary(campaign, as_of)
    )
