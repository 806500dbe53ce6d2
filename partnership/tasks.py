"""Tasks of the partnership domain."""

import os
import socket

from celery import shared_task


@shared_task(name="partnership.ping")
def ping() -> dict:
    """Answer with the process that ran the task: proves a worker round trip."""
    return {"pong": True, "hostname": socket.gethostname(), "pid": os.getpid()}


@shared_task(name="partnership.apply_retention", ignore_result=True)
def apply_retention() -> dict:
    """Celery beat, each night: anonymise personal data past the retention period."""
    from .personal_data import apply_retention as apply

    return apply()
