"""Report jobs in a real Celery worker process with the Redis broker, on PostgreSQL.

Each kind of PDF is drawn by the worker; a worker killed mid-job leaves the job to be drawn
again and completed once; the same job delivered twice at once makes one file; a job past the
time limit fails and keeps no file.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from reports import services
from reports.models import JournalIssue, ReportJob

from .test_reports import committee_report, pdf_text
from .workers import ROOT, database_url_for, start_worker, stop

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def wait_for(job, *statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job.pk} is {job.status} ({job.stage}) after {timeout} s")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def purged_queue():
    """Tasks left in the test broker by earlier tests are not this test's business."""
    from partnership.celery import app

    app.control.purge()


def files_of(media, job):
    folder = media / "reports" / str(job.pk)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_real_worker_draws_each_kind_of_report(users, school, media, purged_queue):
    officer = users["officer"]
    worker = start_worker(media, media_root=media)
    try:
        report = committee_report(
            officer,
            sections=["ofsted_profile", "schools_causing_concern"],
            exempt_sections=["schools_causing_concern"],
        )
        draft = services.committee_draft(report, officer)
        version = services.committee_publish(report, officer)
        issue = JournalIssue.objects.create(
            academic_year=2026,
            term="autumn",
            starts_on="2026-09-01",
            ends_on="2026-12-31",
            editorial="Welcome to the issue.",
            board_highlights="The Partnership Board met in October.",
        )
        journal = services.journal_publish(issue, officer).job
        profile = services.school_profile(school, users["headteacher"])
        jobs = [draft, version.job, version.exempt_job, journal, profile]
        for job in jobs:
            wait_for(job, "done", "failed")
            assert job.status == "done", job.error
            assert job.attempts == 1 and job.pages >= 1
        assert "PURPOSE OF THE REPORT" in pdf_text(draft) and "DRAFT" in pdf_text(draft)
        assert "DRAFT" not in pdf_text(version.job)
        assert "EXEMPT" in pdf_text(version.exempt_job)
        assert "Welcome to the issue." in pdf_text(journal)
        assert school.name in pdf_text(profile)
    finally:
        stop(worker)


