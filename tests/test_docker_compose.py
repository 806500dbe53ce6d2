"""docker-compose.yml must stay a valid, complete production deployment."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "partnership.example.org",
    "POSTGRES_PASSWORD": "p",
}


def compose(*args, env_extra=None):
    executable = shutil.which("docker-compose")
    if executable is None:
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    env = {key: value for key, value in os.environ.items() if key not in REQUIRED}
    env.update(env_extra or {})
    return subprocess.run(
        [executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_compose_file_is_valid_with_production_settings():
    result = compose("config", "-q", env_extra=REQUIRED)
    assert result.returncode == 0, result.stderr


def test_it_runs_web_worker_beat_database_and_redis():
    result = compose("config", "--services", env_extra=REQUIRED)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= {"web", "worker", "beat", "db", "redis", "migrate"}


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_it_refuses_to_start_without_each_secret(missing):
    env = {key: value for key, value in REQUIRED.items() if key != missing}
    result = compose("config", "-q", env_extra=env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_the_app_services_run_in_production_mode_against_postgres_and_redis():
    result = compose("config", env_extra=REQUIRED)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "DEBUG: '0'" in text or 'DEBUG: "0"' in text
    assert "postgres://partnership:p@db:5432/partnership" in text
    assert "redis://redis:6379/0" in text
