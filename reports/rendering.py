"""Drawing a report job's PDF: the context for its kind, its HTML template, then WeasyPrint.

The command line (`manage.py report`) and the worker call the same `render_job`.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .jobs import ReportRefused
from .models import CommitteeReport, JournalIssue, ReportJob

TEMPLATES = {
    ReportJob.Kind.COMMITTEE: "reports/pdf/committee.html",
    ReportJob.Kind.EXEMPT: "reports/pdf/exempt_appendix.html",
    ReportJob.Kind.JOURNAL: "reports/pdf/journal.html",
    ReportJob.Kind.SCHOOL: "reports/pdf/school_profile.html",
}


def render_job(job: ReportJob, progress=None) -> bytes:
    progress = progress or (lambda percent, stage: None)
    progress(2, "Gathering the data")
    context = context_for(job, progress)
    context.update(
        {
            "council_name": settings.COUNCIL_NAME,
            "service_name": settings.SERVICE_NAME,
            "journal_name": settings.JOURNAL_NAME,
            "generated": timezone.localtime(),
            "draft": bool(job.parameters.get("draft")),
            "job": job,
        }
    )
    progress(70, "Drawing the PDF")
    html = render_to_string(TEMPLATES[job.kind], context)
    return write_pdf(html)


def write_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported when needed: it is slow to load

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def context_for(job: ReportJob, progress) -> dict:
    parameters = job.parameters
    if job.kind in (ReportJob.Kind.COMMITTEE, ReportJob.Kind.EXEMPT):
        from . import committee

        report = CommitteeReport.objects.filter(pk=parameters.get("report")).first()
        if report is None:
            raise ReportRefused("The committee report has been deleted.")
        if not parameters.get("draft") and report.revision != parameters.get("revision"):
            raise ReportRefused(
                "The report was changed while it was being published: publish it again."
            )
        context = committee.build(report, progress=progress)
        context["version"] = parameters.get("version")
        return context
    if job.kind == ReportJob.Kind.JOURNAL:
        from .journal import issue_context

        issue = JournalIssue.objects.filter(pk=parameters.get("issue")).first()
        if issue is None:
            raise ReportRefused("The journal issue has been deleted.")
        return issue_context(issue)
    if job.kind == ReportJob.Kind.SCHOOL:
        from partnership.models import User

        from .profile import profile_context

        viewer = User.objects.filter(pk=parameters.get("viewer"), is_active=True).first()
        if viewer is None:
            raise ReportRefused("The account that asked for this profile is no longer active.")
        return profile_context(urn=parameters.get("urn"), viewer=viewer)
    raise ReportRefused(f"There is no report of the kind “{job.kind}”.")
