from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.access import require_item_writer
from core.choices import CompletionStatus
from topics.models import Decision, LandFiling, TopicMeeting


@transaction.atomic
def record_meeting(*, user, campaign, meeting_fields, decisions):
    """A topic meeting with its 议定事项, numbered in the order given; all or nothing."""
    require_item_writer(user)
    if not campaign.contains(meeting_fields["held_on"]):
        raise ValidationError(
            {
                "held_on": f"会议日期应在百日行动期间（{campaign.start_date:%Y-%m-%d} 至 "
                f"{campaign.end_date:%Y-%m-%d}）"
            }
        )
    meeting = TopicMeeting(campaign=campaign, recorded_by=user, **meeting_fields)
    meeting.full_clean()
    meeting.save()
    for seq, fields in enumerate(decisions, start=1):
        if fields.get("status") == CompletionStatus.DONE:
            raise ValidationError(
                f"第 {seq} 条议定事项：新议定的事项不能直接标为已完成，请在会后按实际完成日期标记"
            )
        decision = Decision(meeting=meeting, seq=seq, **fields)
        decision.full_clean()
        decision.save()
    return meeting


@transaction.atomic
def add_land_filing(*, user, target, filed_on, description, area_mu, approved_on=None):
    """上报 land toward a land target; the filing date must fall in the target's period."""
    require_item_writer(user)
    if not target.period_start <= filed_on <= target.period_end:
        raise ValidationError(
            {
                "filed_on": f"“{target.title}”的期间是 {target.period_start:%Y-%m-%d} 至 "
                f"{target.period_end:%Y-%m-%d}，上报日期不在其中"
            }
        )
    filing = LandFiling(
        target=target,
        filed_on=filed_on,
        description=description,
        area_mu=area_mu,
        approved_on=approved_on,
    )
    filing.full_clean()
    filing.save()
    return filing


@transaction.atomic
def set_approval_solved(*, user, case, solved_on):
    require_item_writer(user)
    if solved_on and solved_on > timezone.localdate():
        raise ValidationError({"solved_on": "解决日期不能晚于今天"})
    case.solved_on = solved_on
    case.full_clean()
    case.save()
    return case
