"""Reports: committee reports, the termly journal, school profiles and the jobs that draw them.

Every file is served by `JobDownloadView`, which checks `reports.download` on the job; nothing
is reachable through a public media URL.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from partnership import permissions
from partnership.services import access_event_record
from partnership.views.mixins import PermissionRequiredMixin, require_permission
from schools.models import School

from . import committee, services
from .forms import CommitteeReportForm, JournalIssueForm
from .jobs import ReportRefused, run_again
from .journal import draft_issue
from .models import CommitteeReport, CommitteeReportVersion, JournalIssue, ReportJob
from .sections import all_blocks


def _versions():
    return Prefetch(
        "versions",
        queryset=CommitteeReportVersion.objects.select_related("job", "exempt_job").order_by(
            "-number"
        ),
    )


def _report_for(user, pk) -> CommitteeReport:
    reports = permissions.scope_committee_reports(user, CommitteeReport.objects.all())
    return get_object_or_404(reports.select_related("board").prefetch_related(_versions()), pk=pk)


def _issue_for(user, pk) -> JournalIssue:
    issues = permissions.scope_journal_issues(user, JournalIssue.objects.select_related("job"))
    return get_object_or_404(issues, pk=pk)


def _readable_versions(user, report) -> list[dict]:
    """Each published version with the files this user may download."""
    rows = []
    for version in report.versions.all():
        files = [
            (label, job)
            for label, job in (("Report", version.job), ("Exempt appendix", version.exempt_job))
            if job is not None and user.has_perm("reports.download", job)
        ]
        unfinished = [
            job
            for job in (version.job, version.exempt_job)
            if job is not None and job.status != ReportJob.Status.DONE
        ]
        if files or (unfinished and user.has_perm("reports.manage_committee_reports")):
            rows.append({"version": version, "files": files, "unfinished": unfinished})
    return rows


class ReportsHomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_reports"
    template_name = "reports/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        reports = permissions.scope_committee_reports(
            user, CommitteeReport.objects.select_related("board")
        ).prefetch_related(_versions())[:50]
        context["reports"] = [
            {"report": report, "versions": _readable_versions(user, report)} for report in reports
        ]
        context["issues"] = list(
            permissions.scope_journal_issues(user, JournalIssue.objects.select_related("job"))[:12]
        )
        context["jobs"] = list(ReportJob.objects.filter(requested_by=user)[:10])  # their own
        context["can_manage_reports"] = user.has_perm("reports.manage_committee_reports")
        context["can_manage_journal"] = user.has_perm("reports.manage_journal")
        context["can_see_reports"] = user.has_perm("reports.manage_committee_reports") or (
            permissions.is_board_member(user)
        )
        return context


class CommitteeReportFormView(PermissionRequiredMixin, FormView):
    permission_required = "reports.manage_committee_reports"
    template_name = "reports/committee_form.html"
    form_class = CommitteeReportForm
    report = None

    def load_objects(self, pk=None):
        if pk is not None:
            self.report = _report_for(self.request.user, pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.report
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        return context

    @transaction.atomic
    def form_valid(self, form):
        report = form.save(commit=False)
        if report.pk is None:
            report.created_by = self.request.user
        report.save()
        form.save_m2m()
        if self.report is not None:
            services.saved(report)
        messages.success(self.request, "The report is saved.")
        return redirect("reports:committee", pk=report.pk)


class CommitteeReportDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_reports"
    template_name = "reports/committee_detail.html"

    def load_objects(self, pk):
        self.report = _report_for(self.request.user, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, report = self.request.user, self.report
        can_manage = user.has_perm("reports.manage_committee_reports")
        blocks = all_blocks()
        context.update(
            report=report,
            can_manage=can_manage,
            versions=_readable_versions(user, report),
            header=committee.header_rows(report),
            chosen=[blocks[key] for key in blocks if key in report.sections],
            exempt_chosen=[blocks[key].title for key in report.exempt_sections if key in blocks],
            separate_appendix=committee.report_has_exempt_appendix(report),
        )
        if can_manage:
            latest = report.versions.all()[0] if report.versions.all() else None
            context["published_current"] = latest is not None and latest.revision == report.revision
            context["latest_version"] = latest
            context["draft_job"] = (
                ReportJob.objects.filter(
                    kind=ReportJob.Kind.COMMITTEE,
                    parameters__report=report.pk,
                    parameters__draft=True,
                )
                .order_by("-created_at", "-pk")
                .first()
            )
            try:
                committee.check_publishable(report)
                context["publish_problem"] = ""
            except ReportRefused as refusal:
                context["publish_problem"] = refusal.message
        return context


class CommitteeDraftView(PermissionRequiredMixin, View):
    permission_required = "reports.manage_committee_reports"

    def load_objects(self, pk):
        self.report = _report_for(self.request.user, pk)

    def post(self, request, pk):
        job = services.committee_draft(self.report, request.user)
        return redirect("reports:job", pk=job.pk)


class CommitteePublishView(PermissionRequiredMixin, View):
    permission_required = "reports.manage_committee_reports"

    def load_objects(self, pk):
        self.report = _report_for(self.request.user, pk)

    def post(self, request, pk):
        try:
            version = services.committee_publish(self.report, request.user)
        except ReportRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("reports:committee", pk=pk)
        messages.success(
            request,
            f"Version {version.number} is being drawn; board members can read it as soon as it "
            "is ready.",
        )
        return redirect("reports:job", pk=version.job_id)


class JournalListView(PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_reports"
    template_name = "reports/journal_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["issues"] = list(
            permissions.scope_journal_issues(user, JournalIssue.objects.select_related("job"))
        )
        context["can_manage"] = user.has_perm("reports.manage_journal")
        return context


class JournalDraftNewView(PermissionRequiredMixin, View):
    permission_required = "reports.manage_journal"

    def post(self, request):
        issue, created = draft_issue(timezone.localdate())
        if created:
            messages.success(
                request, f"The {issue.term_label} issue is drafted from what the service holds."
            )
        return redirect("reports:journal_issue", pk=issue.pk)


class JournalIssueView(PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_reports"
    template_name = "reports/journal_issue.html"

    def load_objects(self, pk):
        self.issue = _issue_for(self.request.user, pk)

    def get_context_data(self, **kwargs):
        from .journal import issue_context

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(issue_context(self.issue))
        context["can_manage"] = user.has_perm("reports.manage_journal")
        context["can_download"] = self.issue.job is not None and user.has_perm(
            "reports.download", self.issue.job
        )
        if context["can_manage"]:
            context["draft_job"] = (
                ReportJob.objects.filter(
                    kind=ReportJob.Kind.JOURNAL,
                    parameters__issue=self.issue.pk,
                    parameters__draft=True,
                )
                .order_by("-created_at", "-pk")
                .first()
            )
        return context


class JournalIssueEditView(PermissionRequiredMixin, FormView):
    permission_required = "reports.manage_journal"
    template_name = "reports/journal_form.html"
    form_class = JournalIssueForm

    def load_objects(self, pk):
        self.issue = _issue_for(self.request.user, pk)

    def dispatch_refused(self):
        messages.error(self.request, "A published issue cannot be changed.")
        return redirect("reports:journal_issue", pk=self.issue.pk)

    def get(self, request, *args, **kwargs):
        if self.issue.status == JournalIssue.Status.PUBLISHED:
            return self.dispatch_refused()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.issue.status == JournalIssue.Status.PUBLISHED:
            return self.dispatch_refused()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.issue
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issue"] = self.issue
        return context

    @transaction.atomic
    def form_valid(self, form):
        form.save()
        services.saved(self.issue)
        messages.success(self.request, "The issue is saved.")
        return redirect("reports:journal_issue", pk=self.issue.pk)


class JournalDraftPdfView(PermissionRequiredMixin, View):
    permission_required = "reports.manage_journal"

    def load_objects(self, pk):
        self.issue = _issue_for(self.request.user, pk)

    def post(self, request, pk):
        job = services.journal_pdf(self.issue, request.user, draft=True)
        return redirect("reports:job", pk=job.pk)


class JournalPublishView(PermissionRequiredMixin, View):
    permission_required = "reports.manage_journal"

    def load_objects(self, pk):
        self.issue = _issue_for(self.request.user, pk)

    def post(self, request, pk):
        try:
            issue = services.journal_publish(self.issue, request.user)
        except ReportRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("reports:journal_issue", pk=pk)
        messages.success(request, "The issue is published: it is being drawn for every school.")
        return redirect("reports:job", pk=issue.job_id)


def _job_for(user, pk, permission="reports.view_job") -> ReportJob:
    job = ReportJob.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None or not user.has_perm(permission, job):
        raise Http404("No such report")
    return job


class JobDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_reports"
    template_name = "reports/job_detail.html"

    def load_objects(self, pk):
        self.job = _job_for(self.request.user, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, job = self.request.user, self.job
        context.update(
            job=job,
            can_download=user.has_perm("reports.download", job),
            can_run_again=job.can_run_again and user.has_perm("reports.run_job_again", job),
            back=_back_for(job),
        )
        return context


def _back_for(job: ReportJob) -> tuple[str, str]:
    from django.urls import reverse

    parameters = job.parameters
    if job.kind in (ReportJob.Kind.COMMITTEE, ReportJob.Kind.EXEMPT) and parameters.get("report"):
        return reverse("reports:committee", args=[parameters["report"]]), "The report"
    if job.kind == ReportJob.Kind.JOURNAL and parameters.get("issue"):
        return reverse("reports:journal_issue", args=[parameters["issue"]]), "The journal issue"
    if job.kind == ReportJob.Kind.SCHOOL and parameters.get("urn"):
        return reverse("schools:detail", args=[parameters["urn"]]), "The school"
    return reverse("reports:home"), "Reports"


class JobRunAgainView(PermissionRequiredMixin, View):
    permission_required = "reports.view_reports"

    def load_objects(self, pk):
        self.job = _job_for(self.request.user, pk)
        require_permission(self.request, "reports.run_job_again", self.job)

    def post(self, request, pk):
        if self.job.can_run_again:
            run_again(self.job, request.user)
            messages.success(request, "The report is being drawn again.")
        return redirect("reports:job", pk=pk)


class JobDownloadView(PermissionRequiredMixin, View):
    permission_required = "reports.view_reports"

    def load_objects(self, pk):
        self.job = _job_for(self.request.user, pk, "reports.download")

    def get(self, request, pk):
        job = self.job
        try:
            handle = job.file.open("rb")
        except (OSError, ValueError):
            raise Http404("The file is missing: draw the report again.") from None
        if job.kind in (ReportJob.Kind.EXEMPT, ReportJob.Kind.SCHOOL) or job.parameters.get(
            "draft"
        ):
            access_event_record(
                request=request,
                kind="viewed_confidential",
                detail=f"Downloaded {job.get_kind_display().lower()}: {job.title}",
                obj=job,
            )
        response = FileResponse(
            handle, as_attachment=True, filename=job.download_name, content_type="application/pdf"
        )
        response["Cache-Control"] = "private, no-store"
        return response


class SchoolProfileView(PermissionRequiredMixin, View):
    permission_required = "reports.school_profile"

    def load_objects(self, urn):
        schools = permissions.scope_schools(self.request.user, School.objects.all())
        self.school = get_object_or_404(schools, urn=urn)

    def post(self, request, urn):
        job = services.school_profile(self.school, request.user)
        return redirect("reports:job", pk=job.pk)
