"""Writes of the closing app: keyword-only, atomic, full_clean(), the moment passed in."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.roles import department_of
from core.selectors import report_week_as_of

from .models import BriefingNarrative, SupervisionReceipt


@transaction.atomic
def save_narrative(*, campaign, week, progress, problems, next_steps, user, today):
    """Write the narrative of the briefing of `week`; a briefing already 签发 is not changed."""
    if not 1 <= week <= campaign.weeks_total:
        raise ValidationError(f"第 {week} 期不在本次百日行动的周报周（1—{campaign.weeks_total}）内")
    if week > report_week_as_of(campaign, today):
        raise ValidationError(f"第 {week} 期尚未开始，不能撰写")
    narrative, _created = BriefingNarrative.objects.select_for_update().get_or_create(
        campaign=campaign, week=week
    )
    if narrative.issued:
        raise ValidationError(f"第 {week} 期简报已签发，不能再修改")
    narrative.progress = progress
    narrative.problems = problems
    narrative.next_steps = next_steps
    narrative.full_clean()
    narrative._history_user = user
    narrative.save()
    return narrative


@transaction.atomic
def issue_narrative(*, campaign, week, user, now):
    """签发: the leader signs the briefing of `week` off; it cannot be changed afterwards."""
    narrative = (
        BriefingNarrative.objects.select_for_update().filter(campaign=campaign, week=week).first()
    )
    if narrative is None or narrative.is_empty:
        raise ValidationError(f"第 {week} 期简报尚未撰写工作动态、存在问题或下步工作，不能签发")
    if narrative.issued:
        raise ValidationError(f"第 {week} 期简报已于 {narrative.issued_at:%Y-%m-%d %H:%M} 签发")
    narrative.issued_by = user
    narrative.issued_at = now
    narrative.full_clean()
    narrative._history_user = user
    narrative.save()
    return narrative


@transaction.atomic
def receive_supervision(*, supervision, user, now):
    """签收: a person of the responsible unit signs for the 督办通知单, once."""
    if department_of(user) != supervision.department:
        raise ValidationError(f"只有{supervision.department}的人员可以签收该督办单")
    if SupervisionReceipt.objects.filter(supervision=supervision).exists():
        raise ValidationError("该督办单已签收")
    receipt = SupervisionReceipt(
        supervision=supervision,
        department=supervision.department,
        received_by=user,
        received_at=now,
    )
    receipt.full_clean()
    receipt._history_user = user
    receipt.save()
    return receipt
