"""Real Celery worker processes for the tests of the PostgreSQL + Redis pass."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url_for(settings_dict) -> str:
    """A DATABASE_URL for the test database, so that a worker sees what the tests write."""
    user = settings_dict["USER"] or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def start_worker(log_dir, *, media_root=None, app="partnership", pool="solo", concurrency=1, **env):
    """A real `celery worker` process against the Redis broker and the test database, ready
    to take tasks when this returns (its log is kept in `log_dir`)."""
    settings_dict = connection.settings_dict
    assert settings_dict["ENGINE"].endswith("postgresql"), "the broker pass uses PostgreSQL"
    log = log_dir / f"worker-{time.monotonic_ns()}.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            app,
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            f"--hostname=test-worker-{os.getpid()}-{time.monotonic_ns()}@%h",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url_for(settings_dict),
            **({"MEDIA_ROOT": str(media_root)} if media_root else {}),
            **{key: str(value) for key, value in env.items()},
        },
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    # Wait until it is ready, so that a test's timings start with a running worker.
    deadline = time.monotonic() + 60
    while "ready." not in log.read_text():
        assert process.poll() is None, log.read_text()[-2000:]
        assert time.monotonic() < deadline, "the worker did not start in 60 s"
        time.sleep(0.2)
    return process


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
