"""The periodic jobs as a Celery task, for several app servers: beat (django-celery-beat)
schedules `baidays.jobs.tasks.periodic_jobs` every minute; any worker may run it. Each step
survives its own exceptions (baidays.jobs.periodic); a connection broken since the last task is
replaced before this one."""

from celery import shared_task
from django.db import close_old_connections

from baidays.jobs.periodic import run_periodic_jobs


@shared_task(name="baidays.jobs.tasks.periodic_jobs")
def periodic_jobs():
    close_old_connections()
    try:
        return run_periodic_jobs()
    finally:
        close_old_connections()
