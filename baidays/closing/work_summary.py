"""工作小结: the draft's figures are taken once, as of the day it is drafted, and stored with it
(`WorkSummary.figures`): each activity's target against its result (from the campaign summary
of that day), the problems solved, the feedback and 评议 results and the 回头看 findings. The
office writes the sections, a leader 签发 it, the office marks it 上报 with the date and the
version sent. A page or document of it as of a day reads the draft as it stood then."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from baidays.dashboards.summary import campaign_summary
from core.models import PersonEvaluation
from core.money import percent
from core.templatetags.dashboard_tags import wan, wan_or_yi
from enterprises.models import Problem

from .feedback import feedback_results
from .lookback import follow_ups_as_of
from .models import FollowUp, WorkSummary
from .selectors import end_of

SECTIONS = ("practices", "problems", "next_steps")
SOLVED_LISTED = 30


def _solved_problems(campaign, as_of):
    solved = (
        Problem.objects.active()
        .filter(campaign=campaign)
        .resolved_as_of(as_of)
        .select_related("enterprise", "project")
        .order_by("resolved_on", "pk")
    )
    return [
        {
            "title": problem.title,
            "unit": str(problem.enterprise or problem.project or ""),
            "raised_on": problem.raised_on.isoformat(),
            "resolved_on": problem.resolved_on.isoformat() if problem.resolved_on else "",
        }
        for problem in solved[:SOLVED_LISTED]
    ]


def _feedback(campaign, as_of):
    results = feedback_results(campaign, as_of)
    return {
        "requested": results["requested"],
        "answered": results["answered"],
        "dimensions": [
            {
                "label": d["label"],
                "average": str(d["average"]) if d["average"] is not None else None,
                "levels": d["levels"],
            }
            for d in results["dimensions"]
        ],
    }


def _evaluations(campaign, as_of):
    evaluations = (
        PersonEvaluation.objects.filter(campaign=campaign, evaluated_on__lte=as_of)
        .select_related("person")
        .order_by("-score", "person__name")
    )
    return [{"person": e.person.name, "score": str(e.score), "grade": e.grade} for e in evaluations]


def _lookback(campaign, as_of):
    rows = follow_ups_as_of(FollowUp.objects.all(), campaign, as_of)
    kinds = {}
    for row in rows:
        kinds.setdefault(row.get_kind_display(), {"total": 0, "done": 0})
        kinds[row.get_kind_display()]["total"] += 1
        kinds[row.get_kind_display()]["done"] += int(row.done)
    return {
        "total": len(rows),
        "done": sum(1 for row in rows if row.done),
        "kinds": [{"label": label, **counts} for label, counts in kinds.items()],
    }


def draft_figures(campaign, as_of):
    """Every figure of the 工作小结, as of the end of `as_of`, as JSON (money as the summary's
    two-decimal strings)."""
    solved = Problem.objects.active().filter(campaign=campaign).resolved_as_of(as_of).count()
    return {
        "as_of": as_of.isoformat(),
        "summary": campaign_summary(campaign, as_of),
        "problems_solved": {"count": solved, "listed": _solved_problems(campaign, as_of)},
        "feedback": _feedback(campaign, as_of),
        "evaluations": _evaluations(campaign, as_of),
        "lookback": _lookback(campaign, as_of),
    }


@transaction.atomic
def draft(*, campaign, user, today):
    work_summary = WorkSummary(
        campaign=campaign, drafted_on=today, figures=draft_figures(campaign, today)
    )
    work_summary.full_clean()
    work_summary._history_user = user
    work_summary.save()
    return work_summary


def _locked(work_summary):
    return WorkSummary.objects.select_for_update().get(pk=work_summary.pk)


@transaction.atomic
def edit(*, work_summary, user, **sections):
    locked = _locked(work_summary)
    if locked.issued_at is not None:
        raise ValidationError("工作小结已签发，不能再修改；如需修改请重新起草")
    for name in SECTIONS:
        setattr(locked, name, sections[name])
    locked.version += 1
    locked.full_clean()
    locked._history_user = user
    locked.save()
    return locked


@transaction.atomic
def issue(*, work_summary, user, now):
    locked = _locked(work_summary)
    if locked.issued_at is not None:
        raise ValidationError("工作小结已签发")
    if not all(getattr(locked, name).strip() for name in SECTIONS):
        raise ValidationError("请先写好主要做法和成效、存在的问题、下步打算，再签发")
    locked.issued_by = user
    locked.issued_at = now
    locked.full_clean()
    locked._history_user = user
    locked.save()
    return locked


@transaction.atomic
def report(*, work_summary, user, reported_on, today):
    """上报 to the county leading group's office: the date and the version sent."""
    locked = _locked(work_summary)
    if locked.issued_at is None:
        raise ValidationError("工作小结须先由领导签发再上报")
    if locked.reported_on is not None:
        raise ValidationError(
            f"已于 {locked.reported_on:%Y-%m-%d} 上报第 {locked.reported_version} 版"
        )
    if not locked.drafted_on <= reported_on <= today:
        raise ValidationError({"reported_on": "上报日期应在起草日期和今天之间"})
    locked.reported_on = reported_on
    locked.reported_version = locked.version
    locked.full_clean()
    locked._history_user = user
    locked.save()
    return locked


def as_it_stood(work_summary, as_of):
    """The draft as it stood at the end of `as_of` (its sections, 签发 and 上报 then), or None
    when it had not been drafted by then."""
    if as_of is None:
        return work_summary
    try:
        return work_summary.history.as_of(end_of(as_of))
    except WorkSummary.DoesNotExist:
        return None


def activity_rows(figures):
    """Each activity's target against its result, from a draft's snapshot: the one table the
    page and the document both show."""
    s = figures["summary"]
    rows = []
    for label, block in (
        ("基础设施建设投资", s["infrastructure"]),
        ("“争先杯”企业投资", s["competition"]),
    ):
        rows.append(
            {
                "activity": label,
                "target": wan_or_yi(block["target_wan"]),
                "result": f"{wan(block['completed_wan'])}万元",
                "rate": f"{block['percent']}%",
            }
        )
    counts = [
        (f"争先杯{goal['label']}", goal["planned"], goal["achieved"], "家")
        for goal in s["competition"]["goals"].values()
    ]
    counts += [
        (t["title"], t["target"], t["achieved"], "亩") for t in s["topics"]["land"]["targets"]
    ]
    approval, power, plans = s["topics"]["approval"], s["topics"]["power"], s["plans"]
    counts += [
        ("解决建设审批及竣工验收问题", approval["target"], approval["solved"], "家"),
        ("电力项目", power["items"], power["done"], "项"),
        ("三个规划节点", plans["milestones"], plans["done"], "个"),
    ]
    rows += [
        {
            "activity": label,
            "target": f"{target}{unit}",
            "result": f"{done}{unit}",
            "rate": f"{percent(Decimal(str(done)), Decimal(str(target)))}%",
        }
        for label, target, done, unit in counts
    ]
    return rows
