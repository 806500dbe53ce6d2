"""Committee reports, the termly journal and school profiles: the rules, the PDFs' text and the
jobs that draw them (run here directly; tests/test_report_worker.py runs them in a real worker)."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.jobs import ReportRefused, request_job, run_job
from reports.models import CommitteeReport, JournalIssue, ReportJob

from .factories import SchoolFactory

ALL_SECTIONS = [
    "ofsted_profile",
    "schools_causing_concern",
    "system_leadership",
    "brokerage",
    "peer_review_themes",
    "training_reach",
    "surveys",
    "self_evaluation",
]


def committee_report(officer, *, board=None, subject="Partnership annual report", **fields):
    today = timezone.localdate()
    values = {
        "subject": subject,
        "board": board,
        "report_to": board.name if board else "Children and Young People Board",
        "meeting_date": today + timedelta(days=14),
        "reporting_officer": "Strategic Director, Children's Services",
        "portfolio": "Children and Young People",
        "purpose": "To update the Board on the school improvement partnership.",
        "recommendations": "That the Board notes the report.\nThat the Board endorses the plan.",
        "period_from": today - timedelta(days=365),
        "period_to": today,
        "sections": ["ofsted_profile"],
        "exempt_sections": [],
        "policy_implications": "None.",
        "financial_implications": "None.",
        "legal_implications": "None.",
        "risk_implications": "None.",
        "equality_implications": "None.",
        "created_by": officer,
        **fields,
    }
    return CommitteeReport.objects.create(**values)


def finished_job(kind, user, *, status="done", **parameters):
    """A job as a worker leaves it, with a small stored file (no drawing)."""
    job = ReportJob.objects.create(
        kind=kind,
        key=f"test-{kind}-{ReportJob.objects.count()}",
        title=f"Test {kind}",
        parameters=parameters,
        requested_by=user,
        status=status,
    )
    if status == "done":
        job.file.save("x.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return job


def pdf_text(job_or_bytes) -> str:
    from pypdf import PdfReader

    data = job_or_bytes
    if isinstance(job_or_bytes, ReportJob):
        with job_or_bytes.file.open("rb") as handle:
            data = handle.read()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def concern(users, school):
    """A school in a category of concern, with a rationale that must never reach a report."""
    from schools.models import RiskAssessment, RiskCategory

    category = RiskCategory.objects.filter(active=True, colour="red").first()
    if category is None:
        category = RiskCategory.objects.create(name="Category 4: intensive", colour="red")
    assessment = RiskAssessment.objects.create(
        school=school,
        category=category,
        assessed_on=timezone.localdate() - timedelta(days=20),
        rationale="MARKER-RATIONALE-7731 governors resigned",
        next_review_on=timezone.localdate() + timedelta(days=40),
        assessed_by=users["officer"],
    )
    school.risk_category = category
    school.save(update_fields=["risk_category"])
    return assessment


def draw(job) -> ReportJob:
    assert run_job(job.pk) == "done", ReportJob.objects.get(pk=job.pk).error
    job.refresh_from_db()
    return job


# ------------------------------------------------------------------------ committee reports


@pytest.mark.django_db
def test_a_draft_committee_report_has_the_council_layout(users, media, school):
    from schools.models import Inspection
    from schools.services import refresh_outcomes

    Inspection.objects.create(
        school=school, kind="graded", start_date=date(2023, 5, 10), overall_effectiveness=2
    )
    refresh_outcomes()
    report = committee_report(users["officer"], sections=ALL_SECTIONS)
    job = draw(services.committee_draft(report, users["officer"]))
    text = pdf_text(job)
    for label in ("REPORT TO", "DATE OF MEETING", "REPORTING OFFICER", "PORTFOLIO", "SUBJECT"):
        assert label in text
    assert "WARDS" in text and "KEY DECISION" in text
    assert "1.0" in text and "PURPOSE OF THE REPORT" in text
    assert "2.1" in text and "That the Board notes the report." in text
    assert "2.2" in text and "That the Board endorses the plan." in text
    assert "OFSTED PROFILE" in text and "POLICY IMPLICATIONS" in text
    assert "BACKGROUND PAPERS" in text
    # Tables print with their captions, headers and figures.
    # Tables print with their captions, headers and figures.
    assert "Open schools by current Ofsted outcome" in text
    assert "Good 1 50% 1" in text
    assert f"Page 1 of {job.pages}" in text and f"Page {job.pages} of {job.pages}" in text
    assert "DRAFT" in text
    assert job.checksum and job.size > 1000
    assert job.file.name == f"reports/{job.pk}/committee-{job.pk}.pdf"


@pytest.mark.django_db
def test_a_data_section_with_no_data_says_so(users, media):
    report = committee_report(users["officer"], sections=["peer_review_themes", "surveys"])
    text = pdf_text(draw(services.committee_draft(report, users["officer"])))
    assert "PEER REVIEW THEMES" in text and "SURVEYS" in text
    assert "3.1" in text and "4.1" in text


@pytest.mark.django_db
def test_publishing_keeps_the_exempt_appendix_separate(users, media, school, concern):
    report = committee_report(
        users["officer"],
        sections=["ofsted_profile", "schools_causing_concern"],
        exempt_sections=["schools_causing_concern"],
    )
    version = services.committee_publish(report, users["officer"])
    body = pdf_text(draw(version.job))
    appendix = pdf_text(draw(version.exempt_job))
    assert "DRAFT" not in body
    assert "Public, with an exempt appendix" in " ".join(body.split())
    assert school.name not in " ".join(body.split()) and str(school.urn) not in body
    assert str(school.urn) in appendix and "Ashcombe" in appendix
    assert "Schedule\n12A" in appendix or "Schedule 12A" in appendix
    assert "EXEMPT" in appendix
    for text in (body, appendix):
        assert "MARKER-RATIONALE-7731" not in text


@pytest.mark.django_db
def test_publishing_refuses_what_a_committee_would_send_back(users, media):
    report = committee_report(users["officer"], recommendations="  \n ")
    with pytest.raises(ReportRefused, match="at least one recommendation"):
        services.committee_publish(report, users["officer"])
    report = committee_report(users["officer"], meeting_date=date(2026, 1, 5))
    with pytest.raises(ReportRefused, match="has passed"):
        services.committee_publish(report, users["officer"])
    report = committee_report(users["officer"], legal_implications="")
    with pytest.raises(ReportRefused, match="legal implications"):
        services.committee_publish(report, users["officer"])
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_the_form_names_a_past_meeting_date_and_missing_recommendations(client_for, users):
    client = client_for("officer")
    response = client.post(
        reverse("reports:committee_new"),
        {
            "subject": "Report",
            "report_to": "Board",
            "meeting_date_0": "5",
            "meeting_date_1": "1",
            "meeting_date_2": "2026",
            "reporting_officer": "Director",
            "portfolio": "Children",
            "all_wards": "on",
            "purpose": "To report.",
            "recommendations": "",
            "period_from_0": "1",
            "period_from_1": "9",
            "period_from_2": "2025",
            "period_to_0": "1",
            "period_to_1": "9",
            "period_to_2": "2026",
            "exempt_paragraph": "3",
            "appendix_readers": "officers",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "5 January 2026 has passed" in page
    assert "Enter at least one recommendation" in page
    assert not CommitteeReport.objects.exists()


@pytest.mark.django_db
def test_publishing_twice_without_a_change_is_refused_and_versions_are_kept(users, media):
    report = committee_report(users["officer"])
    first = services.committee_publish(report, users["officer"])
    with pytest.raises(ReportRefused, match="already published as version 1"):
        services.committee_publish(report, users["officer"])
    services.saved(report)
    second = services.committee_publish(report, users["officer"])
    assert (first.number, second.number) == (1, 2)
    assert first.job_id != second.job_id
    assert report.versions.count() == 2


@pytest.mark.django_db
def test_two_clicks_make_one_job(users, media):
    report = committee_report(users["officer"])
    first = services.committee_draft(report, users["officer"])
    second = services.committee_draft(report, users["officer"])
    assert first.pk == second.pk
    assert ReportJob.objects.count() == 1
    draw(first)
    # Asked for again once drawn, with no change: the same file.
    assert services.committee_draft(report, users["officer"]).pk == first.pk
    services.saved(report)  # a change: a new draft
    assert services.committee_draft(report, users["officer"]).pk != first.pk


@pytest.mark.django_db
def test_a_delivered_again_job_is_not_drawn_twice(users, media):
    job = draw(services.committee_draft(committee_report(users["officer"]), users["officer"]))
    checksum, finished = job.checksum, job.finished_at
    assert run_job(job.pk) == "done"
    job.refresh_from_db()
    assert (job.checksum, job.finished_at, job.attempts) == (checksum, finished, 1)
    assert len(list((media / "reports" / str(job.pk)).iterdir())) == 1


@pytest.mark.django_db
def test_an_interrupted_job_is_drawn_again_from_the_start(users, media):
    job = services.committee_draft(committee_report(users["officer"]), users["officer"])
    # A worker died mid-job: the job was left running with half a file under its name.
    ReportJob.objects.filter(pk=job.pk).update(status="running", attempts=1)
    stray = media / "reports" / str(job.pk)
    stray.mkdir(parents=True)
    (stray / f"committee-{job.pk}.pdf").write_bytes(b"%PDF-1.7 half")
    job = draw(job)
    assert job.attempts == 2
    assert [p.name for p in stray.iterdir()] == [f"committee-{job.pk}.pdf"]
    assert (stray / f"committee-{job.pk}.pdf").read_bytes().startswith(b"%PDF-")
    assert len((stray / f"committee-{job.pk}.pdf").read_bytes()) == job.size


@pytest.mark.django_db
def test_a_job_that_keeps_stopping_is_failed_with_a_reason(users, media):
    job = services.committee_draft(committee_report(users["officer"]), users["officer"])
    ReportJob.objects.filter(pk=job.pk).update(status="running", attempts=3)
    assert run_job(job.pk) == "failed"
    job.refresh_from_db()
    assert "stopped 3 times" in job.error and not job.file


@pytest.mark.django_db
def test_a_failed_job_says_why_and_runs_again_as_the_same_job(users, media, client_for):
    report = committee_report(users["officer"])
    job = services.committee_draft(report, users["officer"])
    report.delete()
    assert run_job(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error == "The committee report has been deleted."
    page = client_for("officer").get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "The committee report has been deleted." in page and "Run it again" in page
    assert "Traceback" not in page
    again = request_job(job.kind, job.parameters, title=job.title, user=users["officer"])
    assert again.pk == job.pk and again.status == "queued"


@pytest.mark.django_db
def test_passing_the_time_limit_fails_the_job_and_keeps_no_file(users, media, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from reports import rendering

    def too_slow(html):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(rendering, "write_pdf", too_slow)
    job = services.committee_draft(committee_report(users["officer"]), users["officer"])
    assert run_job(job.pk) == "failed"
    job.refresh_from_db()
    assert "longer than the time limit" in job.error
    assert not job.file and not (media / "reports" / str(job.pk)).exists()


@pytest.mark.django_db
def test_a_job_running_past_the_hard_limit_shows_as_stopped(users, media, client_for, settings):
    job = services.committee_draft(committee_report(users["officer"]), users["officer"])
    started = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    ReportJob.objects.filter(pk=job.pk).update(status="running", started_at=started)
    page = client_for("officer").get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "stopped without finishing" in page and "Run it again" in page
    assert 'http-equiv="refresh"' not in page


# ------------------------------------------------------------------------------ downloads


@pytest.mark.django_db
def test_board_members_read_only_what_is_published_to_them(users, media, client_for):
    from partnership.models import Board, BoardMember

    officer = users["officer"]
    board = Board.objects.create(name="Partnership Board", purpose="Steer.")
    BoardMember.objects.create(
        board=board, person=users["board_member"].person, role="member", starts_on="2025-09-01"
    )
    other_board = Board.objects.create(name="Another Board", purpose="Other.")
    report = committee_report(officer, board=board)
    draft = finished_job("committee", officer, report=report.pk, draft=True)
    main = finished_job("committee", officer, report=report.pk)
    exempt = finished_job("exempt", officer, report=report.pk)
    version = report.versions.create(
        number=1, revision=report.revision, job=main, exempt_job=exempt, published_by=officer
    )
    elsewhere = committee_report(officer, board=other_board)
    elsewhere_job = finished_job("committee", officer, report=elsewhere.pk)
    elsewhere.versions.create(number=1, revision=1, job=elsewhere_job, published_by=officer)

    client = client_for("board_member")

    def status(job):
        return client.get(reverse("reports:download", args=[job.pk])).status_code

    assert status(main) == 200
    assert status(draft) == 404  # drafts are the officers'
    assert status(exempt) == 404  # the exempt appendix: officers only, by default
    assert status(elsewhere_job) == 404  # a board they do not sit on
    version.appendix_readers = "board"
    version.save()
    assert status(exempt) == 200
    response = client.get(reverse("reports:download", args=[main.pk]))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment")
    home = client.get(reverse("reports:home")).content.decode()
    assert report.subject in home and "Another Board" not in home
    officer_client = client_for("officer")
    assert officer_client.get(reverse("reports:download", args=[draft.pk])).status_code == 200


@pytest.mark.django_db
def test_report_files_are_not_reachable_by_a_media_url(users, media, client):
    job = finished_job("committee", users["officer"])
    client.force_login(users["board_member"])
    assert client.get(f"/media/{job.file.name}").status_code == 404


# ------------------------------------------------------------------------------- journal


def test_beat_is_scheduled_to_draft_the_journal(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["draft-termly-journal"]
    assert entry["task"] == "reports.draft_journal"


@pytest.mark.django_db
def test_beat_drafts_one_issue_a_term_from_what_the_service_holds(users, media, time_machine):
    from partnership.models import CpdOffer, Event
    from reports.tasks import draft_journal

    time_machine.move_to("2027-01-04 06:15")
    offer = CpdOffer.objects.create(
        title="Phonics refresher",
        provider_kind="hub",
        provider_name="Riverside hub",
        description="Two twilights.",
        audience="Year 1 teachers",
        starts_on=date(2027, 1, 20),
        posted_by=users["headteacher"],
    )
    starts = timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        title="Spring briefing",
        kind="briefing",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue="Town hall",
        created_by=users["officer"],
    )
    first = draft_journal()
    second = draft_journal()
    assert first == second and JournalIssue.objects.count() == 1
    issue = JournalIssue.objects.get()
    assert (issue.academic_year, issue.term) == (2026, "spring")
    assert list(issue.cpd_offers.all()) == [offer]
    assert list(issue.events.all()) == [event]


@pytest.mark.django_db
def test_a_journal_issue_is_published_then_every_role_downloads_it(users, media, client_for):
    issue, _ = __import__("reports.journal", fromlist=["draft_issue"]).draft_issue(
        timezone.localdate()
    )
    with pytest.raises(ReportRefused, match="editorial"):
        services.journal_publish(issue, users["officer"])
    issue.editorial = "Welcome to the autumn issue.\n\nThanks to every school."
    issue.board_highlights = "The Partnership Board met on 14 October 2026."
    issue.save()
    # Headteachers do not see a draft.
    head = client_for("headteacher")
    assert head.get(reverse("reports:journal_issue", args=[issue.pk])).status_code == 404
    issue = services.journal_publish(issue, users["officer"])
    job = draw(issue.job)
    text = pdf_text(job)
    assert "Welcome to the autumn issue." in text and "From the boards" in text
    assert "DRAFT" not in text
    for role in ("headteacher", "system_leader", "board_member"):
        client = client_for(role)
        assert client.get(reverse("reports:download", args=[job.pk])).status_code == 200, role


# --------------------------------------------------------------------------- school profile


@pytest.mark.django_db
def test_a_school_profile_holds_what_its_reader_may_see(users, media, school, concern):
    head = draw(services.school_profile(school, users["headteacher"]))
    other = draw(services.school_profile(school, users["other_headteacher"]))
    officer = draw(services.school_profile(school, users["officer"]))
    assert "MARKER-RATIONALE-7731" in pdf_text(head)  # their own school's risk history
    assert "MARKER-RATIONALE-7731" in pdf_text(officer)
    other_text = pdf_text(other)
    assert "MARKER-RATIONALE-7731" not in other_text and "Risk category" not in other_text
    assert school.name in other_text and "INSPECTION HISTORY" in other_text
    assert 1 <= head.pages <= 2


@pytest.mark.django_db
def test_a_school_profile_is_for_whoever_asked(users, media, school, client_for):
    job = finished_job("school", users["headteacher"], urn=school.urn)
    url = reverse("reports:download", args=[job.pk])
    assert client_for("headteacher").get(url).status_code == 200
    assert client_for("other_headteacher").get(url).status_code == 404
    assert client_for("system_leader").get(url).status_code == 404


# ------------------------------------------------------------------------------ command line


@pytest.mark.django_db
def test_the_command_line_draws_each_kind(users, media, school, tmp_path):
    report = committee_report(users["officer"], sections=["ofsted_profile"])
    out = tmp_path / "committee.pdf"
    call_command("report", "committee", str(report.pk), "--out", str(out), stdout=io.StringIO())
    assert "PURPOSE OF THE REPORT" in pdf_text(out.read_bytes())
    JournalIssue.objects.create(
        academic_year=2026, term="autumn", starts_on="2026-09-01", ends_on="2026-12-31"
    )
    out = tmp_path / "journal.pdf"
    call_command("report", "journal", "2026", "autumn", "--out", str(out), stdout=io.StringIO())
    assert "Autumn term 2026/27" in pdf_text(out.read_bytes())
    out = tmp_path / "school.pdf"
    call_command(
        "report",
        "school",
        str(school.urn),
        "--as",
        users["officer"].email,
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    assert school.name in pdf_text(out.read_bytes())
    with pytest.raises(CommandError, match="no committee report 999"):
        call_command("report", "committee", "999", "--out", str(out))
    with pytest.raises(CommandError, match="URN 1 "):
        call_command("report", "school", "1", "--as", users["officer"].email, "--out", str(out))
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_every_block_costs_the_same_queries_however_many_schools(users, media):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import committee

    report = committee_report(users["officer"], sections=ALL_SECTIONS)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            committee.build(report)
        return len(captured)

    before = queries()
    SchoolFactory.create_batch(15)
    assert queries() == before
