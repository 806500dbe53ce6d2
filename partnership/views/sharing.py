"""CPD offers and good-practice case studies (both feed the termly journal), and projects."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from schools.models import School

from .. import permissions
from ..forms import (
    CaseStudyForm,
    CaseStudyReviewForm,
    CpdOfferForm,
    ProjectForm,
    ProjectSchoolsForm,
    ProjectTrainingForm,
)
from ..models import CaseStudy, CpdOffer, Project, ProjectSchool, ProjectTraining
from .mixins import PermissionRequiredMixin, require_permission

# -------------------------------------------------------------------------------- CPD offers


class CpdListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_cpd"
    template_name = "partnership/cpd_list.html"
    context_object_name = "offers"
    paginate_by = 50

    def get_queryset(self):
        today = timezone.localdate()
        return (
            CpdOffer.objects.filter(withdrawn_at__isnull=True)
            .exclude(starts_on__lt=today, ends_on__isnull=True)
            .exclude(ends_on__lt=today)
        )


class CpdDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "partnership.view_cpd"
    template_name = "partnership/cpd_detail.html"
    context_object_name = "offer"
    queryset = CpdOffer.objects.select_related("posted_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("partnership.change_cpd", self.object)
        return context


class CpdFormView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.post_cpd"
    template_name = "partnership/cpd_form.html"
    form_class = CpdOfferForm

    def load_objects(self, pk=None):
        self.offer = None
        if pk:
            self.offer = get_object_or_404(CpdOffer, pk=pk)
            require_permission(self.request, "partnership.change_cpd", self.offer)

    def get_form_kwargs(self):
        instance = self.offer or CpdOffer(posted_by=self.request.user)
        return {**super().get_form_kwargs(), "instance": instance}

    def form_valid(self, form):
        offer = form.save()
        messages.success(self.request, f"{offer.title} saved: every school can see it.")
        return redirect("cpd:detail", pk=offer.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "offer": self.offer}


class CpdWithdrawView(PermissionRequiredMixin, View):
    permission_required = "partnership.post_cpd"

    def post(self, request, pk):
        offer = get_object_or_404(CpdOffer, pk=pk)
        require_permission(request, "partnership.change_cpd", offer)
        CpdOffer.objects.filter(pk=offer.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        messages.success(request, f"{offer.title} withdrawn.")
        return redirect("cpd:list")


# ----------------------------------------------------------------------------- good practice


class CaseStudyListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_good_practice"
    template_name = "partnership/case_study_list.html"
    context_object_name = "studies"
    paginate_by = 50

    def get_queryset(self):
        return permissions.scope_case_studies(
            self.request.user, CaseStudy.objects.select_related("school")
        ).filter(status=CaseStudy.Status.PUBLISHED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = permissions.scope_case_studies(
            self.request.user, CaseStudy.objects.select_related("school")
        ).exclude(status=CaseStudy.Status.PUBLISHED)
        if not permissions.is_officer_or_admin(self.request.user):
            mine = mine.filter(school_id__in=self.request.user.school_ids)
        context["unpublished"] = mine.order_by("status", "-updated_at")[:50]
        return context


def _study_for(user, pk) -> CaseStudy:
    return get_object_or_404(
        permissions.scope_case_studies(user, CaseStudy.objects.select_related("school")), pk=pk
    )


class CaseStudyDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.view_good_practice"
    template_name = "partnership/case_study_detail.html"

    def load_objects(self, pk):
        self.study = _study_for(self.request.user, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, study = self.request.user, self.study
        context.update(
            study=study,
            can_change=user.has_perm("partnership.change_case_study", study),
            can_review=user.has_perm("partnership.review_case_study", study),
        )
        return context


class CaseStudyFormView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.write_case_study"
    template_name = "partnership/case_study_form.html"
    form_class = CaseStudyForm

    def load_objects(self, pk=None):
        self.study = None
        if pk:
            self.study = _study_for(self.request.user, pk)
            require_permission(self.request, "partnership.change_case_study", self.study)

    def get_form_kwargs(self):
        schools = School.objects.filter(pk__in=self.request.user.school_ids).order_by("name")
        instance = self.study or CaseStudy(author=self.request.user)
        return {**super().get_form_kwargs(), "instance": instance, "schools": schools}

    def form_valid(self, form):
        study = form.save()
        messages.success(self.request, "Draft saved. Send it to the LA when it is ready.")
        return redirect("good_practice:detail", pk=study.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "study": self.study}


class CaseStudySubmitView(PermissionRequiredMixin, View):
    permission_required = "partnership.write_case_study"

    def post(self, request, pk):
        study = _study_for(request.user, pk)
        require_permission(request, "partnership.change_case_study", study)
        CaseStudy.objects.filter(pk=study.pk, status__in=["draft", "returned"]).update(
            status=CaseStudy.Status.SUBMITTED, updated_at=timezone.now()
        )
        messages.success(request, "Sent to the LA to review before it is published.")
        return redirect("good_practice:detail", pk=study.pk)


class CaseStudyReviewView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.view_good_practice"
    template_name = "partnership/case_study_review.html"
    form_class = CaseStudyReviewForm

    def load_objects(self, pk):
        self.study = _study_for(self.request.user, pk)
        require_permission(self.request, "partnership.review_case_study", self.study)

    def form_valid(self, form):
        publish = form.cleaned_data["decision"] == "publish"
        with transaction.atomic():
            updated = CaseStudy.objects.filter(
                pk=self.study.pk, status=CaseStudy.Status.SUBMITTED
            ).update(
                status=CaseStudy.Status.PUBLISHED if publish else CaseStudy.Status.RETURNED,
                review_comment=form.cleaned_data["comment"].strip(),
                reviewed_by=self.request.user,
                published_at=timezone.now() if publish else None,
                updated_at=timezone.now(),
            )
        if updated:
            messages.success(
                self.request,
                "Published for every school." if publish else "Returned to the school.",
            )
        return redirect("good_practice:detail", pk=self.study.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "study": self.study}


# ---------------------------------------------------------------------------------- projects


class ProjectListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.manage_projects"
    template_name = "partnership/project_list.html"
    context_object_name = "projects"
    paginate_by = 50

    def get_queryset(self):
        return Project.objects.select_related("lead").annotate(
            n_schools=Count("schools", distinct=True), n_trained=Count("trained", distinct=True)
        )


class ProjectFormView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_projects"
    template_name = "partnership/project_form.html"
    form_class = ProjectForm

    def load_objects(self, pk=None):
        self.project = get_object_or_404(Project, pk=pk) if pk else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.project}

    def form_valid(self, form):
        project = form.save()
        messages.success(self.request, f"{project.title} saved.")
        return redirect("projects:detail", pk=project.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "project": self.project}


class ProjectDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.manage_projects"
    template_name = "partnership/project_detail.html"

    def load_objects(self, pk):
        self.project = get_object_or_404(Project.objects.select_related("lead"), pk=pk)

    def get_context_data(self, schools_form=None, training_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.project
        context.update(
            project=project,
            schools=project.schools.select_related("school"),
            trained=project.trained.select_related("person__school"),
            schools_form=schools_form or ProjectSchoolsForm(prefix="schools"),
            training_form=training_form or ProjectTrainingForm(prefix="training"),
        )
        return context

    def post(self, request, pk):
        """Add schools (by URN) or record someone trained: one transaction, nothing half-done."""
        if "schools-urns" in request.POST:
            form = ProjectSchoolsForm(request.POST, prefix="schools")
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(schools_form=form))
            with transaction.atomic():
                have = set(self.project.schools.values_list("school_id", flat=True))
                ProjectSchool.objects.bulk_create(
                    ProjectSchool(
                        project=self.project,
                        school_id=pk_,
                        joined_on=form.cleaned_data["joined_on"],
                    )
                    for pk_ in form.cleaned_data["urns"]
                    if pk_ not in have
                )
            added = len(set(form.cleaned_data["urns"]) - have)
            messages.success(request, f"{added} school(s) added.")
        else:
            form = ProjectTrainingForm(request.POST, prefix="training")
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(training_form=form))
            ProjectTraining.objects.get_or_create(
                project=self.project,
                person=form.cleaned_data["person"],
                defaults={"trained_on": form.cleaned_data["trained_on"]},
            )
            messages.success(request, f"{form.cleaned_data['person'].full_name} recorded.")
        return redirect("projects:detail", pk=self.project.pk)
