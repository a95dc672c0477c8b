from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The periodic jobs: the daily 督办 and backup, and the minute's run of every step
    (reminders, 督办 notices, the outbox, unused accounts), by the embedded worker
    (`run_worker`) or Celery beat (tasks.py). Their records (DailyJobRun, WorkerHealth) are
    kept in baidays.notify's tables."""

    name = "baidays.jobs"
    label = "jobs"
    verbose_name = "后台任务"
