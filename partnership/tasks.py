"""Tasks of the partnership domain."""

import logging
import os
import socket

from celery import shared_task

logger = logging.getLogger(__name__)


def send(task, *args) -> bool:
    """Hand a task to the broker; False (and logged) if the broker cannot be reached, so the
    page that asked for it still answers and its caller can say what happens next."""
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - any broker failure: the page must still answer
        logger.warning("%s%r: the broker could not be reached", task.name, args)
        return False
    return True


@shared_task(name="partnership.ping")
def ping() -> dict:
    """Answer with the process that ran the task: proves a worker round trip."""
    return {"pong": True, "hostname": socket.gethostname(), "pid": os.getpid()}


@shared_task(name="partnership.apply_retention", ignore_result=True)
def apply_retention() -> dict:
    """Celery beat, each night: anonymise personal data past the retention period."""
    from .personal_data import apply_retention as apply

    return apply()
