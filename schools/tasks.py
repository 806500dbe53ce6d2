"""Background work of the schools register."""

import logging

from celery import shared_task
from django.db import transaction

from .imports import run_import
from .models import ImportRun

logger = logging.getLogger(__name__)


@shared_task(name="schools.run_import")
def run_import_task(run_id: int, apply: bool) -> str:
    """Check (apply=False) or apply an uploaded import file.

    Safe to run twice: an applied run is never applied again, and an import of the same file
    changes nothing the second time anyway.
    """
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if run.state == ImportRun.State.APPLIED:
            return run.state
        if run.state == ImportRun.State.RUNNING and apply:
            logger.info("import run %s was interrupted; running it again", run_id)
    try:
        with run.stored_file.open("rb") as handle:
            run_import(run, handle, dry_run=not apply)
    except OSError as error:
        ImportRun.objects.filter(pk=run_id).update(
            state=ImportRun.State.FAILED,
            error=f"The uploaded file could not be read ({error.strerror or error}). Upload it "
            "again.",
        )
    run.refresh_from_db()
    if run.state == ImportRun.State.APPLIED:
        warm_dashboard_figures()
    return run.state


def warm_dashboard_figures() -> None:
    """Work out the figures the dashboard caches, so its first visitor does not wait."""
    from partnership import impact

    from .selectors import register_trend

    register_trend()
    for include_risk in (False, True):
        impact.summary(include_risk=include_risk)
