"""Benchmarks at national scale: `make bench`.

Builds, once, a national-scale register in PostgreSQL (BENCH_DATABASE_URL, by default the
database `partnership_bench` on the machine's PostgreSQL): about 24,000 schools in 153 LAs
with 150,000 inspections across the three Ofsted frameworks, risk categories and visits. Later
runs reuse it. Then, signed in as an LA officer, it requests each page many times and prints
the median and 95th-percentile time and the number of queries: the school list (unfiltered
and filtered), a school's page, the dashboard, brokerage pages, the peer-review themes across
40,000 reviews, and, for reference, the same list through
Django's admin changelist. Last, it times a GIAS import of a generated 50,000-row file (a dry
run: all the work, then rolled back). Results are written to bench/results.md.

Times are of the Django application in-process (test client), without network or browser.
"""

from __future__ import annotations

import csv
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "24000"))
LAS = int(os.environ.get("BENCH_LAS", "153"))
INSPECTIONS = int(os.environ.get("BENCH_INSPECTIONS", "150000"))
LEADERS = int(os.environ.get("BENCH_LEADERS", "5000"))
REVIEWS = int(os.environ.get("BENCH_REVIEWS", "40000"))
GIAS_ROWS = int(os.environ.get("BENCH_GIAS_ROWS", "50000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/partnership_bench"
)


def setup_django():
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["DEBUG"] = "1"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database() -> None:
    import psycopg2
    from django.conf import settings
    from psycopg2 import sql

    options = settings.DATABASES["default"]
    try:
        connection = psycopg2.connect(
            dbname="postgres",
            user=options["USER"],
            password=options["PASSWORD"],
            host=options["HOST"] or "127.0.0.1",
            port=options["PORT"] or 5432,
        )
    except psycopg2.OperationalError as error:
        sys.exit(f"make bench needs PostgreSQL ({DATABASE_URL}): {error}")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [options["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(options["NAME"])))
    connection.close()


def build_dataset() -> None:
    """The national-scale register, made once (seeded, so every machine gets the same)."""
    from django.db import transaction
    from django.db.models import OuterRef, Subquery

    from partnership.models import Role, User, UserRole
    from schools import outcomes
    from schools.models import (
        Governance,
        Inspection,
        LocalAuthority,
        Phase,
        RiskAssessment,
        RiskCategory,
        School,
        Status,
        Trust,
        TypeGroup,
        Visit,
    )
    from schools.services import next_review_default, refresh_outcomes

    if School.objects.count() >= SCHOOLS and Inspection.objects.count() >= INSPECTIONS:
        print(f"Reusing the data set: {School.objects.count():,} schools.", flush=True)
        return
    print("Building the national-scale data set (once)…", flush=True)
    started = time.perf_counter()
    rng = random.Random(2026)
    with transaction.atomic():
        for model in (Visit, RiskAssessment, Inspection):
            model.objects.all().delete()
        School.objects.all().delete()
        LocalAuthority.objects.all().delete()
        Trust.objects.all().delete()
        LocalAuthority.objects.bulk_create(
            LocalAuthority(code=800 + index, name=f"Authority {index:03d}") for index in range(LAS)
        )
        trusts = Trust.objects.bulk_create(
            Trust(code=str(10000 + index), name=f"Trust {index:04d}") for index in range(1200)
        )
        kinds = [
            ("Community school", TypeGroup.LA_MAINTAINED, Governance.MAINTAINED),
            ("Voluntary aided school", TypeGroup.LA_MAINTAINED, Governance.MAINTAINED),
            ("Academy converter", TypeGroup.ACADEMIES, Governance.ACADEMY),
            ("Academy sponsor led", TypeGroup.ACADEMIES, Governance.ACADEMY),
            ("Free schools", TypeGroup.FREE_SCHOOLS, Governance.ACADEMY),
            ("Community special school", TypeGroup.SPECIAL, Governance.MAINTAINED),
        ]
        phases = [Phase.PRIMARY] * 7 + [Phase.SECONDARY] * 2 + [Phase.NOT_APPLICABLE]
        words = ["Park", "Hill", "Green", "Vale", "Oak", "St Mary's", "Church", "Moor", "Field"]
        batch = []
        for index in range(SCHOOLS):
            kind, group, governance = rng.choice(kinds)
            phase = rng.choice(phases)
            batch.append(
                School(
                    urn=100000 + index,
                    la_code=800 + index % LAS,
                    establishment_number=2000 + index // LAS,
                    name=f"{rng.choice(words)} {rng.choice(words)} School {index}",
                    establishment_type=kind,
                    type_group=group,
                    governance=governance,
                    phase=phase,
                    status=Status.CLOSED if index % 25 == 0 else Status.OPEN,
                    close_date=date(2018, 8, 31) if index % 25 == 0 else None,
                    number_of_pupils=rng.randint(40, 1600),
                    trust=rng.choice(trusts) if governance == Governance.ACADEMY else None,
                    postcode=f"AB{index % 99} {index % 9}XY",
                )
            )
        School.objects.bulk_create(batch, batch_size=2000)
        school_ids = list(School.objects.values_list("pk", flat=True))
        made = 0
        batch = []
        while made < INSPECTIONS:
            school_id = school_ids[made % len(school_ids)]
            round_ = made // len(school_ids)
            start = date(2008 + round_ * 3, 1, 10) + timedelta(days=rng.randint(0, 700))
            if start >= outcomes.ERA_3_FROM:
                grades = {
                    code: rng.choice(list(outcomes.REPORT_CARD_GRADES)) for code in outcomes.AREAS
                }
                batch.append(
                    Inspection(
                        school_id=school_id,
                        kind="report_card",
                        start_date=start,
                        inspection_number=f"B{made}",
                        safeguarding_met=rng.random() > 0.05,
                        area_grades=grades,
                    )
                )
            else:
                grade = rng.choice([1, 2, 2, 2, 2, 3, 3, 4])
                batch.append(
                    Inspection(
                        school_id=school_id,
                        kind="graded" if rng.random() > 0.2 else "ungraded",
                        start_date=start,
                        inspection_number=f"B{made}",
                        overall_effectiveness=grade if start < outcomes.ERA_2_FROM else None,
                        quality_of_education=grade,
                        behaviour_and_attitudes=grade,
                        personal_development=grade,
                        leadership_and_management=grade,
                        safeguarding_met=True,
                    )
                )
            made += 1
            if len(batch) >= 5000:
                Inspection.objects.bulk_create(batch)
                batch = []
        Inspection.objects.bulk_create(batch)
        refresh_outcomes()
        officer, _ = User.objects.get_or_create(
            email="bench.officer@example.invalid", defaults={"full_name": "Bench Officer"}
        )
        UserRole.objects.get_or_create(user=officer, role=Role.OFFICER)
        admin, _ = User.objects.get_or_create(
            email="bench.admin@example.invalid",
            defaults={"full_name": "Bench Admin", "is_staff": True, "is_superuser": True},
        )
        UserRole.objects.get_or_create(user=admin, role=Role.ADMIN)
        categories = {
            governance: list(RiskCategory.objects.filter(applies_to=governance))
            for governance in (Governance.MAINTAINED, Governance.ACADEMY)
        }
        assessments = []
        for school in School.objects.exclude(status=Status.CLOSED).only("pk", "governance"):
            category = rng.choice(categories[school.governance])
            assessed_on = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
            assessments.append(
                RiskAssessment(
                    school_id=school.pk,
                    category=category,
                    assessed_on=assessed_on,
                    rationale="Generated for the benchmark.",
                    next_review_on=next_review_default(category, assessed_on),
                    assessed_by=officer,
                )
            )
        RiskAssessment.objects.bulk_create(assessments, batch_size=5000)
        latest = RiskAssessment.objects.filter(school=OuterRef("pk")).order_by("-assessed_on")
        School.objects.update(
            risk_category_id=Subquery(latest.values("category_id")[:1]),
            risk_review_due=Subquery(latest.values("next_review_on")[:1]),
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give
    print(f"Built in {time.perf_counter() - started:.0f} s.", flush=True)


def build_brokerage() -> None:
    """5,000 system leaders, 3,000 deployments and one support request, made once."""
    from django.db import transaction

    from partnership.models import (
        Deployment,
        DeploymentLeader,
        Designation,
        DesignationType,
        Person,
        Specialism,
        SupportRequest,
        SystemLeader,
        User,
    )
    from schools.models import School

    if SystemLeader.objects.count() >= LEADERS:
        print(f"Reusing {SystemLeader.objects.count():,} system leaders.", flush=True)
        return
    print("Adding system leaders and deployments (once)…", flush=True)
    rng = random.Random(99)
    officer = User.objects.get(email="bench.officer@example.invalid")
    schools = list(School.objects.exclude(status="closed").values_list("pk", flat=True))
    specialisms = list(Specialism.objects.all())
    kinds = list(DesignationType.objects.all())
    with transaction.atomic():
        people = Person.objects.bulk_create(
            Person(first_name=f"Leader{index}", last_name=f"Surname{index % 997}")
            for index in range(LEADERS)
        )
        leaders = SystemLeader.objects.bulk_create(
            SystemLeader(
                person=person,
                home_school_id=rng.choice(schools),
                days_per_term=rng.choice([4, 6, 8, 10, 12]),
                primary=rng.random() < 0.7,
                secondary=rng.random() < 0.4,
                special=rng.random() < 0.15,
            )
            for person in people
        )
        through = SystemLeader.specialisms.through
        through.objects.bulk_create(
            through(systemleader_id=leader.pk, specialism_id=specialism.pk)
            for leader in leaders
            for specialism in rng.sample(specialisms, 3)
        )
        Designation.objects.bulk_create(
            Designation(
                leader=leader,
                kind=rng.choice(kinds),
                starts_on=date(2023, 9, 1),
                ends_on=None if rng.random() < 0.8 else date(2026, 8, 31),
            )
            for leader in leaders
        )
        deployments = Deployment.objects.bulk_create(
            Deployment(
                school_id=rng.choice(schools),
                starts_on=date(2026, 9, 1),
                ends_on=date(2026, 12, 18),
                objectives="Generated for the benchmark.",
                created_by=officer,
            )
            for _ in range(3000)
        )
        DeploymentLeader.objects.bulk_create(
            DeploymentLeader(deployment=deployment, leader=rng.choice(leaders), days_agreed=2)
            for deployment in deployments
        )
        request = SupportRequest.objects.create(
            school_id=schools[0],
            phase="primary",
            source="risk",
            description="Reading and leadership.",
            needed_from=date(2026, 9, 7),
            needed_to=date(2026, 12, 18),
            raised_by=officer,
        )
        request.specialisms.set(specialisms[:2])


def build_reviews() -> None:
    """40,000 peer reviews in four cycles (clusters of five schools, nine areas each), once."""
    from django.db import transaction

    from reviews.models import (
        AreaEvaluation,
        ClusterMembership,
        Cycle,
        Framework,
        Priority,
        Review,
        ReviewCluster,
    )
    from schools.models import School

    if Review.objects.count() >= REVIEWS:
        print(f"Reusing {Review.objects.count():,} peer reviews.", flush=True)
        return
    print("Adding peer-review cycles and reviews (once)…", flush=True)
    rng = random.Random(55)
    framework = Framework.objects.get(is_default=True, version=1)
    areas = list(framework.areas.all())
    schools = list(School.objects.exclude(status="closed").values_list("pk", flat=True))
    per_cycle = REVIEWS // 4
    statuses = ["closed"] * 7 + ["agreed", "draft_report", "in_progress"]
    sharing = ["themes"] * 6 + ["la"] * 3 + ["private"]
    with transaction.atomic():
        for first in range(2022, 2026):
            cycle = Cycle.objects.create(
                name=f"{first}/{str(first + 1)[2:]}",
                starts_on=date(first, 9, 1),
                ends_on=date(first + 1, 7, 22),
                framework=framework,
            )
            hosts = rng.sample(schools, per_cycle)
            clusters = ReviewCluster.objects.bulk_create(
                ReviewCluster(cycle=cycle, name=f"Cluster {index + 1}")
                for index in range(per_cycle // 5)
            )
            ClusterMembership.objects.bulk_create(
                ClusterMembership(cluster=clusters[index // 5], school_id=pk, cycle=cycle)
                for index, pk in enumerate(hosts)
            )
            reviews = Review.objects.bulk_create(
                Review(
                    cycle=cycle,
                    framework=framework,
                    host_school_id=pk,
                    cluster=clusters[index // 5],
                    starts_on=cycle.starts_on + timedelta(days=14 + index % 250),
                    ends_on=cycle.starts_on + timedelta(days=14 + index % 250),
                    status=rng.choice(statuses),
                    sharing=rng.choice(sharing),
                )
                for index, pk in enumerate(hosts)
            )
            AreaEvaluation.objects.bulk_create(
                (
                    AreaEvaluation(
                        review=review,
                        area=area,
                        team_grade="expected",
                        strengths="Strength." if rng.random() < 0.5 else "",
                        areas_for_development="To develop." if rng.random() < 0.35 else "",
                    )
                    for review in reviews
                    for area in areas
                ),
                batch_size=5000,
            )
            Priority.objects.bulk_create(
                Priority(review=review, description="Attendance.") for review in reviews
            )
            print(f"  {cycle.name}: {len(reviews):,} reviews", flush=True)


def measure(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches, as a second visitor would find them
    timings, queries = [], 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{url}: HTTP {response.status_code}")
        queries = len(captured)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    return statistics.median(timings), p95, queries


def gias_import_rate() -> tuple[int, float]:
    from schools.imports import import_gias

    header = [
        "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
        "TypeOfEstablishment (name)", "EstablishmentTypeGroup (name)",
        "EstablishmentStatus (name)", "OpenDate", "CloseDate", "PhaseOfEducation (name)",
        "StatutoryLowAge", "StatutoryHighAge", "NumberOfPupils", "PercentageFSM",
        "Trusts (code)", "Trusts (name)", "Postcode", "HeadTitle (name)", "HeadFirstName",
        "HeadLastName", "SchoolWebsite", "Street", "Town",
    ]  # fmt: skip
    groups = ["Local authority maintained schools", "Academies", "Free Schools",
              "Special schools", "Independent schools", "Colleges"]  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="cp1252", newline="",
                                     delete=False) as handle:  # fmt: skip
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        for index in range(GIAS_ROWS):
            writer.writerow([
                500000 + index, 800 + index % LAS, "Authority", 3000 + index // LAS,
                f"St Anne’s School {index}", "Community school", groups[index % len(groups)],
                "Open", "01-09-1990", "", "Primary", "4", "11", "210", "12.5", "", "",
                "AB1 2CD", "Mrs", "Ann", "Smith", "www.example.org", "High Street", "Town",
            ])  # fmt: skip
        path = handle.name
    try:
        with open(path, "rb") as source:
            started = time.perf_counter()
            result = import_gias(source, dry_run=True)
            seconds = time.perf_counter() - started
    finally:
        os.unlink(path)
    assert result.rejected_count == 0, result.lines()
    return GIAS_ROWS, seconds


def committee_report_cost(officer) -> dict:
    """Build the committee report with every data section at national scale: the data (in this
    process) and then the whole PDF through `manage.py report`, in a child process whose peak
    memory is read from the operating system."""
    import subprocess

    from reports import committee
    from reports.models import CommitteeReport
    from reports.sections import all_blocks

    today = date.today()
    report, _ = CommitteeReport.objects.update_or_create(
        subject="Bench: the partnership's annual report",
        defaults={
            "report_to": "Strategic Education Partnership Board",
            "meeting_date": today + timedelta(days=30),
            "reporting_officer": "Director of Children's Services",
            "portfolio": "Children and Young People",
            "purpose": "To report on the partnership.",
            "recommendations": "That the Board notes the report.",
            "period_from": today.replace(year=today.year - 1),
            "period_to": today,
            "sections": list(all_blocks()),
            "exempt_sections": ["schools_causing_concern"],
            "created_by": officer,
        },
    )
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    committee.build(report)
    data_seconds = time.perf_counter() - started
    results = {"data_seconds": data_seconds}
    for label, extra in (("report", []), ("appendix", ["--appendix"])):
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "report.pdf"
            # The child reports its own peak resident memory when the command has finished.
            program = (
                "import resource, runpy, sys; "
                f"sys.argv = ['manage.py', 'report', 'committee', '{report.pk}', '--out', "
                f"{str(out)!r}, *{extra!r}]; "
                "runpy.run_path('manage.py', run_name='__main__'); "
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
            )
            started = time.perf_counter()
            finished = subprocess.run(  # noqa: S603
                [sys.executable, "-c", program],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": DATABASE_URL},
                check=True,
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - started
            peak_kib = int(finished.stderr.strip().splitlines()[-1])
            from pypdf import PdfReader

            results[label] = {
                "seconds": seconds,
                "peak_mib": peak_kib / 1024,
                "pages": len(PdfReader(str(out)).pages),
                "bytes": out.stat().st_size,
            }
    return results


LOAD_USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))


def load_sessions(secret_key: str) -> dict:
    """Fifty signed-in people (20 officers, 20 headteachers, 10 board members), each with a
    session made here as signing in would make it, so the load test needs no passwords."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test.utils import override_settings

    from partnership.middleware import SessionTimeoutMiddleware
    from partnership.models import Role, User, UserRole
    from schools.models import School

    urns = list(
        School.objects.exclude(status="closed").order_by("pk").values_list("urn", flat=True)
    )
    sample = urns[:: max(1, len(urns) // 500)][:500]
    mix = [Role.OFFICER] * 20 + [Role.HEADTEACHER] * 20 + [Role.BOARD_MEMBER] * 10
    sessions = []
    for index, role in enumerate(mix[:LOAD_USERS]):
        user, _ = User.objects.get_or_create(
            email=f"bench.load{index}@example.invalid",
            defaults={"full_name": f"Load Tester {index}"},
        )
        UserRole.objects.get_or_create(user=user, role=role)
        if role == Role.HEADTEACHER:
            user.schools.set(School.objects.filter(urn=sample[index % len(sample)]))
        with override_settings(SECRET_KEY=secret_key):  # signed as the server will check it
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            SessionTimeoutMiddleware.start(session)
            session.create()
        sessions.append([role, session.session_key])
    return {"sessions": sessions, "urns": sample}


def load_test() -> dict:
    """gunicorn with the production settings on the bench database, and a bounded load from
    this machine (127.0.0.1 only): LOAD_USERS signed-in people for LOAD_SECONDS with locust."""
    import contextlib
    import csv as csv_module
    import json
    import secrets
    import socket
    import subprocess

    locust = ROOT / ".venv-load" / "bin" / "locust"
    if not locust.exists():
        sys.exit("The load test's tools are missing: run `make bench`, which installs them.")
    secret_key = secrets.token_urlsafe(50)
    people = load_sessions(secret_key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": DATABASE_URL,
        "BEHIND_TLS_PROXY": "1",
        "CELERY_BROKER_URL": "",
        # One cache shared by every worker process, as docker-compose.yml sets it up.
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
        "LOG_LEVEL": "WARNING",
    }
    workers = int(os.environ.get("BENCH_LOAD_WORKERS", (os.cpu_count() or 1) + 1))
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "partnership.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        import urllib.request

        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
                    f"http://127.0.0.1:{port}/health/", headers={"X-Forwarded-Proto": "https"}
                )
                with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit("gunicorn did not answer /health/ within 60 seconds")
            time.sleep(0.5)
        # Warm up as a running service is: each page once for each kind of user.
        first_of_each = dict(reversed(people["sessions"]))
        for key in first_of_each.values():
            for path in ("/", "/schools/", f"/schools/{people['urns'][0]}/", "/reviews/themes/",
                         "/support/", "/partnership/", "/reports/"):  # fmt: skip
                request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
                    f"http://127.0.0.1:{port}{path}",
                    headers={"X-Forwarded-Proto": "https", "Cookie": f"sessionid={key}"},
                )
                # A page this role may not see answers 403: the warm-up moves on.
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(request, timeout=60).close()  # noqa: S310
        with tempfile.TemporaryDirectory() as folder:
            sessions_file = Path(folder) / "sessions.json"
            sessions_file.write_text(json.dumps(people))
            subprocess.run(  # noqa: S603
                [str(locust), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                 "-u", str(len(people["sessions"])), "-r", "25", "-t", f"{LOAD_SECONDS}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", f"{folder}/load",
                 "--only-summary", "--loglevel", "WARNING"],
                cwd=ROOT, env={**os.environ, "LOAD_SESSIONS_FILE": str(sessions_file)},
                check=False, capture_output=True,
            )  # fmt: skip
            with open(f"{folder}/load_stats.csv", newline="") as handle:
                rows = list(csv_module.DictReader(handle))
    finally:
        server.terminate()
        server.wait(timeout=30)
    pages = [
        {
            "name": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
            "rps": float(row["Requests/s"]),
        }
        for row in rows
    ]
    return {"workers": workers, "users": len(people["sessions"]), "pages": pages}


def main() -> int:
    setup_django()
    ensure_database()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from partnership.models import User
    from schools.models import School

    # No setup_test_environment(): its template instrumentation would slow every page down.
    call_command("migrate", verbosity=0, interactive=False)
    build_dataset()
    build_brokerage()
    build_reviews()
    officer = User.objects.get(email="bench.officer@example.invalid")
    admin = User.objects.get(email="bench.admin@example.invalid")
    officer_client, admin_client = Client(), Client()
    officer_client.force_login(officer)
    admin_client.force_login(admin)
    school = School.objects.filter(inspections__isnull=False).order_by("pk").first()
    from partnership.models import SupportRequest

    request_pk = SupportRequest.objects.order_by("pk").values_list("pk", flat=True).first()
    pages = [
        ("School list", officer_client, reverse("schools:list")),
        (
            "School list, filtered and sorted",
            officer_client,
            reverse("schools:list") + "?phase=primary&good=yes&q=Park&sort=-pupils",
        ),
        ("School list, page 100", officer_client, reverse("schools:list") + "?page=100"),
        ("School page", officer_client, reverse("schools:detail", args=[school.urn])),
        ("Dashboard", officer_client, reverse("dashboard")),
        ("System leader directory", officer_client, reverse("leaders:list")),
        (
            "Support request with matching (5,000 leaders)",
            officer_client,
            reverse("support:request", args=[request_pk]),
        ),
        ("Deployments list", officer_client, reverse("support:deployments")),
        ("Peer review themes (40,000 reviews)", officer_client, reverse("reviews:themes")),
        (
            "Peer review themes, secondary phase",
            officer_client,
            reverse("reviews:themes") + "?phase=secondary&area=achievement",
        ),
        ("Peer review programme (10,000 in the cycle)", officer_client, reverse("reviews:home")),
        ("Admin changelist (reference)", admin_client, "/admin/schools/school/"),
    ]
    rows = []
    print(f"{'page':<48} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, client, url in pages:
        median, p95, queries = measure(client, url)
        rows.append((label, url, median, p95, queries))
        print(f"{label:<48} {median:>10.1f} {p95:>8.1f} {queries:>8}", flush=True)
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    officer_client.get(reverse("dashboard"))
    cold = (time.perf_counter() - started) * 1000
    print(f"Dashboard, first request after a change (trend recomputed): {cold:.0f} ms")
    from django.utils import timezone

    from reviews.models import Cycle, Review

    latest = Cycle.objects.order_by("-starts_on").first()
    Review.objects.filter(
        pk__in=Review.objects.filter(cycle=latest).order_by("pk").values("pk")[:1]
    ).update(updated_at=timezone.now())
    started = time.perf_counter()
    officer_client.get(reverse("reviews:themes"))
    themes_cold = (time.perf_counter() - started) * 1000
    print(
        f"Themes, first request after a review changes (its cycle recomputed): {themes_cold:.0f} ms"
    )
    cost = committee_report_cost(officer)
    print(
        f"Committee report, every section: data {cost['data_seconds']:.1f} s; whole PDF "
        f"{cost['report']['seconds']:.1f} s, {cost['report']['pages']} pages, peak "
        f"{cost['report']['peak_mib']:.0f} MiB; exempt appendix {cost['appendix']['seconds']:.1f}"
        f" s, {cost['appendix']['pages']} pages, peak {cost['appendix']['peak_mib']:.0f} MiB"
    )
    load = load_test()
    total = next(page for page in load["pages"] if page["name"] == "Aggregated")
    print(
        f"Load: {load['users']} signed-in users for {LOAD_SECONDS} s against gunicorn "
        f"({load['workers']} workers): {total['rps']:.1f} requests/s, p50 {total['p50']:.0f} ms, "
        f"p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms, {total['failures']} errors"
    )
    count, seconds = gias_import_rate()
    rate = count / seconds
    print(f"GIAS import (dry run) of {count:,} rows: {seconds:.1f} s, {rate:,.0f} rows/s")

    from schools.models import Inspection

    out = ROOT / "bench" / "results.md"
    out.parent.mkdir(exist_ok=True)
    lines = [
        "# Benchmark results",
        "",
        f"Run {date.today():%d %B %Y} by `make bench` on this machine: "
        f"{os.cpu_count()} CPU cores, Python {platform.python_version()}, PostgreSQL. "
        f"Data set: {School.objects.count():,} schools in {LAS} LAs, "
        f"{Inspection.objects.count():,} inspections, "
        f"{Review.objects.count():,} peer reviews in four cycles. "
        f"Each page requested {REPEATS} times after one warm-up request, "
        "in-process (Django test client, no network).",
        "",
        "| page | median ms | p95 ms | queries |",
        "|---|---:|---:|---:|",
        *[f"| {label} (`{url}`) | {m:.1f} | {p:.1f} | {q} |" for label, url, m, p, q in rows],
        "",
        f"The dashboard's first request after schools or inspections change recomputes the "
        f"year-by-year trend and the impact comparison from every inspection: {cold:.0f} ms; "
        "later requests read them from the cache, and an import warms the cache when it finishes "
        "(shared between processes when CACHE_URL is set).",
        "",
        "The peer-review themes are cached until a review of the cycle changes; the first "
        f"request after a change recomputes that cycle: {themes_cold:.0f} ms (a background "
        "task does this when a review is agreed, closed or its sharing changes).",
        "",
        "Committee report with every data section, figures for the last twelve months across "
        f"the whole data set: gathering the data {cost['data_seconds']:.1f} s (caches cleared); "
        f"the whole PDF through `manage.py report committee` (a fresh process: start-up, data "
        f"and drawing) {cost['report']['seconds']:.1f} s for {cost['report']['pages']} pages, "
        f"peak memory {cost['report']['peak_mib']:.0f} MiB; its exempt appendix (every school "
        f"causing concern, named) {cost['appendix']['seconds']:.1f} s for "
        f"{cost['appendix']['pages']} pages, peak memory {cost['appendix']['peak_mib']:.0f} MiB.",
        "",
        f"Load: gunicorn ({load['workers']} sync workers) with the production settings "
        f"(DEBUG off, behind a TLS proxy) on this PostgreSQL data set; locust from 127.0.0.1 "
        f"with {load['users']} signed-in people (20 LA officers, 20 headteachers, 10 board "
        f"members), each waiting 1 to 3 s between pages, for {LOAD_SECONDS} s:",
        "",
        "| page | requests | errors | p50 ms | p95 ms | p99 ms | requests/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *[
            f"| {p['name']} | {p['requests']:,} | {p['failures']} | {p['p50']:.0f} | "
            f"{p['p95']:.0f} | {p['p99']:.0f} | {p['rps']:.1f} |"
            for p in load["pages"]
        ],
        "",
        f"GIAS import, dry run of a generated {count:,}-row file (all checks and writes, then "
        f"rolled back): {seconds:.1f} s, {rate:,.0f} rows per second.",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"Written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