def test_a_worker_killed_mid_job_leaves_the_job_to_complete_once(users, media, purged_queue):
    """Prefork pool: the child drawing the job is killed; the task is rejected back to the queue
    (late acknowledgement, reject on worker lost) and drawn again, once, into one file."""
    worker = start_worker(
        media, media_root=media, app="tests.slow_report_worker", pool="prefork", REPORT_TEST_DELAY=4
    )
    try:
        job = services.committee_draft(committee_report(users["officer"]), users["officer"])
        wait_for(job, "running", timeout=60)
        time.sleep(1)  # well inside the slowed drawing
        children = subprocess.run(
            ["pgrep", "-P", str(worker.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert children, "the prefork worker has no child process"
        for child in children:
            os.kill(int(child), signal.SIGKILL)
        job = wait_for(job, "done", "failed", timeout=120)
        assert job.status == "done", job.error
        assert job.attempts == 2
        assert files_of(media, job) == [f"committee-{job.pk}.pdf"]
        assert ReportJob.objects.count() == 1
    finally:
        stop(worker)


def test_the_same_job_delivered_twice_at_once_makes_one_file(users, media, purged_queue):
    from reports.tasks import render_report

    worker = start_worker(
        media,
        media_root=media,
        app="tests.slow_report_worker",
        pool="prefork",
        concurrency=2,
        REPORT_TEST_DELAY=2,
    )
    try:
        job = services.committee_draft(committee_report(users["officer"]), users["officer"])
        render_report.delay(job.pk)  # a second delivery of the same job, at the same time
        job = wait_for(job, "done", "failed", timeout=120)
        time.sleep(3)  # let the second delivery finish whatever it does
        job.refresh_from_db()
        assert job.status == "done" and job.attempts == 1
        assert files_of(media, job) == [f"committee-{job.pk}.pdf"]
    finally:
        stop(worker)


def test_a_job_past_the_time_limit_fails_and_keeps_no_file(users, media, purged_queue):
    worker = start_worker(
        media,
        media_root=media,
        app="tests.slow_report_worker",
        pool="prefork",
        REPORT_TEST_DELAY=8,
    )
    from reports.tasks import render_report

    try:
        report = committee_report(users["officer"])
        job = ReportJob.objects.create(
            kind="committee",
            key="time-limit",
            title="Slow",
            parameters={"report": report.pk, "revision": report.revision, "draft": True},
        )
        # The sender writes the time limits into the task's message.
        render_report.apply_async((job.pk,), soft_time_limit=2, time_limit=6)
        job = wait_for(job, "failed", "done", timeout=90)
        assert job.status == "failed", job.seconds_taken
        assert "longer than the time limit" in job.error
        assert files_of(media, job) == [] and not job.file
    finally:
        stop(worker)


def test_settings_in_this_pass_use_a_broker():
    assert settings.CELERY_BROKER_URL


ASK_WHILE_DOWN = """
import json, sys, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from partnership.models import User
setup_test_environment()
client = Client(raise_request_exception=False)
client.force_login(User.objects.get(pk=int(sys.argv[1])))
response = client.post(f"/reports/committee/{sys.argv[2]}/draft/")
page = client.get(response["Location"]) if response.status_code == 302 else response
print(json.dumps([response.status_code, response.get("Location"), page.content.decode()]))
"""

SWEEP = """
import django
django.setup()
from datetime import timedelta
from reports.jobs import requeue_waiting
print(requeue_waiting(timedelta(0)))
"""


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child(program, *arguments, broker):
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for(connection.settings_dict),
        "CELERY_BROKER_URL": broker,
    }
    finished = subprocess.run(
        [sys.executable, "-c", program, *map(str, arguments)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished.stdout.strip().splitlines()[-1]


def test_a_report_asked_for_while_redis_is_down_waits_then_is_drawn(users, media, purged_queue):
    """Redis is down: the page still answers and the job waits; Redis comes back: the beat's
    sweep sends the job and a worker draws it. A private Redis on its own port is stopped and
    started, so the machine's Redis is never touched."""
    import json

    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    report = committee_report(users["officer"])
    status, location, page = json.loads(
        child(ASK_WHILE_DOWN, users["officer"].pk, report.pk, broker=broker)
    )
    assert status == 302 and location.startswith("/reports/jobs/")
    assert "waiting" in page.lower() and "Traceback" not in page
    job = ReportJob.objects.get()
    assert job.status == "queued" and job.enqueued_at is None
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    worker = None
    try:
        deadline = time.monotonic() + 20
        while (
            subprocess.run(
                ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True, check=False
            ).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline, "the private Redis did not start"
            time.sleep(0.2)
        worker = start_worker(media, media_root=media, CELERY_BROKER_URL=broker)
        assert child(SWEEP, broker=broker) == "1"
        job = wait_for(job, "done", "failed", timeout=90)
        assert job.status == "done" and job.attempts == 1 and job.enqueued_at is not None
    finally:
        if worker is not None:
            stop(worker)
        redis.terminate()
        redis.wait(timeout=20)


UPLOAD_WHILE_DOWN = """
import json, sys, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import setup_test_environment
from partnership.models import User
setup_test_environment()
client = Client(raise_request_exception=False)
client.force_login(User.objects.get(pk=int(sys.argv[1])))
upload = SimpleUploadedFile("=evil name.csv", open(sys.argv[2], "rb").read())
response = client.post("/schools/imports/new/", {"kind": "gias", "file": upload})
page = client.get(response["Location"]) if response.status_code == 302 else response
print(json.dumps([response.status_code, page.content.decode()]))
"""


def test_an_import_uploaded_while_redis_is_down_says_so_and_changes_nothing(
    users, media, purged_queue
):
    import json

    from schools.models import ImportRun, School

    schools = School.objects.count()
    data = ROOT / "tests" / "data" / "gias_990_2025.csv"
    status, page = json.loads(
        child(
            UPLOAD_WHILE_DOWN,
            users["officer"].pk,
            data,
            broker=f"redis://127.0.0.1:{free_port()}/0",
        )
    )
    assert status == 302 and "Traceback" not in page
    run = ImportRun.objects.get()
    assert run.state == "failed" and "queue cannot be reached" in run.error
    assert "queue cannot be reached" in page and "Try again" in page
    assert run.stored_file.name.startswith("imports/") and "evil" not in run.stored_file.name
    assert School.objects.count() == schools
