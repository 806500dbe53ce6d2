"""No leaks through side doors: a unique marker in each confidential record, then every page,
list, search, export (CSV and XLSX), calendar feed and PDF each role can reach is read for it.

A marker may appear only where DESIGN.md §4 allows (ALLOWED below); anywhere else is a leak.
The URLs and objects are the authorisation matrix's, so a new page is swept as soon as it has
matrix rows.
"""

import io
import zipfile

import pytest
from django.urls import reverse

from .test_authorisation_matrix import MATRIX, SIGNED_IN, matrix_objects  # noqa: F401

RISK = "LEAK-RISK-RATIONALE-4401"
DRAFT_VISIT = "LEAK-DRAFT-VISIT-4402"
SHARED_VISIT = "LEAK-SHARED-VISIT-4403"
FINDINGS = "LEAK-REVIEW-FINDINGS-4404"
DEPLOYMENT_NOTES = "LEAK-DEPLOYMENT-NOTES-4405"
LEADER_NOTES = "LEAK-LEADER-NOTES-4406"
MARKERS = [RISK, DRAFT_VISIT, SHARED_VISIT, FINDINGS, DEPLOYMENT_NOTES, LEADER_NOTES]

# Where each marker may be read: role -> the URL names that may show it (DESIGN.md §4).
ALLOWED = {
    # The reason for a school's risk category: officers; the school's own head on its page
    # and in the school profile drawn for them; never in a committee report or its appendix.
    RISK: {
        "officer": {
            "schools:detail",
            "schools:risk_assess",
            "schools:risk_reviews",
            "reports:download (profile)",
        },
        "admin": {
            "schools:detail",
            "schools:risk_assess",
            "schools:risk_reviews",
            "reports:download (profile)",
        },
        "headteacher": {"schools:detail", "reports:download (profile)"},
    },
    # A draft record of a visit: officers only. Once shared: the school's head too.
    DRAFT_VISIT: {
        "officer": {"schools:detail", "schools:visit", "schools:visit_edit"},
        "admin": {"schools:detail", "schools:visit", "schools:visit_edit"},
    },
    SHARED_VISIT: {
        "officer": {"schools:detail", "schools:visit"},
        "headteacher": {"schools:detail", "schools:visit", "schools:visit_respond"},
        "admin": {"schools:detail", "schools:visit", "schools:visit_respond"},
    },
    # Peer-review findings: the host school's head and the review team (the system leader
    # leads it); officers only when shared with the LA (it is not); administrators.
    FINDINGS: {
        "headteacher": {"reviews:review", "reviews:pdf", "reviews:findings"},
        "system_leader": {"reviews:review", "reviews:pdf", "reviews:findings"},
        "admin": {"reviews:review", "reviews:pdf", "reviews:findings"},
    },
    # What a system leader logged on a visit: officers, the leader, the supported school's head.
    DEPLOYMENT_NOTES: {
        "officer": {"support:deployment"},
        "admin": {"support:deployment"},
        "system_leader": {"support:deployment", "support:visit_log"},
        "headteacher": {"support:deployment"},
    },
    # The LA's notes on a system leader: officers only.
    LEADER_NOTES: {
        "officer": {"leaders:detail", "leaders:edit"},
        "admin": {"leaders:detail", "leaders:edit"},
    },
}


