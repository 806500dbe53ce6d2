"""When a part of the service fails: the database unreachable gives a 503 page (never a trace)
and /health/ says so. Run in a child process configured for production with a database
address where nothing listens: a real failure, not a mock."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROGRAM = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(raise_request_exception=False)
results = {}
health = client.get("/health/", secure=True)
results["health"] = [health.status_code, health.json()]
results["hsts"] = health.get("Strict-Transport-Security")
client.cookies["sessionid"] = "a" * 32  # someone signed in: their session is in the database
for path in ("/schools/", "/reports/"):
    response = client.get(path, secure=True)
    results[path] = [response.status_code, response.content.decode(), response.get("Retry-After")]
print(json.dumps(results))
"""


def test_an_unreachable_database_gives_a_503_page_and_health_says_so():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/partnership",
        "CELERY_BROKER_URL": "",
        "DJANGO_SETTINGS_MODULE": "partnership.settings",
    }
    finished = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    results = json.loads(finished.stdout.strip().splitlines()[-1])
    status, body = results["health"]
    assert status == 503
    assert body["status"] == "unhealthy" and body["database"].startswith("error")
    assert results["hsts"] == "max-age=31536000; includeSubDomains; preload"
    for path in ("/schools/", "/reports/"):
        status, page, retry_after = results[path]
        assert status == 503, path
        assert "Sorry, the service is unavailable" in page
        assert "Traceback" not in page and "OperationalError" not in page
        assert retry_after == "120"
