"""The three phase pages: tasks, and the figures of mobilisation, advance and summary."""

from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import Coalesce

from core.choices import PhaseKind
from core.completable import done_as_of_condition
from core.models import PersonEvaluation, Phase
from core.money import ZERO, format_wan
from enterprises.choices import ProblemStatus
from enterprises.models import LandTransfer, Problem, PromotionEvent, ServiceVisit
from enterprises.problems import OPEN_STATUSES, RESOLVED_STATUSES
from plans.models import Milestone
from topics.models import ApprovalCase, PowerItem, TopicMeeting

from ..summary import cached_campaign_summary
from .common import TOP_N


def phase_tasks(scope, phase):
    as_of = scope.as_of
    tasks = []
    for task in phase.tasks.select_related("responsible_department"):
        tasks.append(
            {
                "task": task,
                "done": task.is_done_as_of(as_of),
                "overdue": task.is_overdue_as_of(as_of),
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
        raised = (
            Problem.objects.active()
            .filter(campaign=campaign, raised_on__gte=phase.start_date)
            .raised_by(min(phase.end_date, as_of))
        )
        context["research_problems_count"] = raised.count()
        context["research_problems"] = [
            {
                "problem": problem,
                "resolved": problem.status_as_of in RESOLVED_STATUSES,
                "overdue": problem.status_as_of in OPEN_STATUSES
                and problem.due_date is not None
                and problem.due_date < as_of,
            }
            for problem in raised.with_status_as_of(as_of)
            .select_related("responsible_department", "enterprise", "project")
            .order_by("raised_on", "pk")[:TOP_N]
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
                filter=done_as_of_condition(as_of, "decisions__"),
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
            {
                "item": item,
                "done": item.is_done_as_of(as_of),
                "overdue": item.is_overdue_as_of(as_of),
            }
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
                "overdue": milestone.is_overdue_as_of(as_of),
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
    problems = Problem.objects.active().filter(campaign=campaign).raised_by(as_of)
    resolved = problems.resolved_as_of(as_of)
    feedback = resolved.aggregate(
        resolved=Count("pk"),
        confirmed=Count("pk", filter=Q(status_as_of=ProblemStatus.CONFIRMED)),
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
