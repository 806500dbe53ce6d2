"""The Celery application.

Configuration comes from Django settings (the CELERY_ names in settings.py): with no
CELERY_BROKER_URL, tasks run in-process; with Redis, late acknowledgement and a prefetch of one
make a task survive a worker that dies mid-run.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")

app = Celery("partnership")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
