"""Report jobs: asked for once, drawn by a worker, stored once, served through a permission check.

- `request_job` makes the job for a key or returns the one already made: asking twice (two
  clicks, two officers) gives one job, enforced by a constraint on unfinished jobs per key.
- The job is enqueued after the transaction that made it commits.
- `run_job` is safe to deliver any number of times. A worker holds a PostgreSQL advisory lock
  on the job while it draws it: a second delivery while the first is alive leaves it alone; if
  the worker dies, its connection and lock go with it and the redelivered task (late
  acknowledgement, rejected on a lost worker) draws the job again from the start.
- The PDF is drawn in memory and written only when complete, under a name the server chooses
  (one per job; an earlier attempt's file is replaced), with its SHA-256.
- A task that passes its soft time limit is marked failed and leaves no file.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from contextlib import contextmanager
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from partnership.refusals import Refused

from .models import ReportJob, job_file_name

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# The advisory-lock namespace of report jobs (any 32-bit number the service uses for nothing else).
LOCK_NAMESPACE = 7301


class ReportRefused(Refused):
    """The report cannot be drawn as asked; the message says why, for the user."""


def job_key(kind: str, parameters: dict) -> str:
    text = json.dumps({"kind": kind, **parameters}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def request_job(
    kind: str, parameters: dict, *, title: str, user=None, reuse_done_within=None
) -> ReportJob:
    """The job that draws `kind` with `parameters`: an unfinished or (if allowed) finished one
    with the same key, a failed one set going again, or a new one. Enqueued after commit."""
    key = job_key(kind, parameters)
    existing = ReportJob.objects.filter(key=key).order_by("-created_at", "-pk").first()
    if existing is not None:
        if existing.status in (ReportJob.Status.QUEUED, ReportJob.Status.RUNNING):
            if not existing.stalled:
                return existing
            return run_again(existing, user)
        if existing.status == ReportJob.Status.DONE and existing.file:
            recent_enough = reuse_done_within is None or (
                existing.finished_at
                and existing.finished_at >= timezone.now() - timedelta(seconds=reuse_done_within)
            )
            if recent_enough:
                return existing
        elif existing.status == ReportJob.Status.FAILED:
            return run_again(existing, user)
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(
                kind=kind, key=key, title=title[:300], parameters=parameters, requested_by=user
            )
    except IntegrityError:
        # Someone asked for the same report at the same moment: theirs is the one job.
        return ReportJob.objects.get(
            key=key, status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING]
        )
    enqueue(job)
    return job


def run_again(job: ReportJob, user=None) -> ReportJob:
    """Set a failed (or stalled) job going again: the same job, never a second one."""
    updated = ReportJob.objects.filter(pk=job.pk).exclude(status=ReportJob.Status.DONE)
    changed = updated.update(
        status=ReportJob.Status.QUEUED,
        progress=0,
        stage="",
        attempts=0,
        error="",
        started_at=None,
        finished_at=None,
    )
    if changed:
        enqueue(job)
    job.refresh_from_db()
    return job


def enqueue(job: ReportJob) -> None:
    job_id = job.pk
    transaction.on_commit(lambda: send(job_id))


def send(job_id: int) -> bool:
    """Hand the job to the broker. If the broker cannot be reached the job stays queued (the
    page says it is waiting) and `requeue_waiting` sends it once the broker is back."""
    from partnership.tasks import send as send_task

    from .tasks import render_report

    if not send_task(render_report, job_id):
        return False
    ReportJob.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    return True


def requeue_waiting(older_than: timedelta = timedelta(minutes=5)) -> int:
    """Send again every queued job not handed to the broker within `older_than` (the broker was
    down, or the message was lost). Safe: a job is drawn once however often it is sent."""
    cutoff = timezone.now() - older_than
    waiting = ReportJob.objects.filter(status=ReportJob.Status.QUEUED).filter(
        Q(enqueued_at__isnull=True, created_at__lte=cutoff) | Q(enqueued_at__lte=cutoff)
    )
    return sum(send(job_id) for job_id in waiting.values_list("pk", flat=True))


@contextmanager
def job_lock(job_id: int):
    """True while this process holds the job; False if a live worker is drawing it already."""
    if connection.vendor != "postgresql":
        yield True  # SQLite: the embedded mode runs tasks one at a time, in-process
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, job_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, job_id])


def run_job(job_id: int) -> str:
    """Draw and store one job. Returns its status; never raises for a job's own failure."""
    with job_lock(job_id) as acquired:
        if not acquired:
            logger.info("report job %s is being drawn by another worker", job_id)
            return "running elsewhere"
        with transaction.atomic():
            job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
            if job is None or job.status in (ReportJob.Status.DONE, ReportJob.Status.FAILED):
                return job.status if job else "gone"
            if job.attempts >= MAX_ATTEMPTS:
                _fail(
                    job,
                    f"The job stopped {job.attempts} times before it finished (the worker "
                    "drawing it was stopped or ran out of memory). Run it again; if it stops "
                    "again, choose fewer data sections or a shorter period.",
                )
                return job.status
            if job.status == ReportJob.Status.RUNNING:
                logger.warning("report job %s was interrupted; drawing it again", job_id)
            job.status = ReportJob.Status.RUNNING
            job.attempts += 1
            job.started_at = timezone.now()
            job.finished_at = None
            job.progress, job.stage, job.error = 0, "Starting", ""
            job.save(update_fields=[*_STATE_FIELDS, "attempts", "started_at", "finished_at"])
        try:
            from .rendering import render_job

            pdf = render_job(job, progress=lambda percent, stage: _progress(job, percent, stage))
            _progress(job, 95, "Storing the file")
            _store(job, pdf)
        except SoftTimeLimitExceeded:
            _discard_file(job)
            _fail(
                job,
                "The report took longer than the time limit and was stopped; no file was kept. "
                "Run it again when the service is less busy, or choose fewer data sections or a "
                "shorter period.",
            )
        except Refused as refusal:
            _discard_file(job)
            _fail(job, refusal.message)
        except Exception:
            logger.exception("report job %s failed", job_id)
            _discard_file(job)
            _fail(
                job,
                f"Something went wrong while drawing the report, and no file was kept. Run it "
                f"again; if it fails again, tell the service desk the job number ({job.pk}).",
            )
        return job.status


