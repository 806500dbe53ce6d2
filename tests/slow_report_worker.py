"""A Celery app for worker tests: the real one, with drawing a PDF slowed by REPORT_TEST_DELAY
seconds, so that a test can kill the worker or pass the time limit while a job is running.

    celery -A tests.slow_report_worker worker ...
"""

import os
import time

from partnership.celery import app  # noqa: F401  the app the worker runs

DELAY = float(os.environ.get("REPORT_TEST_DELAY", "0"))


def _slowed(write_pdf):
    def slow_write_pdf(html):
        time.sleep(DELAY)
        return write_pdf(html)

    return slow_write_pdf


import django  # noqa: E402

django.setup()

from reports import rendering  # noqa: E402

rendering.write_pdf = _slowed(rendering.write_pdf)
