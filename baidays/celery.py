"""Celery for several app servers: `celery -A baidays worker` and `celery -A baidays beat -S
django_celery_beat.schedulers:DatabaseScheduler`, broker from CELERY_BROKER_URL (Redis)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")

app = Celery("baidays")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["baidays.jobs"])
