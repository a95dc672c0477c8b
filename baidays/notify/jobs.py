"""The periodic jobs, one entry point for both set-ups: the embedded worker (`run_worker`,
started by `make run`) and Celery beat (baidays.notify.tasks). Running them on several servers
at once is safe: occasions, 督办 notices and daily job runs are unique rows, and outbox entries
are claimed under row locks."""

from django.utils import timezone

from baidays.notify.backups import run_daily_backup
from baidays.notify.daily_supervise import run_daily_supervise
from baidays.notify.outbox import deliver_pending
from baidays.notify.reminders import fire_due_occasions
from baidays.notify.supervision_notices import tell_supervisions
from baidays.security.services import disable_unused_accounts


def run_periodic_jobs(now=None):
    now = now or timezone.now()
    # the day's 督办 first, so the notices and reminders of this tick name its 督办单
    supervised = run_daily_supervise(now)
    fired = fire_due_occasions(now)
    told = tell_supervisions(now)
    sent, not_sent = deliver_pending(now)
    backup = run_daily_backup(now)
    disabled = disable_unused_accounts(now=now)
    return {
        "occasions": len(fired),
        "supervisions_told": sum(told.values()),
        "sent": sent,
        "not_sent": not_sent,
        "backup": backup.result if backup else "",
        "supervise": supervised.result if supervised else "",
        "disabled_accounts": len(disabled),
    }
