"""The periodic jobs, one entry point for both set-ups: the embedded worker (`run_worker`,
started by `make run`) and Celery beat (baidays.jobs.tasks). Running them on several servers
at once is safe: occasions, 督办 notices and daily job runs are unique rows, and outbox entries
are claimed under row locks.

Each step runs on its own: an exception in one (a bad entry, a bug, a lost database connection)
is logged and recorded in 后台任务状态 (WorkerHealth) and the other steps still run — the daily
backup does not wait on the delivery of messages. A lost connection is closed so that the next
query opens a new one; the caller learns of it (`database_lost`) to wait before the next tick."""

import contextlib
import logging

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db import connection as default_connection
from django.utils import timezone

from baidays.jobs.backup import run_daily_backup
from baidays.jobs.supervise import run_daily_supervise
from baidays.notify.models import WorkerHealth
from baidays.notify.outbox import deliver_pending
from baidays.notify.reminders import fire_due_occasions
from baidays.notify.supervision_notices import tell_supervisions
from baidays.notify.text import bounded
from baidays.security.services import disable_unused_accounts
from core.bounds import COUNT_MAX

logger = logging.getLogger(__name__)


def disable_accounts_unused(now):
    """The daily account lifecycle step (baidays.security): disable accounts unused too long."""
    return disable_unused_accounts(now=now)


# the day's 督办 first, so the notices and reminders of this tick name its 督办单
STEPS = (
    ("supervise", run_daily_supervise),
    ("reminders", fire_due_occasions),
    ("notices", tell_supervisions),
    ("outbox", deliver_pending),
    ("backup", run_daily_backup),
    ("accounts", disable_accounts_unused),
)
STEP_LABELS = {
    "supervise": "每日督办",
    "reminders": "提醒",
    "notices": "督办通知",
    "outbox": "发送队列",
    "backup": "每日备份",
    "accounts": "停用长期未用的账号",
}


def _connection_lost(exc):
    return isinstance(exc, (OperationalError, InterfaceError))


def _reset_connection():
    """Drop a broken connection; the next query reconnects. Not inside a caller's transaction
    (the jobs run in autocommit; a caller's transaction is the caller's to end)."""
    if default_connection.in_atomic_block:
        return
    with contextlib.suppress(DatabaseError):
        default_connection.close()
    close_old_connections()


def _record(step, now, error=None):
    """The step's row in 后台任务状态; recording is best effort (the database may be down)."""
    try:
        health, _ = WorkerHealth.objects.get_or_create(step=STEP_LABELS[step])
        health.last_run_at = now
        if error is None:
            health.last_ok_at, health.failures_in_a_row = now, 0
        else:
            health.last_error_at, health.last_error = now, bounded(error, 2000)
            # the count stays within its bound (core.bounds.COUNT_MAX) however long it fails
            health.failures_in_a_row = min(health.failures_in_a_row + 1, COUNT_MAX)
        health.save()
    except DatabaseError:
        logger.exception("后台任务状态未能记录（%s）", STEP_LABELS[step])
        _reset_connection()


def run_step(step, job, now):
    """(result, error): the step's result, or None and the exception it raised."""
    try:
        result = job(now)
    except Exception as exc:
        logger.exception("后台任务“%s”出错", STEP_LABELS[step])
        if _connection_lost(exc):
            _reset_connection()
        _record(step, now, f"{type(exc).__name__}: {exc}")
        return None, exc
    _record(step, now)
    return result, None


def run_periodic_jobs(now=None):
    now = now or timezone.now()
    results, errors = {}, {}
    for step, job in STEPS:
        results[step], error = run_step(step, job, now)
        if error is not None:
            errors[step] = error
    fired, told = results["reminders"] or [], results["notices"] or {}
    sent, not_sent = results["outbox"] or (0, 0)
    backup, supervised = results["backup"], results["supervise"]
    return {
        "occasions": len(fired),
        "supervisions_told": sum(told.values()),
        "sent": sent,
        "not_sent": not_sent,
        "backup": backup.result if backup else "",
        "supervise": supervised.result if supervised else "",
        "failed": [STEP_LABELS[step] for step in errors],
        "database_lost": any(_connection_lost(error) for error in errors.values()),
        "disabled_accounts": len(results["accounts"] or []),
    }