def text_of(response) -> str:
    """What a person could read in the answer: HTML, CSV, calendar, JSON, PDF or XLSX."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError, PdfStreamError

        try:
            return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        except (PdfReadError, PdfStreamError):  # the matrix's stand-in files are not real PDFs
            return body.decode("latin-1")
    if "spreadsheetml" in kind:
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return "\n".join(book.read(name).decode() for name in book.namelist())
    return body.decode("utf-8", errors="replace")


@pytest.fixture
def planted(matrix_objects, users, school):  # noqa: F811
    from partnership.models import DeploymentVisit
    from schools.models import RiskAssessment, RiskCategory

    category = RiskCategory.objects.filter(active=True).first()
    RiskAssessment.objects.create(
        school=school,
        category=category,
        assessed_on="2026-10-01",
        rationale=f"Governance weak. {RISK}",
        next_review_on="2027-01-01",
        assessed_by=users["officer"],
    )
    school.risk_category = category
    school.save(update_fields=["risk_category"])
    draft, shared = matrix_objects["draft_visit"], matrix_objects["shared_visit"]
    draft.notes, shared.notes = f"Draft. {DRAFT_VISIT}", f"Seen. {SHARED_VISIT}"
    draft.save(update_fields=["notes"])
    shared.save(update_fields=["notes"])
    review = matrix_objects["review"]
    for evaluation in review.evaluations.all():
        evaluation.strengths = f"Strength {FINDINGS}"
        evaluation.save(update_fields=["strengths"])
    assignment = matrix_objects["deployment"].assignments.first()
    DeploymentVisit.objects.create(
        assignment=assignment,
        visited_on="2026-10-05",
        days_used=1,
        notes=f"Met the English lead. {DEPLOYMENT_NOTES}",
        logged_by=users["system_leader"],
    )
    leader = matrix_objects["leader"]
    leader.notes = f"Prefers mornings. {LEADER_NOTES}"
    leader.save(update_fields=["notes"])
    # Real PDFs in place of the matrix's stand-in files: the committee report the board reads
    # (every data section) and the school profile drawn for the school's head.
    from reports import services as reports
    from reports.jobs import run_job
    from reports.sections import all_blocks

    report = matrix_objects["committee_report"]
    report.sections, report.exempt_sections = list(all_blocks()), ["schools_causing_concern"]
    report.save()
    reports.saved(report)
    version = reports.committee_publish(report, users["officer"])
    for job_id in (version.job_id, version.exempt_job_id):
        assert run_job(job_id) == "done"
    profile = reports.school_profile(school, users["headteacher"])
    assert run_job(profile.pk) == "done"
    version.job.refresh_from_db()
    profile.refresh_from_db()
    return {
        **matrix_objects,
        "published_job": version.job,
        "profile_job": profile,
        "exempt_job": version.exempt_job,
    }


@pytest.mark.django_db
def test_no_marker_leaks_through_any_page_export_feed_or_pdf(planted, users, school, client):
    objects = {"users": users, "school": school, **planted}
    found: dict[tuple[str, str], set[str]] = {}
    pages = [
        (name, reverse(name, kwargs=kwargs_for(objects) if kwargs_for else {}))
        for name, (kwargs_for, _expected) in sorted(MATRIX.items())
    ]
    # The spreadsheet export as well as the CSV one the matrix asks for.
    pages.append(("schools:export (xlsx)", reverse("schools:export", kwargs={"fmt": "xlsx"})))
    # Every kind of report file, not just the one the matrix downloads.
    for label, job in (("profile", planted["profile_job"]), ("exempt", planted["exempt_job"])):
        pages.append((f"reports:download ({label})", reverse("reports:download", args=[job.pk])))
    for name, url in pages:
        for role in SIGNED_IN:
            client.logout()
            client.force_login(users[role])
            response = client.get(url)
            if response.status_code != 200:
                continue
            text = text_of(response)
            for marker in MARKERS:
                if marker in text:
                    found.setdefault((marker, role), set()).add(name)
    leaks = {
        f"{marker} as {role}": sorted(names - ALLOWED[marker].get(role, set()))
        for (marker, role), names in found.items()
        if names - ALLOWED[marker].get(role, set())
    }
    assert not leaks, f"confidential markers where they must not be: {leaks}"
    # The sweep saw every marker where it belongs (a sweep that reads nothing proves nothing).
    for marker in MARKERS:
        assert any(key[0] == marker for key in found), f"{marker} was not found anywhere"
    assert "reports:download (profile)" in found[(RISK, "headteacher")]  # PDFs were read


@pytest.mark.django_db
def test_searching_for_a_confidential_word_finds_nothing(planted, users, school, client):
    """The search and filters match names and codes, never confidential text."""
    for role in SIGNED_IN:
        client.force_login(users[role])
        for marker in MARKERS:
            for url in (reverse("schools:list"), reverse("schools:export", kwargs={"fmt": "csv"})):
                response = client.get(url, {"q": marker})
                if response.status_code == 200:
                    assert school.name not in text_of(response), f"{url}?q={marker} as {role}"


@pytest.mark.django_db
def test_a_risk_filter_or_sort_is_no_side_door(planted, users, school, other_school, client):
    """Without the right to see risk categories, filtering or sorting by one changes nothing:
    the list still holds the school that is in no category."""
    category = school.risk_category
    for role in ("headteacher", "other_headteacher", "system_leader", "board_member"):
        client.force_login(users[role])
        for url in (reverse("schools:list"), reverse("schools:export", kwargs={"fmt": "csv"})):
            for query in ({"risk_category": category.pk}, {"sort": "review"}):
                text = text_of(client.get(url, query))
                assert other_school.name in text, f"{url}?{query} as {role}"
