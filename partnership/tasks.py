"""Tasks of the partnership domain."""

import os
import socket

from celery import shared_task


@shared_task(name="partnership.ping")
def ping() -> dict:
    """Answer with the process that ran the task: proves a worker round trip."""
    return {"pong": True, "hostname": socket.gethostname(), "pid": os.getpid()}
