"""Demo reports: a published committee report to the partnership board and the journal issue
for the current term, each drawn as a PDF. Idempotent: run twice, nothing is drawn twice."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from partnership.models import Board, Meeting
from partnership.terms import academic_year_start

from . import services
from .jobs import run_job
from .journal import draft_issue
from .models import CommitteeReport
from .sections import all_blocks

SUBJECT = "School improvement partnership: progress report"


def load(*, officer) -> dict:
    today = timezone.localdate()
    board = Board.objects.filter(name="Strategic Education Partnership Board").first()
    meeting = (
        Meeting.objects.filter(board=board, held_at__date__gt=today).order_by("held_at").first()
        if board
        else None
    )
    meeting_date = (
        timezone.localtime(meeting.held_at).date() if meeting else today + timedelta(days=17)
    )
    report, _ = CommitteeReport.objects.get_or_create(
        subject=SUBJECT,
        defaults={
            "board": board,
            "report_to": board.name if board else "Strategic Education Partnership Board",
            "meeting_date": meeting_date,
            "reporting_officer": "Strategic Director, Children and Enterprise",
            "portfolio": "Children and Young People",
            "purpose": (
                "To update the Board on the work of the school improvement partnership this "
                "academic year: standards, schools causing concern, system leadership, "
                "brokered support, peer review, training and the LA's own self-evaluation."
            ),
            "recommendations": (
                "That the Board notes the progress of the partnership set out in this report.\n"
                "That the Board endorses the priorities for the spring term in section 3.\n"
                "That the Board notes the schools causing concern in the exempt appendix and "
                "the support in place for each."
            ),
            "supporting_information": (
                "The partnership brings together the borough's schools, its system leaders "
                "and the LA to lead improvement from within the school system.\n\n"
                "Priorities for the spring term are to broker support for every school in a "
                "category of concern within four weeks, to complete the peer review cycle, "
                "and to extend headteacher briefings to every locality."
            ),
            "period_from": date_of_september(today),
            "period_to": today,
            "sections": list(all_blocks()),
            "exempt_sections": ["schools_causing_concern"],
            "policy_implications": (
                "The partnership delivers the LA's statutory duties for school improvement "
                "under the Education and Inspections Act 2006 and the DfE's guidance on "
                "schools causing concern."
            ),
            "financial_implications": (
                "School-to-school support is funded from the school improvement grant and the "
                "DfE fund shown in section 7; there are no new costs."
            ),
            "legal_implications": "There are no legal implications arising from this report.",
            "risk_implications": (
                "Without brokered support, schools causing concern may not improve quickly "
                "enough; the Board reviews the schools in the exempt appendix each term."
            ),
            "equality_implications": (
                "Support is targeted at the schools with the greatest need, many serving the "
                "borough's most disadvantaged wards."
            ),
            "background_papers": "Partnership strategy 2025 to 2028\nSchools causing concern "
            "protocol (revised September 2026)",
            "created_by": officer,
        },
    )
    drawn = []
    version = report.versions.first()
    if version is None and report.meeting_date >= today:
        version = services.committee_publish(report, officer)
    if version is not None:
        drawn += [version.job_id] + ([version.exempt_job_id] if version.exempt_job_id else [])

    issue, _ = draft_issue(today)
    if not issue.editorial:
        issue.editorial = (
            "Welcome to this term's issue. Thank you to every school that hosted a peer "
            "review or shared its practice: this journal is built from your work.\n\n"
            "Inside: the CPD on offer this term, good practice from our schools, the events "
            "to book and the system leaders newly designated to support you."
        )
        issue.save(update_fields=["editorial"])
    if issue.status == issue.Status.DRAFT:
        issue = services.journal_publish(issue, officer)
    drawn.append(issue.job_id)
    for job_id in drawn:
        run_job(job_id)  # draws it now if the queue has not (does nothing if it is drawn)
    return {"committee_reports": CommitteeReport.objects.count(), "journal_issue": str(issue)}


def date_of_september(today):
    return today.replace(year=academic_year_start(today), month=9, day=1)
