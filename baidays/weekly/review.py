"""The review step (审核): a saved report is 待审核 when its campaign needs review; the item's
unit's 审核人 approves it (it counts from then on) or returns it with a reason (退回, shown on
the reporter's weekly page); editing it again sends it back to 待审核. Reports an enterprise
account saved are verified (核实) the same way by the entry's responsible (liaison) unit."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from baidays.weekly.models import ReportReview, ReviewAction, ReviewSetting
from baidays.weekly.signals import report_returned
from baidays.weekly.tracked import KINDS
from core.access import can_administer, can_review_reports, require_reviewer
from core.choices import ReportState
from core.roles import department_of

STATE_AFTER = {
    ReviewAction.APPROVE: ReportState.APPROVED,
    ReviewAction.RETURN: ReportState.RETURNED,
}


def state_for_saved_report(campaign):
    """The state a report takes when it is saved (created or changed)."""
    if ReviewSetting.objects.needs_review(campaign):
        return ReportState.PENDING
    return ReportState.SUBMITTED


# simple_history's history_change_reason is 100 characters; the full reason is the
# ReportReview's (300), the change log carries its beginning
CHANGE_REASON_MAX = 100
REASON_MAX = ReportReview._meta.get_field("reason").max_length


def change_reason(action, reason):
    """ "审核退回：<reason>" cut to the history's 100 characters, marked "…" when cut."""
    text = f"审核{ReviewAction(action).label}" + (f"：{reason}" if reason else "")
    if len(text) > CHANGE_REASON_MAX:
        text = text[: CHANGE_REASON_MAX - 1] + "…"
    return text


def reason_problem(reason):
    """What is wrong with a typed 退回原因, or "" (length and invisible control characters;
    PostgreSQL refuses a NUL byte in text)."""
    if len(reason) > REASON_MAX:
        return f"不能超过 {REASON_MAX} 个字（现有 {len(reason)} 个）"
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in reason):
        return "含有不可见的控制字符，请删除后重新输入"
    return ""


@dataclass(frozen=True)
class Decision:
    kind_key: str
    report_pk: int
    action: str
    reason: str = ""


def reviewable_reports(user, campaign, week, kind):
    """The week's reports of `kind` that `user` reviews: a reviewer's unit's, an admin's all."""
    reports = kind.report_model.objects.filter(
        **{f"{kind.item_field}__in": kind.items(campaign)},
        report_week=week,
    )
    if can_administer(user):
        return reports
    if not can_review_reports(user) or department_of(user) is None:
        return reports.none()
    return reports.filter(**{f"{kind.item_field}__responsible_department": department_of(user)})


def _label(kind, report):
    return f"{kind.label}“{getattr(report, kind.item_field).name}”第 {report.report_week} 周周报"


@transaction.atomic
def review_reports(*, user, decisions):
    """Apply every decision or none: each report must be 待审核 and of the reviewer's unit, and
    a return needs its reason. Returns how many were approved and returned."""
    errors, reviewed = [], []
    now = timezone.now()
    for decision in decisions:
        kind = KINDS.get(decision.kind_key)
        if kind is None or decision.action not in ReviewAction.values:
            errors.append("审核结果只能是“通过”或“退回”")
            continue
        report = (
            kind.report_model.objects.select_for_update(of=("self",))
            .select_related(f"{kind.item_field}__responsible_department")
            .filter(pk=decision.report_pk)
            .first()
        )
        if report is None:
            errors.append(f"编号 {decision.report_pk} 的周报不存在")
            continue
        department = getattr(report, kind.item_field).responsible_department
        require_reviewer(user, department)
        reason = decision.reason.strip()
        problem = reason_problem(reason)
        if report.state != ReportState.PENDING:
            errors.append(f"{_label(kind, report)}当前为“{report.get_state_display()}”，不是待审核")
        elif decision.action == ReviewAction.RETURN and not reason:
            errors.append(f"退回{_label(kind, report)}必须写明原因")
        elif problem:
            errors.append(f"{_label(kind, report)}的退回原因{problem}")
        else:
            reviewed.append((kind, report, decision.action, reason))
    if errors:
        raise ValidationError(errors)
    counts = dict.fromkeys(ReviewAction.values, 0)
    for kind, report, action, reason in reviewed:
        report.state = STATE_AFTER[action]
        report._change_reason = change_reason(action, reason)
        report._history_user = user
        report.save(update_fields=["state"])
        review = ReportReview(
            content_type=ContentType.objects.get_for_model(kind.report_model),
            object_id=report.pk,
            action=action,
            reason=reason,
            reviewer=user,
            reviewed_at=now,
        )
        review.full_clean()
        review.save()
        if action == ReviewAction.RETURN:
            report_returned.send(
                sender=kind.report_model,
                report=report,
                item=getattr(report, kind.item_field),
                reason=reason,
                reviewer=user,
            )
        counts[action] += 1
    return counts


def return_reasons(reports):
    """{(report model, pk): the reason of its latest return} for the returned ones."""
    returned = [r for r in reports if r is not None and r.state == ReportState.RETURNED]
    if not returned:
        return {}
    types = ContentType.objects.get_for_models(*{type(r) for r in returned})
    wanted = {(types[type(r)].pk, r.pk): type(r) for r in returned}
    reasons = {}
    for content_type_id, object_id, reason in ReportReview.objects.filter(
        action=ReviewAction.RETURN,
        content_type_id__in={key[0] for key in wanted},
        object_id__in={key[1] for key in wanted},
    ).values_list("content_type_id", "object_id", "reason"):
        model = wanted.get((content_type_id, object_id))
        if model is not None:
            # newest first (Meta ordering): keep the first seen
            reasons.setdefault((model, object_id), reason)
    return reasons


def require_any_review_right(user):
    if not can_review_reports(user):
        raise PermissionDenied("只有审核人和管理员可以审核周报")