_STATE_FIELDS = ["status", "progress", "stage", "error"]


def _progress(job: ReportJob, percent: int, stage: str) -> None:
    job.progress, job.stage = percent, stage[:200]
    ReportJob.objects.filter(pk=job.pk).update(progress=percent, stage=job.stage)


def _store(job: ReportJob, pdf: bytes) -> None:
    from pypdf import PdfReader

    _discard_file(job)
    job.file.save(job_file_name(job, ""), ContentFile(pdf), save=False)
    job.checksum = hashlib.sha256(pdf).hexdigest()
    job.size = len(pdf)
    job.pages = len(PdfReader(io.BytesIO(pdf)).pages)
    job.status, job.progress, job.stage = ReportJob.Status.DONE, 100, "Ready"
    job.finished_at = timezone.now()
    job.save(update_fields=[*_STATE_FIELDS, "file", "checksum", "size", "pages", "finished_at"])


def _discard_file(job: ReportJob) -> None:
    """Remove whatever an earlier or interrupted attempt stored under the job's name."""
    storage = job.file.storage
    name = job_file_name(job, "")
    if storage.exists(name):
        storage.delete(name)
    if job.file and job.file.name != name and storage.exists(job.file.name):
        storage.delete(job.file.name)
    job.file = ""


def _fail(job: ReportJob, message: str) -> None:
    job.status, job.error, job.stage = ReportJob.Status.FAILED, message, "Failed"
    job.finished_at = timezone.now()
    job.file, job.checksum, job.size, job.pages = "", "", 0, 0
    job.save(update_fields=[*_STATE_FIELDS, "finished_at", "file", "checksum", "size", "pages"])
