"""The periodic jobs as a Celery task, for several app servers: beat (django-celery-beat)
schedules `baidays.notify.tasks.periodic_jobs` every minute; any worker may run it."""

from celery import shared_task

from baidays.notify.jobs import run_periodic_jobs


@shared_task(name="baidays.notify.tasks.periodic_jobs")
def periodic_jobs():
    return run_periodic_jobs()
