"""回头看 (查漏补缺): on the day the office makes the list, everything not yet done is found from
the data — targets not met (with the gap, from the summary of that day), problems still open,
议定事项, 规划节点, 电力项目 and 阶段任务 not done, 督办单 not closed, feedback scored low — and
each becomes a follow-up (FollowUp, a completable item) with a responsible unit, a measure and a
due date. Making the list again on a later day adds only what is new."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from baidays.dashboards.summary import campaign_summary
from core.registry import COMPLETABLE_KINDS
from core.roles import department_of
from core.templatetags.dashboard_tags import wan
from enterprises.models import Problem
from supervision.choices import Cause
from supervision.models import Supervision

from .choices import DIMENSIONS, LOW_SCORE, FindingKind
from .models import FeedbackAnswer, FollowUp

FOLLOW_UP_DAYS = 7
MEASURES = {
    FindingKind.TARGET: "分析差距原因，倒排计划，明确完成时限，逐周跟踪",
    FindingKind.PROBLEM: "明确专人跟踪，协调相关部门限期解决，并向企业反馈",
    FindingKind.SUPERVISION: "落实整改措施，完成后申请销号",
    FindingKind.FEEDBACK: "回访企业，听取意见，改进服务并反馈结果",
}
DEFAULT_MEASURE = "查明未完成原因，制定推进措施，限期完成并上传佐证"


@dataclass(frozen=True)
class Finding:
    kind: str
    source_key: str
    text: str
    department_id: int


def _target_findings(summary, office_id):
    s = summary
    rows = [
        (
            "infrastructure",
            "基础设施投资",
            s["infrastructure"]["completed_wan"],
            s["infrastructure"]["target_wan"],
        ),
        (
            "competition",
            "“争先杯”企业投资",
            s["competition"]["completed_wan"],
            s["competition"]["target_wan"],
        ),
    ]
    found = [
        Finding(
            FindingKind.TARGET,
            f"target:{key}",
            f"{label}完成 {wan(done)} 万元，目标 {wan(target)} 万元，"
            f"差 {wan(_gap(target, done))} 万元",
            office_id,
        )
        for key, label, done, target in rows
        if _gap(target, done) > 0
    ]
    counts = [
        (f"goal-{key}", f"争先杯{goal['label']}", goal["achieved"], goal["planned"], "家")
        for key, goal in s["competition"]["goals"].items()
    ]
    counts += [
        (f"land-{index}", t["title"], t["achieved"], t["target"], "亩")
        for index, t in enumerate(s["topics"]["land"]["targets"], start=1)
    ]
    approval = s["topics"]["approval"]
    counts.append(
        ("approval", "解决建设审批及竣工验收问题", approval["solved"], approval["target"], "家")
    )
    found += [
        Finding(
            FindingKind.TARGET,
            f"target:{key}",
            f"{label}完成 {done}{unit}，目标 {target}{unit}，差 {_gap(target, done)}{unit}",
            office_id,
        )
        for key, label, done, target, unit in counts
        if _gap(target, done) > 0
    ]
    return found


def _gap(target, done):
    return Decimal(str(target)) - Decimal(str(done))


def _item_findings(campaign, as_of):
    """What the units had not done by `as_of`, of every registered kind they mark done
    (core.registry.COMPLETABLE_KINDS: 议定事项, 规划节点, 电力项目, 阶段任务; problems are
    found by _problem_findings), each as it stood in the campaign on that day."""
    found = []
    for completable in COMPLETABLE_KINDS.values():
        if not completable.markable:
            continue
        kind = FindingKind(completable.key)
        department_field = f"{completable.owner_field}_id"
        items = (
            completable.of_campaign(campaign, as_of)
            .exclude(**{department_field: None})
            .not_done_as_of(as_of)
            .order_by("pk")
        )
        for item in items:
            due = f"，完成期限 {item.due_date:%Y-%m-%d}" if item.due_date else ""
            found.append(
                Finding(
                    kind,
                    f"{kind}:{item.pk}",
                    f"{kind.label}：{str(item)[:200]}{due}",
                    getattr(item, department_field),
                )
            )
    return found


def _problem_findings(campaign, as_of):
    problems = (
        Problem.objects.active()
        .filter(campaign=campaign)
        .raised_by(as_of)
        .open_as_of(as_of)
        .select_related("enterprise", "project")
        .order_by("raised_on", "pk")
    )
    return [
        Finding(
            FindingKind.PROBLEM,
            f"problem:{problem.pk}",
            f"问题未解决：{problem.title}（{problem.enterprise or problem.project or '—'}，"
            f"{problem.raised_on:%Y-%m-%d} 提出）",
            problem.responsible_department_id,
        )
        for problem in problems
    ]


def _supervision_findings(campaign, as_of):
    """The 督办单 not closed; one opened on an overdue follow-up is left out, as that
    follow-up is on the list already (else each 回头看 would add a follow-up of it)."""
    return [
        Finding(
            FindingKind.SUPERVISION,
            f"supervision:{supervision.pk}",
            f"督办单 {supervision.number} 未销号：{supervision.target_label[:200]}",
            supervision.department_id,
        )
        for supervision in Supervision.objects.filter(campaign=campaign)
        .exclude(cause=Cause.FOLLOW_UP)
        .open_as_of(as_of)
        .order_by("opened_on", "pk")
    ]


def _feedback_findings(campaign, as_of, office_id):
    found = []
    answers = FeedbackAnswer.objects.filter(
        request__campaign=campaign, answered_on__lte=as_of
    ).select_related("request")
    for answer in answers.order_by("answered_on", "pk"):
        if answer.lowest() >= LOW_SCORE:
            continue
        scores = "、".join(
            f"{label}{getattr(answer, f'get_{field}_display')()}" for field, label in DIMENSIONS
        )
        found.append(
            Finding(
                FindingKind.FEEDBACK,
                f"feedback:{answer.request_id}",
                f"{answer.request.unit_name}评价偏低：{scores}",
                office_id,
            )
        )
    return found


def findings(campaign, as_of, office_id):
    """Everything not done at the end of `as_of`, in the order the list shows it."""
    return (
        _target_findings(campaign_summary(campaign, as_of), office_id)
        + _problem_findings(campaign, as_of)
        + _item_findings(campaign, as_of)
        + _supervision_findings(campaign, as_of)
        + _feedback_findings(campaign, as_of, office_id)
    )


@transaction.atomic
def make_list(*, campaign, user, today):
    """The 回头看 list of `today`: a follow-up for each finding not already on the list, due
    FOLLOW_UP_DAYS later; the office's own unit follows up the targets and the feedback."""
    office = department_of(user)
    if office is None:
        raise ValidationError("生成回头看清单的账号须有所在单位（管委会办公室）")
    listed = set(FollowUp.objects.filter(campaign=campaign).values_list("source_key", flat=True))
    created = []
    for finding in findings(campaign, today, office.pk):
        if finding.source_key in listed:
            continue
        follow_up = FollowUp(
            campaign=campaign,
            kind=finding.kind,
            source_key=finding.source_key,
            finding=finding.text[:500],
            responsible_department_id=finding.department_id,
            measure=MEASURES.get(finding.kind, DEFAULT_MEASURE),
            due_date=today + datetime.timedelta(days=FOLLOW_UP_DAYS),
            found_on=today,
        )
        follow_up.full_clean()
        follow_up._history_user = user
        follow_up.save()
        created.append(follow_up)
    return created


@transaction.atomic
def complete_follow_up(*, follow_up, completed_on, result, user, today):
    """办结 a follow-up: the day it was done (not before it was found, not after today) and
    what was done."""
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if locked.completed_on is not None:
        raise ValidationError("该整改事项已办结")
    if not locked.found_on <= completed_on <= today:
        raise ValidationError({"completed_on": "办结日期应在查摆日期和今天之间"})
    if not result.strip():
        raise ValidationError({"result": "请填写整改情况"})
    locked.status = "done"
    locked.completed_on = completed_on
    locked.result = result
    locked.version += 1
    locked.full_clean()
    locked._history_user = user
    locked.save()
    return locked


def follow_ups_as_of(queryset, campaign, as_of):
    """The list as it stood at the end of `as_of`: follow-ups found by then, each marked done or
    overdue as of that day (by core.completable's rules)."""
    rows = list(
        queryset.filter(campaign=campaign, found_on__lte=as_of).select_related(
            "responsible_department"
        )
    )
    for row in rows:
        row.done = row.is_done_as_of(as_of)
        row.overdue = row.is_overdue_as_of(as_of)
    return rows
