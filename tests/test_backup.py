"""Backup and restore of the whole service (PostgreSQL and the stored files), as README says:
back up, restore into an empty database and an empty folder, and everything matches."""

import hashlib
import os
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from .test_reports import committee_report, finished_job
from .workers import database_url_for

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def counts(dsn: str) -> dict:
    with psycopg2.connect(dsn) as database, database.cursor() as cursor:
        result = {}
        for table in ("schools_school", "reviews_review", "reports_reportjob", "partnership_user"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our own table names
            result[table] = cursor.fetchone()[0]
    database.close()
    return result


def digests(folder: Path) -> dict:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_backup_restores_into_an_empty_database_with_everything_in_it(
    users, school, settings, tmp_path
):
    from .factories import SchoolFactory, peer_review

    settings.MEDIA_ROOT = tmp_path / "media"
    SchoolFactory.create_batch(5)
    peer_review(school)
    committee_report(users["officer"])
    finished_job("committee", users["officer"])
    source = database_url_for(connection.settings_dict)
    name = f"partnership_restore_{os.getpid()}"
    admin = source.rsplit("/", 1)[0] + "/postgres"
    target = source.rsplit("/", 1)[0] + f"/{name}"

    def admin_sql(sql):
        database = psycopg2.connect(admin)
        database.autocommit = True
        with database.cursor() as cursor:
            cursor.execute(sql)
        database.close()

    admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
    admin_sql(f'CREATE DATABASE "{name}"')
    try:
        backup = tmp_path / "backup"
        env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(tmp_path / "media")}
        subprocess.run([ROOT / "scripts" / "backup.sh", backup], env=env, check=True)
        restored_media = tmp_path / "restored-media"
        env = {**os.environ, "DATABASE_URL": target, "MEDIA_ROOT": str(restored_media)}
        subprocess.run([ROOT / "scripts" / "restore.sh", backup], env=env, check=True)
        assert counts(target) == counts(source)
        assert counts(target)["schools_school"] >= 7
        assert digests(restored_media) == digests(tmp_path / "media")
        assert digests(restored_media)  # the report file came back
        # Restoring over a database that has data is refused, changing nothing.
        refused = subprocess.run(
            [ROOT / "scripts" / "restore.sh", backup], env=env, capture_output=True, text=True
        )
        assert refused.returncode != 0 and "restore into an empty database" in refused.stderr
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
