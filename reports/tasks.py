"""Background work of the reports app: drawing report PDFs and drafting the termly journal."""

from celery import shared_task


@shared_task(name="reports.render_report", ignore_result=True)
def render_report(job_id: int) -> str:
    """Draw one report job. Safe to deliver any number of times (see reports/jobs.py)."""
    from .jobs import run_job

    return run_job(job_id)


@shared_task(name="reports.draft_journal", ignore_result=True)
def draft_journal() -> int | None:
    """Celery beat, each morning: draft the issue of the term that has begun, if it has none."""
    from django.utils import timezone

    from .journal import draft_issue

    issue, _created = draft_issue(timezone.localdate())
    return issue.pk


@shared_task(name="reports.requeue_waiting", ignore_result=True)
def requeue_waiting() -> int:
    """Celery beat, every few minutes: send again the report jobs the broker never took."""
    from .jobs import requeue_waiting as send_waiting

    return send_waiting()
