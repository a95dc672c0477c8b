"""`supervise` as a periodic job: once a day from SUPERVISE_HOUR, for every campaign in
progress that day, so 督办单 open, escalate and close without anyone running the command.
However many workers tick, one inserts the day's DailyJobRun row and runs it."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from baidays.notify.models import DailyJob, DailyJobRun
from core.bounds import TEXT_MAX
from core.models import Campaign
from supervision.services import supervise

logger = logging.getLogger(__name__)


def _claim(day, at):
    try:
        with transaction.atomic():
            return DailyJobRun.objects.create(job=DailyJob.SUPERVISE, day=day, started_at=at)
    except IntegrityError:
        return None


def run_daily_supervise(now=None):
    """The day's DailyJobRun when this call ran the day's 督办, else None (too early, or
    another worker already did)."""
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.SUPERVISE_HOUR:
        return None
    day = local.date()
    run = _claim(day, local)
    if run is None:
        return None
    lines = []
    for campaign in Campaign.objects.filter(start_date__lte=day, end_date__gte=day):
        counts = supervise(campaign=campaign, as_of=day)
        lines.append(
            f"{campaign.name}：新开 {counts['opened']}，升级红牌 {counts['escalated']}，"
            f"销号 {counts['closed']}"
        )
    run.ok = True
    run.result = ("；".join(lines) or "当天没有进行中的百日行动")[:TEXT_MAX]
    run.finished_at = timezone.now()
    run.save(update_fields=["ok", "result", "finished_at"])
    return run
