"""Reads of the closing app, each as it stood at the end of an as-of day (read from the history
where the thing is edited after it is made)."""

import datetime

from core.history import user_name
from core.own_plan import schedule_cutoff
from core.selectors import report_week_as_of

from .models import BriefingNarrative, SupervisionReceipt


def end_of(as_of):
    """The last moment of `as_of` in the portal's time zone."""
    return schedule_cutoff(as_of) - datetime.timedelta(microseconds=1)


def narrative_as_of(campaign, week, as_of):
    """The narrative of the briefing of `week` as it stood at the end of `as_of`, or None when
    none had been written by then."""
    if week < 1:
        return None
    found = BriefingNarrative.history.as_of(end_of(as_of)).filter(campaign=campaign, week=week)
    return next(iter(found), None)


def issuer_name(narrative):
    return user_name(narrative.issued_by) if narrative and narrative.issued_by_id else ""


def briefing_narrative_part(campaign, as_of, _context):
    """What the briefing (page, print and .docx) shows of its narrative: the one of its week
    (the report week of the as-of day), as it stood at the end of that day."""
    week = report_week_as_of(campaign, as_of)
    narrative = narrative_as_of(campaign, week, as_of)
    return {
        "narrative": narrative,
        "narrative_week": week,
        "narrative_issuer": issuer_name(narrative),
    }


def receipt_as_of(supervision, as_of):
    """The 签收 of `supervision` if it had been signed for by the end of `as_of`."""
    receipt = (
        SupervisionReceipt.objects.select_related("department", "received_by__person")
        .filter(supervision=supervision, received_at__lte=end_of(as_of))
        .first()
    )
    return receipt
