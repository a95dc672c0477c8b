from django.core.exceptions import ValidationError
from django.db import transaction

from baidays.access import require_item_writer

from .choices import ItemStatus
from .models import Decision, TopicMeeting


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
        if fields.get("status") == ItemStatus.DONE:
            raise ValidationError(
                f"第 {seq} 条议定事项：新议定的事项不能直接标为已完成，请在会后按实际完成日期标记"
            )
        decision = Decision(meeting=meeting, seq=seq, **fields)
        decision.full_clean()
        decision.save()
    return meeting
