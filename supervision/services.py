"""Writes of 督办: `supervise` (open, escalate, close by the day's findings — running it twice
for one day changes nothing), the unit's answer and a leader's closing. Bulk writes go through
simple_history's bulk helpers, so every level change and closing is in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.campaign_settings import CampaignRules
from supervision.causes import findings
from supervision.choices import ClosedBy
from supervision.models import Supervision


@transaction.atomic
def supervise(*, campaign, as_of):
    """Bring the campaign's 督办单 in line with the findings of `as_of`; returns
    {opened, escalated, closed} counts. Idempotent whatever the clock does: a 督办单 opened
    after `as_of` (a clock stepped back, `--as-of` a day before today's run) is neither closed,
    escalated nor opened a second time by this run."""
    rules = CampaignRules.of(campaign)
    found = findings(campaign, as_of, rules)
    all_open = {
        (s.content_type_id, s.object_id, s.cause): s
        for s in Supervision.objects.select_for_update().filter(
            campaign=campaign, closed_on__isnull=True
        )
    }
    by_key = {key: s for key, s in all_open.items() if s.opened_on <= as_of}
    cleared = [s for key, s in by_key.items() if key not in found]
    for supervision in cleared:
        supervision.closed_on = as_of
        supervision.closed_how = ClosedBy.CLEARED
        supervision.close_note = "督办原因已消除"
    bulk_update_with_history(
        cleared, Supervision, ["closed_on", "closed_how", "close_note"], batch_size=500
    )
    kept = [s for key, s in by_key.items() if key in found]
    due = [s for s in kept if s.escalated_on is None and s.escalate_after < as_of]
    for supervision in due:
        supervision.escalated_on = as_of
    bulk_update_with_history(due, Supervision, ["escalated_on"], batch_size=500)
    deadlines = Supervision.deadlines(as_of, rules)
    closed_by_leader_today = _closed_by_leader_on(campaign, as_of)
    new = [
        Supervision(
            campaign=campaign,
            cause=finding.cause,
            content_type_id=finding.content_type_id,
            object_id=finding.object_id,
            target_label=finding.label,
            detail=finding.detail[:500],
            department_id=finding.department_id,
            leader_id=finding.leader_id,
            opened_on=as_of,
            **deadlines,
        )
        for key, finding in found.items()
        if key not in all_open and key not in closed_by_leader_today
    ]
    bulk_create_with_history(new, Supervision, batch_size=500)
    return {"opened": len(new), "escalated": len(due), "closed": len(cleared)}


def _closed_by_leader_on(campaign, day):
    """Keys of the 督办单 a leader closed on `day`: that day's run does not reopen them."""
    return set(
        Supervision.objects.filter(
            campaign=campaign, closed_on=day, closed_how=ClosedBy.LEADER
        ).values_list("content_type_id", "object_id", "cause")
    )


@transaction.atomic
def answer(*, supervision, user, measures, promised_on, evidence=None, today):
    if supervision.closed_on is not None:
        raise ValidationError("该督办单已销号，无需再答复")
    if not measures.strip():
        raise ValidationError({"measures": "请填写整改措施"})
    if promised_on is None:
        raise ValidationError({"promised_on": "请填写承诺完成日期"})
    supervision.campaign.check_date_in_window(promised_on, "承诺完成日期")
    supervision.measures = measures.strip()
    supervision.promised_on = promised_on
    if evidence:
        supervision.evidence = evidence
    supervision.answered_on = today
    supervision.answered_by = user
    supervision.full_clean()
    supervision.save()
    return supervision


@transaction.atomic
def close_by_leader(*, supervision, user, note, today):
    if supervision.closed_on is not None:
        raise ValidationError("该督办单已销号")
    if not note.strip():
        raise ValidationError({"close_note": "请填写销号说明"})
    supervision.closed_on = max(today, supervision.opened_on)
    supervision.closed_how = ClosedBy.LEADER
    supervision.close_note = note.strip()
    supervision.closed_by = user
    supervision.full_clean()
    supervision.save()
    return supervision
