"""load_demo: a realistic borough, every role, idempotent, never on a live service by accident."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from partnership.models import Person, Role, User, UserRole
from schools.models import Governance, Phase, School, Status, TypeGroup

DEMO_EMAILS = {
    "officer@demo.invalid": Role.OFFICER,
    "head@demo.invalid": Role.HEADTEACHER,
    "leader@demo.invalid": Role.SYSTEM_LEADER,
    "board@demo.invalid": Role.BOARD_MEMBER,
    "admin@demo.invalid": Role.ADMIN,
}


def load(**env):
    out = StringIO()
    call_command("load_demo", "--allow-production", stdout=out)
    return out.getvalue()


def counts():
    return (
        School.objects.count(),
        User.objects.count(),
        Person.objects.count(),
        UserRole.objects.count(),
        School.history.count() > 0,
    )


def test_loads_every_type_and_phase_and_is_idempotent(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    output = load()
    first = counts()
    assert "officer@demo.invalid" in output
    load()
    assert counts() == first
    assert School.objects.count() >= 40
    assert set(School.objects.values_list("phase", flat=True)) >= {
        Phase.NURSERY,
        Phase.PRIMARY,
        Phase.SECONDARY,
        Phase.ALL_THROUGH,
        Phase.NOT_APPLICABLE,
        Phase.SIXTEEN_PLUS,
    }
    assert set(School.objects.values_list("type_group", flat=True)) == set(TypeGroup.values)
    assert set(School.objects.values_list("governance", flat=True)) == set(Governance.values)
    assert School.objects.filter(status=Status.CLOSED).count() >= 2
    assert School.objects.filter(name__contains="’").exists()


def test_every_role_has_its_demo_account_linked_sensibly(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    load()
    for email, role in DEMO_EMAILS.items():
        user = User.objects.get(email=email)
        assert role in user.role_codes
        assert user.check_password("demo-password-for-tests")
        assert user.person is not None
    head = User.objects.get(email="head@demo.invalid")
    assert head.schools.count() == 1
    assert head.person.school == head.schools.get()
    assert User.objects.get(email="leader@demo.invalid").person.school is not None
    assert User.objects.get(email="admin@demo.invalid").is_staff
    dual = User.objects.filter(role_grants__role=Role.SYSTEM_LEADER).filter(
        role_grants__role=Role.HEADTEACHER
    )
    assert dual.exists(), "a headteacher who is also a system leader"


def test_without_a_password_new_accounts_get_one_printed_and_later_runs_keep_it(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = load()
    password = output.split("Password for the new demo accounts: ")[1].split()[0]
    assert User.objects.get(email="board@demo.invalid").check_password(password)
    output = load()
    assert "Passwords unchanged" in output
    assert User.objects.get(email="board@demo.invalid").check_password(password)


def test_refuses_when_debug_is_off_unless_asked(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="no demo accounts were made"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()


def test_the_peer_review_programme_has_a_closed_cycle_and_every_stage(db, monkeypatch):
    import time_machine

    from reviews import themes
    from reviews.models import Cycle, Review, SharingDecision, TrainingRecord

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    with time_machine.travel("2026-11-23 09:00 +0000", tick=False):
        load()
        first = (Review.objects.count(), TrainingRecord.objects.count())
        load()
        assert (Review.objects.count(), TrainingRecord.objects.count()) == first
    last_year, this_year = Cycle.objects.order_by("starts_on")
    assert set(last_year.reviews.values_list("status", flat=True)) == {"closed"}
    assert set(this_year.reviews.values_list("status", flat=True)) == set(Review.Status.values)
    assert set(Review.objects.values_list("sharing", flat=True)) == set(Review.Sharing.values)
    assert SharingDecision.objects.exists()
    # Every open school in the borough hosts once a cycle.
    assert (
        this_year.reviews.count()
        == School.objects.filter(la_code=997).exclude(status=Status.CLOSED).count()
    )
    assert not themes.themes(last_year).overall.suppressed


def test_the_demo_has_a_year_of_events_with_bookings(db, monkeypatch):
    import time_machine

    from partnership.models import Booking, Event

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    with time_machine.travel("2026-11-23 09:00 +0000", tick=False):
        load()
        first = (Event.objects.count(), Booking.objects.count())
        load()
        assert (Event.objects.count(), Booking.objects.count()) == first
    assert set(Event.objects.values_list("kind", flat=True)) == set(Event.Kind.values)
    assert Booking.objects.filter(attended=True).exists()  # past events have attendance
    assert Booking.objects.filter(attended__isnull=True).exists()  # future ones are booked


def test_the_demo_has_a_closed_survey_with_responses_and_the_las_responses(db, monkeypatch):
    import time_machine

    from partnership.models import Survey, SurveyResponse, SurveyTheme

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    with time_machine.travel("2026-11-23 09:00 +0000", tick=False):
        load()
        first = SurveyResponse.objects.count()
        load()
        assert SurveyResponse.objects.count() == first
        closed = Survey.objects.get(title__startswith="Summer survey")
        assert closed.state(date(2026, 11, 23)) == "closed"
        assert closed.responses.count() >= 20
        assert SurveyTheme.objects.filter(survey=closed).exclude(la_response="").count() == 3
        assert closed.actions.exists()
        consultation = Survey.objects.get(title__startswith="Consultation")
        assert consultation.state(date(2026, 11, 23)) == "open"


def test_the_demo_has_a_board_with_meetings_and_actions(db, monkeypatch):
    import time_machine

    from partnership.models import Board, BoardAction, MeetingAttendance

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    with time_machine.travel("2026-11-23 09:00 +0000", tick=False):
        load()
        load()
    board = Board.objects.get(name="Strategic Education Partnership Board")
    assert board.members.filter(role="chair", person__user__email="board@demo.invalid").exists()
    assert board.meetings.count() == 3 and MeetingAttendance.objects.exists()
    statuses = set(BoardAction.objects.values_list("status", flat=True))
    assert statuses == {"open", "done"}
    assert BoardAction.objects.filter(status="open", due_on__lt=date(2026, 11, 23)).exists()
    assert board.priorities.count() == 3


def test_the_demo_has_a_finalised_self_evaluation_and_a_draft(db, monkeypatch):
    from partnership.models import SelfEvaluation

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    load()
    load()
    final, draft = SelfEvaluation.objects.order_by("created_at", "pk")
    assert final.finalised_at is not None and final.figures["3"]
    assert draft.finalised_at is None
    assert final.entries.exclude(position="").count() == 4


def test_the_demo_has_cpd_offers_case_studies_and_a_project(db, monkeypatch):
    from partnership.models import CaseStudy, CpdOffer, Project

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    load()
    first = (CpdOffer.objects.count(), CaseStudy.objects.count(), Project.objects.count())
    load()
    assert (CpdOffer.objects.count(), CaseStudy.objects.count(), Project.objects.count()) == first
    assert first[0] >= 4
    assert set(CaseStudy.objects.values_list("status", flat=True)) >= {"published", "submitted"}
    project = Project.objects.get()
    assert project.schools.count() >= 10 and project.trained.exists()


def test_the_demo_has_a_published_committee_report_and_journal_issue(
    db, monkeypatch, settings, tmp_path, client
):
    from reports.models import CommitteeReport, JournalIssue, ReportJob

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    load()
    load()
    report = CommitteeReport.objects.get()
    version = report.versions.get()
    assert version.job.status == "done" and version.exempt_job.status == "done"
    issue = JournalIssue.objects.get()
    assert issue.status == "published" and issue.job.status == "done"
    assert ReportJob.objects.count() == 3  # loaded twice, drawn once
    client.force_login(User.objects.get(email="board@demo.invalid"))
    assert client.get(f"/reports/jobs/{version.job_id}/download/").status_code == 200
    assert client.get(f"/reports/jobs/{version.exempt_job_id}/download/").status_code == 404
