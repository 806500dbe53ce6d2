"""What officers and others do with reports: draft, publish, ask for a profile."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from . import committee, journal
from .jobs import ReportRefused, request_job
from .models import CommitteeReport, CommitteeReportVersion, JournalIssue, ReportJob


def saved(instance: CommitteeReport | JournalIssue) -> None:
    """Every save of a report or issue is a new revision: a PDF is drawn from one revision."""
    type(instance).objects.filter(pk=instance.pk).update(revision=F("revision") + 1)
    instance.refresh_from_db(fields=["revision"])


def committee_draft(report: CommitteeReport, user) -> ReportJob:
    return request_job(
        ReportJob.Kind.COMMITTEE,
        {"report": report.pk, "revision": report.revision, "draft": True},
        title=f"Draft: {report.subject}",
        user=user,
    )


@transaction.atomic
def committee_publish(report: CommitteeReport, user) -> CommitteeReportVersion:
    """A new published version (its PDF, and a separate exempt appendix where there is one)."""
    report = CommitteeReport.objects.select_for_update().get(pk=report.pk)
    committee.check_publishable(report)
    already = report.versions.filter(revision=report.revision).first()
    if already is not None:
        raise ReportRefused(
            f"This text is already published as version {already.number}: change the report to "
            "publish a new version."
        )
    number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    parameters = {"report": report.pk, "revision": report.revision, "draft": False}
    job = request_job(
        ReportJob.Kind.COMMITTEE,
        {**parameters, "version": number},
        title=f"{report.subject} (version {number})",
        user=user,
    )
    exempt_job = None
    if committee.report_has_exempt_appendix(report):
        exempt_job = request_job(
            ReportJob.Kind.EXEMPT,
            {**parameters, "version": number},
            title=f"{report.subject}: Appendix A, exempt (version {number})",
            user=user,
        )
    return CommitteeReportVersion.objects.create(
        report=report,
        number=number,
        revision=report.revision,
        exempt=report.exempt,
        appendix_readers=report.appendix_readers,
        job=job,
        exempt_job=exempt_job,
        published_by=user,
    )


def journal_pdf(issue: JournalIssue, user, *, draft: bool) -> ReportJob:
    return request_job(
        ReportJob.Kind.JOURNAL,
        {"issue": issue.pk, "revision": issue.revision, "draft": draft},
        title=f"{'Draft: ' if draft else ''}{issue}",
        user=user,
    )


@transaction.atomic
def journal_publish(issue: JournalIssue, user) -> JournalIssue:
    issue = JournalIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == JournalIssue.Status.PUBLISHED:
        raise ReportRefused("This issue is already published.")
    journal.check_publishable(issue)
    issue.job = journal_pdf(issue, user, draft=False)
    issue.status = JournalIssue.Status.PUBLISHED
    issue.published_by, issue.published_at = user, timezone.now()
    issue.save(update_fields=["job", "status", "published_by", "published_at", "updated_at"])
    return issue


def school_profile(school, user) -> ReportJob:
    return request_job(
        ReportJob.Kind.SCHOOL,
        {"urn": school.urn, "viewer": user.pk},
        title=f"School profile: {school.name}",
        user=user,
        reuse_done_within=settings.REPORT_REUSE_SECONDS,
    )
