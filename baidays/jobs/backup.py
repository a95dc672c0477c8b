"""The daily backup as a periodic job: once a day from BACKUP_HOUR, `backup` into BACKUP_DIR
(off when it is unset), keeping the newest BACKUP_KEEP archives. However many workers tick,
one inserts the day's DailyJobRun row and runs it; the others hit the unique constraint."""

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from baidays.jobs.daily import claim, finish
from baidays.notify.models import DailyJob
from core.backup import create_backup

logger = logging.getLogger(__name__)
ARCHIVE_PREFIX = "baidays-"
ARCHIVE_SUFFIX = ".tar.gz"


def archives_in(folder):
    """The daily archives of `folder`, oldest first (their names sort by date)."""
    return sorted(Path(folder).glob(f"{ARCHIVE_PREFIX}????-??-??{ARCHIVE_SUFFIX}"))


def prune(folder, keep):
    """Delete all but the newest `keep` daily archives; returns the deleted paths."""
    old = archives_in(folder)[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


def run_daily_backup(now=None):
    """The day's DailyJobRun when this call made the backup, else None (off, too early, or
    another worker already did today's)."""
    folder = settings.BACKUP_DIR
    if not folder:
        return None
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.BACKUP_HOUR:
        return None
    run = claim(DailyJob.BACKUP, local.date(), local)
    if run is None:
        return None
    path = Path(folder) / f"{ARCHIVE_PREFIX}{local.date().isoformat()}{ARCHIVE_SUFFIX}"
    try:
        manifest = create_backup(path)
        removed = prune(folder, settings.BACKUP_KEEP)
    except Exception as exc:
        # not retried today: a backup that fails every minute would load the server; the
        # failure is in the log and in the admin's 每日任务记录 (never left unfinished)
        logger.exception("每日备份失败")
        return finish(run, ok=False, result=f"备份失败：{exc}", at=timezone.now())
    return finish(
        run,
        ok=True,
        result=(
            f"已备份到 {path}（{sum(manifest['rows'].values())} 条记录，"
            f"上传文件 {manifest['media_files']} 个）；删除旧备份 {len(removed)} 个"
        ),
        at=timezone.now(),
    )
