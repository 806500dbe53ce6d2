"""Celery round trips: in-process without a broker; a real worker process with Redis."""

import os

import pytest
from django.conf import settings

from partnership.tasks import ping

from .workers import ROOT, start_worker, stop


@pytest.mark.in_process
def test_without_a_broker_tasks_run_in_process():
    assert not settings.CELERY_BROKER_URL, "run this test in the pass without a broker"
    result = ping.delay().get(timeout=5)
    assert result["pong"] is True
    assert result["pid"] == os.getpid()


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery worker` process against the Redis broker and the test database."""
    assert settings.CELERY_BROKER_URL, "the broker tests need CELERY_BROKER_URL"
    with django_db_blocker.unblock():
        process = start_worker(tmp_path_factory.mktemp("worker"))
    yield process
    stop(process)


@pytest.mark.broker
def test_a_real_worker_process_runs_the_task(worker):
    result = ping.apply_async()
    value = result.get(timeout=60)
    assert value["pong"] is True
    assert value["pid"] != os.getpid()
    assert value["pid"] == worker.pid


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_checks_then_applies_an_uploaded_import(worker):
    from django.core.files import File

    from schools.models import ImportRun, School
    from schools.tasks import run_import_task

    run = ImportRun(kind="gias", file_name="gias_990_2025.csv", source="web")
    with (ROOT / "tests" / "data" / "gias_990_2025.csv").open("rb") as handle:
        run.stored_file.save("gias_990_2025.csv", File(handle), save=False)
    run.save()
    try:
        assert run_import_task.delay(run.pk, False).get(timeout=60) == "preview"
        assert not School.objects.filter(la_code=990).exists()
        assert run_import_task.delay(run.pk, True).get(timeout=60) == "applied"
        assert School.objects.filter(urn__gte=900000).count() == 45
        # Delivered twice (a worker lost mid-task, say): nothing is applied twice.
        assert run_import_task.delay(run.pk, True).get(timeout=60) == "applied"
        run.refresh_from_db()
        assert run.summary["created"] == 45
    finally:
        run.stored_file.delete(save=False)
