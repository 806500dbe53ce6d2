"""Pages of the schools register."""

import uuid

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from partnership import impact
from partnership import selectors as partnership_selectors
from partnership.services import access_event_record
from partnership.tasks import send
from partnership.views.mixins import PermissionRequiredMixin, require_permission
from reviews import selectors as review_selectors

from . import exports, outcomes, selectors, services
from .filters import SchoolFilter
from .forms import (
    ImportUploadForm,
    RiskAssessmentForm,
    VisitActionFormSet,
    VisitForm,
    VisitResponseForm,
)
from .models import ImportRun, School, Visit
from .tasks import run_import_task


class SchoolListView(PermissionRequiredMixin, ListView):
    permission_required = "schools.view_school"
    template_name = "schools/school_list.html"
    context_object_name = "schools"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = SchoolFilter(
            self.request.GET,
            queryset=selectors.school_table(viewer=self.request.user),
            viewer=self.request.user,
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["show_risk"] = self.request.user.has_perm("schools.view_risk")
        context["good_or_better_rule"] = outcomes.GOOD_OR_BETTER_RULE
        context["stuck_rule"] = outcomes.STUCK_RULE
        return context


class SchoolExportView(PermissionRequiredMixin, View):
    permission_required = "schools.export_schools"

    def get(self, request, fmt):
        filterset = SchoolFilter(
            request.GET, queryset=selectors.school_table(viewer=request.user), viewer=request.user
        )
        schools = filterset.qs
        if request.user.has_perm("schools.view_risk"):
            access_event_record(
                request=request,
                kind="viewed_confidential",
                detail=f"Exported the school list with risk categories as {fmt.upper()}",
            )
        if fmt == "csv":
            return exports.csv_response(schools, request.user)
        return exports.xlsx_response(schools, request.user)


class SchoolDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "schools.view_school"
    template_name = "schools/school_detail.html"
    context_object_name = "school"

    def get_object(self, queryset=None):
        try:
            return selectors.school_detail(viewer=self.request.user, urn=self.kwargs["urn"])
        except School.DoesNotExist:
            raise Http404("No such school") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, school = self.request.user, self.object
        inspections = selectors.inspection_history(school=school)
        context["inspections"] = [
            {
                "inspection": inspection,
                "era": outcomes.era_label(inspection),
                "headline": outcomes.headline(inspection),
                "judgements": outcomes.describe(inspection),
                "good": outcomes.judgement_is_good_or_better(inspection),
            }
            for inspection in inspections
        ]
        context["good_or_better_rule"] = outcomes.GOOD_OR_BETTER_RULE
        context["stuck_rule"] = outcomes.STUCK_RULE
        context["can_see_risk"] = user.has_perm("schools.view_school_risk", school)
        if context["can_see_risk"]:
            context["risk_history"] = selectors.risk_history(viewer=user, school=school)
            access_event_record(
                request=self.request,
                kind="viewed_confidential",
                detail="Viewed the school's risk category",
                obj=school,
            )
        context["can_assess_risk"] = user.has_perm("schools.assess_risk")
        context["visits"] = list(selectors.visit_list(viewer=user, school=school)[:20])
        context["can_record_visit"] = user.has_perm("schools.record_visit")
        if user.has_perm("partnership.view_support"):
            support = partnership_selectors.school_support(viewer=user, school=school)
            context["support_deployments"] = support["deployments"]
            context["support_requests"] = support["requests"]
            if context["support_deployments"]:
                context["impact_rows"] = impact.for_school(
                    school=school, include_risk=context["can_see_risk"]
                )
        if user.has_perm("reviews.view_programme"):
            context["peer_reviews"] = list(
                review_selectors.reviews_of_school(viewer=user, school=school)
            )
        context["today"] = timezone.localdate()
        return context


class RiskAssessView(PermissionRequiredMixin, FormView):
    permission_required = "schools.assess_risk"
    template_name = "schools/risk_form.html"
    form_class = RiskAssessmentForm

    def load_objects(self, urn):
        self.school = get_object_or_404(selectors.school_list(viewer=self.request.user), urn=urn)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["categories"] = selectors.risk_categories_for(self.school)
        kwargs.setdefault("initial", {})["assessed_on"] = timezone.localdate()
        if self.school.risk_category_id:
            kwargs["initial"]["category"] = self.school.risk_category_id
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["school"] = self.school
        return context

    def form_valid(self, form):
        services.risk_assess(
            school=self.school,
            category=form.cleaned_data["category"],
            assessed_on=form.cleaned_data["assessed_on"],
            rationale=form.cleaned_data["rationale"],
            next_review_on=form.cleaned_data.get("next_review_on"),
            officer=self.request.user,
        )
        messages.success(self.request, f"Risk category saved for {self.school.name}.")
        return redirect(reverse("schools:detail", args=[self.school.urn]) + "#risk")


class RiskReviewListView(PermissionRequiredMixin, ListView):
    permission_required = "schools.view_risk"
    template_name = "schools/risk_reviews.html"
    context_object_name = "schools"
    paginate_by = 100

    def get_queryset(self):
        self.today = timezone.localdate()
        queryset = selectors.risk_reviews(viewer=self.request.user, today=self.today)
        self.overdue_count = queryset.filter(risk_review_due__lt=self.today).count()
        self.unassessed = (
            selectors.school_list(viewer=self.request.user)
            .exclude(status="closed")
            .filter(risk_category__isnull=True)
            .count()
        )
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(today=self.today, overdue=self.overdue_count, unassessed=self.unassessed)
        return context


# ----------------------------------------------------------------------------------- visits


class VisitFormView(PermissionRequiredMixin, TemplateView):
    """Record a visit (with its agreed actions), or change a draft."""

    permission_required = "schools.record_visit"
    template_name = "schools/visit_form.html"

    def setup_objects(self):
        user = self.request.user
        if "pk" in self.kwargs:
            self.visit = get_object_or_404(selectors.visit_list(viewer=user), pk=self.kwargs["pk"])
            require_permission(self.request, "schools.change_visit", self.visit)
            self.school = self.visit.school
        else:
            self.visit = None
            self.school = get_object_or_404(
                selectors.school_list(viewer=user), urn=self.kwargs["urn"]
            )

    def forms(self, data=None):
        form = VisitForm(data, instance=self.visit)
        formset = VisitActionFormSet(data, instance=self.visit or Visit(), prefix="actions")
        return form, formset

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        form, formset = self.forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                visit = form.save(commit=False)
                if self.visit is None:
                    visit.school, visit.officer = self.school, request.user
                visit.save()
                formset.instance = visit
                formset.save()
            messages.success(request, "Record of visit saved. It is a draft until you share it.")
            return redirect("schools:visit", pk=visit.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(school=self.school, visit=self.visit)
        return context


class VisitDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "schools.view_school"
    template_name = "schools/visit_detail.html"
    context_object_name = "visit"

    def get_queryset(self):
        return selectors.visit_list(viewer=self.request.user).prefetch_related("actions")

    def get_object(self, queryset=None):
        visit = super().get_object(queryset)
        require_permission(self.request, "schools.view_visit", visit)
        access_event_record(
            request=self.request,
            kind="viewed_confidential",
            detail="Viewed a record of visit",
            obj=visit,
        )
        return visit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, visit = self.request.user, self.object
        context["can_change"] = user.has_perm("schools.change_visit", visit)
        context["can_share"] = user.has_perm("schools.share_visit", visit)
        context["can_respond"] = user.has_perm("schools.respond_to_visit", visit)
        context["today"] = timezone.localdate()
        return context


class VisitShareView(PermissionRequiredMixin, View):
    permission_required = "schools.record_visit"

    def post(self, request, pk):
        visit = get_object_or_404(selectors.visit_list(viewer=request.user), pk=pk)
        require_permission(request, "schools.share_visit", visit)
        Visit.objects.filter(pk=visit.pk, shared_at__isnull=True).update(shared_at=timezone.now())
        messages.success(
            request, f"Shared with {visit.school.name}. Their headteacher can now respond."
        )
        return redirect("schools:visit", pk=visit.pk)


class VisitRespondView(PermissionRequiredMixin, FormView):
    permission_required = "schools.view_school"
    template_name = "schools/visit_respond.html"
    form_class = VisitResponseForm

    def load_objects(self, pk):
        self.visit = get_object_or_404(selectors.visit_list(viewer=self.request.user), pk=pk)
        require_permission(self.request, "schools.respond_to_visit", self.visit)

    def get_initial(self):
        if self.visit.response != Visit.Response.AWAITING:
            return {"response": self.visit.response, "response_text": self.visit.response_text}
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visit"] = self.visit
        return context

    def form_valid(self, form):
        visit = self.visit
        visit.response = form.cleaned_data["response"]
        visit.response_text = (
            form.cleaned_data["response_text"].strip()
            if visit.response == Visit.Response.DISPUTED
            else ""
        )
        visit.responded_by, visit.responded_at = self.request.user, timezone.now()
        visit.save(update_fields=["response", "response_text", "responded_by", "responded_at"])
        messages.success(self.request, "Thank you: your response has been sent to the LA.")
        return redirect("schools:visit", pk=visit.pk)


# ---------------------------------------------------------------------------------- imports


def _start_import(run_id: int, apply: bool) -> None:
    """Hand the run to the queue; if the queue cannot be reached, the run fails with a reason
    and its page offers "Try again" (the upload is kept)."""
    if not send(run_import_task, run_id, apply):
        ImportRun.objects.filter(pk=run_id).update(
            state=ImportRun.State.FAILED,
            error="The import could not be started: the service's queue cannot be reached "
            "just now. Nothing was changed. Try again in a few minutes.",
        )


class ImportListView(PermissionRequiredMixin, ListView):
    permission_required = "schools.import_data"
    template_name = "schools/import_list.html"
    context_object_name = "runs"
    paginate_by = 50

    def get_queryset(self):
        return selectors.import_run_list(viewer=self.request.user)


class ImportUploadView(PermissionRequiredMixin, FormView):
    permission_required = "schools.import_data"
    template_name = "schools/import_form.html"
    form_class = ImportUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        run = ImportRun(
            kind=form.cleaned_data["kind"],
            file_name=upload.name[:255],
            la_codes=form.cleaned_data["la_codes"] if form.cleaned_data["kind"] == "gias" else [],
            started_by=self.request.user,
            source="web",
            bytes_total=upload.size,
        )
        # The server chooses the stored name; the upload's own name is kept only as a label.
        run.stored_file.save(f"{run.kind}-{uuid.uuid4().hex}.csv", upload, save=False)
        run.save()
        transaction.on_commit(lambda: _start_import(run.pk, False))
        return redirect("schools:import", pk=run.pk)


class ImportDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "schools.import_data"
    template_name = "schools/import_detail.html"
    context_object_name = "run"

    def get_queryset(self):
        return selectors.import_run_list(viewer=self.request.user)


class ImportApplyView(PermissionRequiredMixin, View):
    permission_required = "schools.import_data"

    def post(self, request, pk):
        run = get_object_or_404(selectors.import_run_list(viewer=request.user), pk=pk)
        updated = ImportRun.objects.filter(
            pk=run.pk, state__in=[ImportRun.State.PREVIEW, ImportRun.State.FAILED]
        ).exclude(stored_file="")
        if run.state == ImportRun.State.FAILED and run.problems:
            messages.error(request, "This file has rejected rows: correct them and upload again.")
            return redirect("schools:import", pk=run.pk)
        # A run whose check never finished is checked again; one that was checked is applied.
        apply = run.state == ImportRun.State.PREVIEW or bool(run.summary)
        if updated.update(
            state=ImportRun.State.QUEUED, started_by=request.user, error="", bytes_done=0
        ):
            transaction.on_commit(lambda: _start_import(run.pk, apply))
        return redirect("schools:import", pk=run.pk)
