"""`supervise` as a periodic job: once a day from SUPERVISE_HOUR, for every campaign in
progress that day, so 督办单 open, escalate and close without anyone running the command.
However many workers tick, one inserts the day's DailyJobRun row and runs it; a day that failed
is recorded (ok=False, with the error) and tried again RETRY_AFTER later."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from baidays.jobs.daily import claim, finish
from baidays.notify.models import DailyJob
from core.models import Campaign
from supervision.services import supervise

logger = logging.getLogger(__name__)
RETRY_AFTER = datetime.timedelta(minutes=10)


def run_daily_supervise(now=None):
    """The day's DailyJobRun when this call ran the day's 督办, else None (too early, or
    another worker already did)."""
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.SUPERVISE_HOUR:
        return None
    day = local.date()
    run = claim(DailyJob.SUPERVISE, day, local, retry_after=RETRY_AFTER)
    if run is None:
        return None
    lines = []
    try:
        for campaign in Campaign.objects.filter(start_date__lte=day, end_date__gte=day):
            counts = supervise(campaign=campaign, as_of=day)
            lines.append(
                f"{campaign.name}：新开 {counts['opened']}，升级红牌 {counts['escalated']}，"
                f"销号 {counts['closed']}"
            )
    except Exception as exc:
        logger.exception("每日督办失败")
        finish(
            run,
            ok=False,
            result=f"督办失败（{type(exc).__name__}: {exc}），"
            f"{RETRY_AFTER.seconds // 60} 分钟后重试",
            at=timezone.now(),
        )
        raise
    return finish(
        run, ok=True, result="；".join(lines) or "当天没有进行中的百日行动", at=timezone.now()
    )
