"""The claim of a daily job's run (DailyJobRun, unique per job and day), shared by the daily
督办 and the daily backup: the worker that inserts the day's row runs the job; any other hits the
unique constraint and does not. A run that failed (ok=False) may be taken over again after
`retry_after`, and one left unfinished (ok=None: its worker died) after RUN_ABANDONED_AFTER, by
exactly one worker (a conditional update; both counted from the run's start), so that no
day's record stays open for ever."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q

from baidays.notify.models import DailyJobRun
from baidays.notify.text import bounded
from core.bounds import TEXT_MAX

RUN_ABANDONED_AFTER = datetime.timedelta(minutes=30)


def claim(job, day, at, *, retry_after=None):
    """The day's DailyJobRun for this worker to run, or None."""
    try:
        with transaction.atomic():
            return DailyJobRun.objects.create(job=job, day=day, started_at=at)
    except IntegrityError:
        pass
    retakeable = Q(ok__isnull=True, started_at__lt=at - RUN_ABANDONED_AFTER)
    if retry_after is not None:
        retakeable |= Q(ok=False, started_at__lt=at - retry_after)
    taken = (
        DailyJobRun.objects.filter(job=job, day=day)
        .filter(retakeable)
        .update(started_at=at, finished_at=None, ok=None)
    )
    return DailyJobRun.objects.get(job=job, day=day) if taken else None


def finish(run, *, ok, result, at):
    run.ok, run.result, run.finished_at = ok, bounded(result, TEXT_MAX), at
    run.save(update_fields=["ok", "result", "finished_at"])
    return run
