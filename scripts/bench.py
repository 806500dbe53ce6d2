"""Benchmark the list pages as their rows grow: `make bench`.

For each size it fills a scratch database (SQLite in a temporary folder, or BENCH_DATABASE_URL)
with that many schools and users, signs in as an LA officer and requests each list page many
times, then prints the median and 95th-percentile response time and the number of queries.
The query count must not change with the size; the times show how the pages scale.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "50,500,2000").split(",")]
REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))


def main() -> int:
    scratch = tempfile.TemporaryDirectory(prefix="partnership-bench-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3"
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["DEBUG"] = "1"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from partnership.models import AccessEvent, AccessKind, Role, User, UserRole
    from schools.models import Governance, Phase, School, TypeGroup

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)

    officer = User.objects.create_user("bench.officer@example.invalid", "bench", full_name="Bench")
    UserRole.objects.create(user=officer, role=Role.OFFICER)
    admin = User.objects.create_user("bench.admin@example.invalid", "bench", full_name="Admin")
    UserRole.objects.create(user=admin, role=Role.ADMIN)
    officer_client, admin_client = Client(), Client()
    officer_client.force_login(officer)
    admin_client.force_login(admin)

    pages = {
        "schools list": (officer_client, reverse("schools:list")),
        "users list": (officer_client, reverse("users:list")),
        "access log": (admin_client, reverse("access_log")),
    }
    print(f"{'rows':>6}  {'page':<14} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    made = 0
    for size in SIZES:
        School.objects.bulk_create(
            School(
                urn=100000 + number,
                la_code=997,
                establishment_number=2000 + number,
                name=f"Bench School {number:05d}",
                establishment_type="Community school",
                type_group=TypeGroup.LA_MAINTAINED,
                governance=Governance.MAINTAINED,
                phase=Phase.PRIMARY,
            )
            for number in range(made, size)
        )
        users = User.objects.bulk_create(
            User(email=f"bench{number:05d}@example.invalid", full_name=f"Bench User {number:05d}")
            for number in range(made, size)
        )
        UserRole.objects.bulk_create(UserRole(user=user, role=Role.HEADTEACHER) for user in users)
        AccessEvent.objects.bulk_create(
            AccessEvent(kind=AccessKind.SIGN_IN, user=user, path="/accounts/login/")
            for user in users
        )
        made = size
        for label, (client, url) in pages.items():
            timings = []
            for _ in range(REPEATS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    print(f"{label}: HTTP {response.status_code}", file=sys.stderr)
                    return 1
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(
                f"{size:>6}  {label:<14} {statistics.median(timings):>10.1f} {p95:>8.1f} "
                f"{len(queries):>8}"
            )
    connection.close()
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
