"""Pages of the peer-review programme. Who may do what is in partnership/permissions.py."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from partnership.models import Person
from partnership.services import access_event_record
from partnership.views.mixins import PermissionRequiredMixin, require_permission
from reports.charts import horizontal_bar_chart, line_chart
from schools.models import School

from . import pdf, schedule, selectors, services, themes
from .forms import (
    ClusterForm,
    ConflictForm,
    CycleForm,
    EvaluationForm,
    FrameworkAreaForm,
    GradeScaleForm,
    PriorityFormSet,
    PrioritySupportForm,
    ScheduleForm,
    SharingForm,
    TeamMemberForm,
    TrainingRecordForm,
    TrainingSessionForm,
    WorkshopActionFormSet,
    WorkshopForm,
)
from .models import (
    ClusterMembership,
    Cycle,
    Framework,
    GradeScale,
    Priority,
    Review,
    TrainingRecord,
    TrainingSession,
)


def _refused(request, error: services.ReviewRefused, form=None):
    """Put a refusal on the form (on its field when it names one), or as a message."""
    if form is not None:
        field = error.field if error.field in getattr(form, "fields", {}) else None
        form.add_error(field, error.message)
    else:
        messages.error(request, error.message)


# ------------------------------------------------------------------------------ programme


class ProgrammeView(PermissionRequiredMixin, ListView):
    """The programme: this cycle's reach and the reviews the viewer may know of."""

    permission_required = "reviews.view_programme"
    template_name = "reviews/programme.html"
    context_object_name = "reviews"
    paginate_by = 50

    def get_queryset(self):
        get = self.request.GET
        self.cycles = list(Cycle.objects.order_by("-starts_on"))
        cycle = None
        if get.get("cycle", "").isdigit():
            cycle = next((c for c in self.cycles if c.pk == int(get["cycle"])), None)
        self.cycle = cycle or selectors.current_cycle(timezone.localdate())
        self.status = get.get("status", "") if get.get("status") in Review.Status.values else ""
        if self.cycle is None:
            return Review.objects.none()
        reviews = selectors.review_table(viewer=self.request.user, cycle=self.cycle)
        return reviews.filter(status=self.status) if self.status else reviews

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            cycles=self.cycles,
            cycle=self.cycle,
            status=self.status,
            statuses=Review.Status.choices,
            reach=selectors.reach(self.cycle) if user.has_perm("reviews.manage_programme") else {},
            person_id=user.person_id,
            school_ids=user.school_ids,
        )
        return context


# --------------------------------------------------------------------------------- a review


class ReviewMixin(PermissionRequiredMixin):
    """Loads the review the viewer may know of (404 otherwise), then checks `review_permission`
    on it; a closed review is refused with a message rather than an error page."""

    permission_required = "reviews.view_programme"
    review_permission = "reviews.view_review"
    # Pages that change the review; reading one (its page, its PDF) is allowed once closed.
    changes_review = True

    def load_objects(self, pk, **kwargs):
        self.review = selectors.review_detail(viewer=self.request.user, pk=pk)
        if self.changes_review and self.review.is_closed:
            raise ReviewClosed(self.review)
        require_permission(self.request, self.review_permission, self.review)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ReviewClosed as closed:
            messages.error(request, "This review is closed: it can no longer be changed.")
            return redirect("reviews:review", pk=closed.review.pk)

    def back(self):
        return redirect("reviews:review", pk=self.review.pk)


class ReviewClosed(Exception):
    def __init__(self, review):
        self.review = review


class ReviewDetailView(ReviewMixin, TemplateView):
    template_name = "reviews/review_detail.html"
    changes_review = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, review = self.request.user, self.review
        can_see = user.has_perm("reviews.view_findings", review)
        if can_see:
            access_event_record(
                request=self.request,
                kind="viewed_confidential",
                detail="Viewed a peer review's findings",
                obj=review,
            )
        can = {
            name: user.has_perm(f"reviews.{name}", review)
            for name in (
                "edit_self_evaluation",
                "edit_findings",
                "manage_team",
                "edit_schedule",
                "start_review",
                "submit_draft",
                "agree_report",
                "return_draft",
                "edit_workshop",
                "close_review",
                "set_sharing",
                "raise_support",
            )
        }
        context.update(
            review=review,
            can_see_findings=can_see,
            can=can,
            evaluations=list(review.evaluations.select_related("area__scale")) if can_see else [],
            priorities=list(review.priorities.select_related("area", "support_request"))
            if can_see
            else [],
            actions=list(review.actions.all()) if can_see else [],
            decisions=list(review.sharing_decisions.select_related("decided_by"))
            if can["set_sharing"] or can_see
            else [],
            submit_problems=services.submit_problems(review) if can["submit_draft"] else [],
            steps=Review.Status.choices,
        )
        return context


class EvaluationView(ReviewMixin, TemplateView):
    """The host's self-evaluation, or the team's findings: every area on one page, saved as a
    draft as often as needed."""

    template_name = "reviews/evaluation_form.html"
    fields: tuple[str, ...] = ()
    heading = ""
    intro = ""

    def form(self, data=None):
        evaluations = list(self.review.evaluations.select_related("area__scale"))
        return EvaluationForm(data, evaluations=evaluations, fields=self.fields)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.evaluations_save(
                    review=self.review, answers=form.answers(), fields=self.fields
                )
            except services.ReviewRefused as error:
                _refused(request, error, form)
            else:
                messages.success(request, "Saved. You can come back and change it.")
                if "continue" in request.POST:
                    return redirect(request.path)
                return self.back()
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(review=self.review, heading=self.heading, intro=self.intro)
        return context


class SelfEvaluationView(EvaluationView):
    review_permission = "reviews.edit_self_evaluation"
    fields = ("self_grade", "self_evaluation")
    heading = "The school's self-evaluation"
    intro = (
        "Your own view of each area, before the review. The team reads it; nobody else does "
        "unless you choose to share the review."
    )


class FindingsView(EvaluationView):
    review_permission = "reviews.edit_findings"
    fields = ("not_applicable", "team_grade", "evidence", "strengths", "areas_for_development")
    heading = "The team's findings"
    intro = (
        "The evidence, strengths and areas for development the team found in each area. The "
        "lead reviewer sends the draft report to the host school when every area is graded."
    )


class PrioritiesView(ReviewMixin, TemplateView):
    review_permission = "reviews.edit_findings"
    template_name = "reviews/priorities_form.html"

    def formset(self, data=None):
        return PriorityFormSet(
            data,
            queryset=self.review.priorities.all(),
            prefix="priorities",
            form_kwargs={"areas": self.review.framework.areas.all()},
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(formset=self.formset()))

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if formset.is_valid():
            with transaction.atomic():
                for form in formset.deleted_forms:
                    if form.instance.pk and form.instance.support_request_id is None:
                        form.instance.delete()
                for order, form in enumerate(formset.forms):
                    if form in formset.deleted_forms or not form.has_changed():
                        if form.instance.pk and form not in formset.deleted_forms:
                            Priority.objects.filter(pk=form.instance.pk).update(order=order)
                        continue
                    priority = form.save(commit=False)
                    priority.review, priority.order = self.review, order
                    priority.save()
            messages.success(request, "Priorities saved.")
            return self.back()
        return self.render_to_response(self.get_context_data(formset=formset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.review
        return context


class TeamView(ReviewMixin, FormView):
    review_permission = "reviews.manage_team"
    template_name = "reviews/team_form.html"
    form_class = TeamMemberForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["people"] = selectors.team_candidates(self.review)
        return kwargs

    def form_valid(self, form):
        try:
            services.team_member_add(
                review=self.review,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
            )
        except services.ReviewRefused as error:
            _refused(self.request, error, form)
            return self.form_invalid(form)
        messages.success(
            self.request, f"{form.cleaned_data['person'].full_name} added to the team."
        )
        return redirect("reviews:team", pk=self.review.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.review
        return context


class TeamRemoveView(ReviewMixin, View):
    review_permission = "reviews.manage_team"

    def post(self, request, pk, member):
        member = get_object_or_404(self.review.team.select_related("person"), pk=member)
        services.team_member_remove(review=self.review, member_id=member.pk)
        messages.success(request, f"{member.person.full_name} removed from the team.")
        return redirect("reviews:team", pk=self.review.pk)


class ScheduleEditView(ReviewMixin, FormView):
    review_permission = "reviews.edit_schedule"
    template_name = "reviews/schedule_form.html"
    form_class = ScheduleForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        review = self.review
        members = ClusterMembership.objects.filter(cluster_id=review.cluster_id).values("school_id")
        kwargs["schools"] = (
            School.objects.filter(Q(pk__in=members) | Q(pk__in=review.reviewing_schools.all()))
            .exclude(pk=review.host_school_id)
            .order_by("name")
        )
        return kwargs

    def get_initial(self):
        review = self.review
        return {
            "starts_on": review.starts_on,
            "ends_on": review.ends_on,
            "reviewing_schools": list(review.reviewing_schools.all()),
        }

    def form_valid(self, form):
        try:
            services.schedule_update(review=self.review, **form.cleaned_data)
        except services.ReviewRefused as error:
            _refused(self.request, error, form)
            return self.form_invalid(form)
        messages.success(self.request, "Schedule saved.")
        return self.back()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.review
        return context


class MoveView(ReviewMixin, View):
    """One step of the workflow. The step's own permission is checked here."""

    def load_objects(self, pk, action):
        if action not in services.MOVES:
            raise Http404("No such step.")
        self.review_permission = services.MOVES[action][2]
        super().load_objects(pk)

    def post(self, request, pk, action):
        try:
            services.review_move(review=self.review, action=action)
        except services.ReviewRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"The review is now: {self.review.get_status_display()}.")
        return self.back()


class SharingView(ReviewMixin, FormView):
    review_permission = "reviews.set_sharing"
    template_name = "reviews/sharing_form.html"
    form_class = SharingForm

    # The host may change who sees the findings even once the review is closed.
    changes_review = False

    def get_initial(self):
        return {"sharing": self.review.sharing}

    def form_valid(self, form):
        changed = services.sharing_set(
            review=self.review, level=form.cleaned_data["sharing"], by=self.request.user
        )
        if changed:
            messages.success(self.request, f"Saved: {self.review.get_sharing_display().lower()}.")
        return self.back()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.review
        context["decisions"] = self.review.sharing_decisions.select_related("decided_by")
        return context


class WorkshopView(ReviewMixin, TemplateView):
    review_permission = "reviews.edit_workshop"
    template_name = "reviews/workshop_form.html"

    def forms(self, data=None):
        form = WorkshopForm(data, instance=self.review)
        formset = WorkshopActionFormSet(data, instance=self.review, prefix="actions")
        return form, formset

    def get(self, request, *args, **kwargs):
        form, formset = self.forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                form.save()
                formset.save()
            messages.success(request, "Workshop and actions saved.")
            return self.back()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.review
        return context


class PrioritySupportView(ReviewMixin, FormView):
    review_permission = "reviews.raise_support"
    template_name = "reviews/priority_support.html"
    form_class = PrioritySupportForm

    # Priorities become support requests after agreement, closed reviews included.
    changes_review = False

    def load_objects(self, pk, priority):
        super().load_objects(pk)
        self.priority = get_object_or_404(
            self.review.priorities.select_related("area", "support_request"), pk=priority
        )

    def get_initial(self):
        today = timezone.localdate()
        return {"needed_from": today, "needed_to": self.review.cycle.ends_on, "urgency": "medium"}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            request = services.priority_to_support(
                priority=self.priority,
                by=self.request.user,
                needed_from=data["needed_from"],
                needed_to=data["needed_to"],
                urgency=data["urgency"],
                specialisms=data["specialisms"],
            )
        except services.ReviewRefused as error:
            _refused(self.request, error, form)
            return self.form_invalid(form)
        messages.success(self.request, "Support request sent to the LA's school-improvement team.")
        return redirect("support:request", pk=request.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(review=self.review, priority=self.priority)
        return context


class ReviewPdfView(ReviewMixin, View):
    """The review report as a PDF, for those who may read the findings."""

    review_permission = "reviews.view_findings"
    changes_review = False

    def get(self, request, pk):
        access_event_record(
            request=request,
            kind="viewed_confidential",
            detail="Downloaded a peer review report",
            obj=self.review,
        )
        content = pdf.review_report(self.review)
        response = HttpResponse(content, content_type="application/pdf")
        name = (
            f"peer-review-{self.review.host_school.urn}-{self.review.cycle.name.replace('/', '-')}"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        response["Cache-Control"] = "no-store"
        return response


# ----------------------------------------------------------------------------------- themes


class ThemesView(PermissionRequiredMixin, TemplateView):
    permission_required = "reviews.view_themes"
    template_name = "reviews/themes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        cycles = list(Cycle.objects.select_related("framework").order_by("-starts_on"))
        cycle = None
        if get.get("cycle", "").isdigit():
            cycle = next((c for c in cycles if c.pk == int(get["cycle"])), None)
        cycle = cycle or selectors.current_cycle(timezone.localdate())
        context.update(cycles=cycles, cycle=cycle, phases=themes.PHASE_GROUPS)
        context.update(suppression_rule=themes.SUPPRESSION_RULE, counting_rule=themes.COUNTING_RULE)
        if cycle is None:
            return context
        phase = get.get("phase", "") if get.get("phase") in themes.PHASE_GROUPS else ""
        clusters = list(cycle.clusters.order_by("name").values_list("pk", "name"))
        cluster_id = int(get["cluster"]) if get.get("cluster", "").isdigit() else None
        if cluster_id not in {pk for pk, _name in clusters}:
            cluster_id = None
        result = themes.themes(cycle, phase=phase, cluster_id=cluster_id)
        chart = result.chart()
        areas = result.areas
        focus = get.get("area") if get.get("area") in dict(areas) else areas[0][0] if areas else ""
        trend_chart, trend_rows = themes.trend(cycles[:6], areas, focus)
        page = Paginator(result.clusters, 25).get_page(get.get("page"))
        themes.fill_clusters(result, list(page.object_list))
        context.update(
            themes=result,
            phase=phase,
            clusters=clusters,
            cluster_id=cluster_id,
            chart=chart,
            chart_svg=horizontal_bar_chart(chart, id_prefix="themes") if chart else "",
            trend_chart=trend_chart,
            trend_svg=line_chart(trend_chart, id_prefix="trend"),
            trend_rows=trend_rows,
            areas=areas,
            focus=focus,
            cluster_page=page,
            phase_rows=[
                {
                    "name": name,
                    "cells": [
                        None if group.suppressed else group.development(code)
                        for group in result.phases
                    ],
                }
                for code, name in areas
            ],
            trend_table=[
                {"name": name, "cells": [row["values"][index] for row in trend_rows]}
                for index, (_code, name) in enumerate(areas)
            ],
            cluster_rows=[
                {"group": group, "cells": [group.development(code) for code, _n in areas]}
                for group in page.object_list
            ],
        )
        return context


# --------------------------------------------------------------------- cycles and schedules


class CycleListView(PermissionRequiredMixin, ListView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/cycle_list.html"
    context_object_name = "cycles"

    def get_queryset(self):
        return Cycle.objects.select_related("framework").annotate(
            n_reviews=Count("reviews", distinct=True), n_clusters=Count("clusters", distinct=True)
        )


class CycleFormView(PermissionRequiredMixin, FormView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/cycle_form.html"
    form_class = CycleForm

    def load_objects(self, pk=None):
        self.cycle = get_object_or_404(Cycle, pk=pk) if pk else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.cycle
        return kwargs

    def form_valid(self, form):
        if self.cycle is not None and self.cycle.reviews.exists():
            outside = self.cycle.reviews.exclude(
                starts_on__gte=form.cleaned_data["starts_on"],
                ends_on__lte=form.cleaned_data["ends_on"],
            )
            if outside.exists():
                form.add_error(
                    None,
                    f"{outside.count()} review(s) would fall outside these dates: move them first",
                )
                return self.form_invalid(form)
            if form.cleaned_data["framework"] != self.cycle.framework:
                form.add_error("framework", "The cycle has reviews: its framework cannot change")
                return self.form_invalid(form)
        cycle = form.save()
        messages.success(self.request, f"Cycle {cycle.name} saved.")
        return redirect("reviews:cycle", pk=cycle.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cycle"] = self.cycle
        return context


class CycleDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/cycle_detail.html"

    def load_objects(self, pk):
        self.cycle = get_object_or_404(Cycle.objects.select_related("framework"), pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = self.cycle
        context.update(
            cycle=cycle,
            clusters=cycle.clusters.prefetch_related("members__school").order_by("name"),
            conflicts=cycle.conflicts.select_related("school_a", "school_b"),
            reach=selectors.reach(cycle),
            review_count=cycle.reviews.count(),
        )
        return context


class ClusterFormView(PermissionRequiredMixin, FormView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/cluster_form.html"
    form_class = ClusterForm

    def load_objects(self, pk, cluster=None):
        self.cycle = get_object_or_404(Cycle, pk=pk)
        self.cluster = get_object_or_404(self.cycle.clusters, pk=cluster) if cluster else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["schools"] = selectors.cluster_school_choices(self.cycle, self.cluster)
        return kwargs

    def get_initial(self):
        if self.cluster is None:
            return {}
        return {
            "name": self.cluster.name,
            "schools": [member.school_id for member in self.cluster.members.all()],
        }

    def form_valid(self, form):
        try:
            cluster = services.cluster_save(
                cycle=self.cycle,
                name=form.cleaned_data["name"],
                schools=form.cleaned_data["schools"],
                cluster=self.cluster,
            )
        except services.ReviewRefused as error:
            _refused(self.request, error, form)
            return self.form_invalid(form)
        messages.success(self.request, f"Cluster {cluster.name} saved.")
        return redirect("reviews:cycle", pk=self.cycle.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cycle=self.cycle, cluster=self.cluster)
        return context


class ClustersFromRegisterView(PermissionRequiredMixin, View):
    """Make review clusters of 3–7 schools from the register's clusters (localities)."""

    permission_required = "reviews.manage_programme"

    def load_objects(self, pk):
        self.cycle = get_object_or_404(Cycle, pk=pk)

    def post(self, request, pk):
        made = services.clusters_from_register(cycle=self.cycle)
        if made:
            messages.success(request, f"{made} cluster(s) made from the register's localities.")
        else:
            messages.error(
                request,
                "No clusters made: every school of the register's clusters is already in a "
                "review cluster this cycle, or a locality has fewer than 3 schools left.",
            )
        return redirect("reviews:cycle", pk=self.cycle.pk)


class ConflictFormView(PermissionRequiredMixin, FormView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/conflict_form.html"
    form_class = ConflictForm

    def load_objects(self, pk):
        self.cycle = get_object_or_404(Cycle, pk=pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["schools"] = selectors.participating_schools(self.cycle).order_by("name")
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.conflict_add(
                cycle=self.cycle,
                school_a=data["school_a"],
                school_b=data["school_b"],
                reason=data["reason"],
                by=self.request.user,
            )
        except services.ReviewRefused as error:
            _refused(self.request, error, form)
            return self.form_invalid(form)
        messages.success(self.request, "Marked as conflicted: they will not review each other.")
        return redirect("reviews:cycle", pk=self.cycle.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cycle"] = self.cycle
        return context


class GenerateScheduleView(PermissionRequiredMixin, TemplateView):
    """The proposed schedule (GET) and creating it (POST)."""

    permission_required = "reviews.manage_programme"
    template_name = "reviews/schedule_preview.html"

    def load_objects(self, pk):
        self.cycle = get_object_or_404(Cycle, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cycle=self.cycle, plan=schedule.propose(self.cycle))
        return context

    def post(self, request, pk):
        try:
            created = schedule.apply(self.cycle)
        except services.ReviewRefused as error:
            messages.error(request, error.message)
            return redirect("reviews:generate", pk=self.cycle.pk)
        messages.success(
            request, f"{created} review(s) planned. Change any of them from its own page."
        )
        return redirect(f"{reverse('reviews:home')}?cycle={self.cycle.pk}")


# ------------------------------------------------------------------------------- frameworks


class FrameworkListView(PermissionRequiredMixin, TemplateView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/framework_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["frameworks"] = Framework.objects.annotate(
            n_areas=Count("areas", distinct=True), n_reviews=Count("reviews", distinct=True)
        )
        context["scales"] = GradeScale.objects.all()
        return context


class FrameworkDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/framework_detail.html"

    def load_objects(self, pk):
        self.framework = get_object_or_404(Framework, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            framework=self.framework,
            areas=self.framework.areas.select_related("scale"),
            in_use=self.framework.reviews.exists(),
        )
        return context


class FrameworkVersionView(PermissionRequiredMixin, View):
    permission_required = "reviews.manage_programme"

    def load_objects(self, pk):
        self.framework = get_object_or_404(Framework, pk=pk)

    def post(self, request, pk):
        new = services.framework_new_version(framework=self.framework)
        messages.success(request, f"Version {new.version} made: change its areas, then use it.")
        return redirect("reviews:framework", pk=new.pk)


class AreaFormView(PermissionRequiredMixin, FormView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/area_form.html"
    form_class = FrameworkAreaForm

    def load_objects(self, pk, area=None):
        self.framework = get_object_or_404(Framework, pk=pk)
        self.area = get_object_or_404(self.framework.areas, pk=area) if area else None

    def get(self, request, *args, **kwargs):
        if self.framework.reviews.exists():
            return self.in_use()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.framework.reviews.exists():
            return self.in_use()
        return super().post(request, *args, **kwargs)

    def in_use(self):
        messages.error(
            self.request,
            "Reviews use this version, so it cannot change. Make a new version and change that.",
        )
        return redirect("reviews:framework", pk=self.framework.pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(framework=self.framework, instance=self.area)
        return kwargs

    def form_valid(self, form):
        area = form.save(commit=False)
        area.framework = self.framework
        area.save()
        messages.success(self.request, f"Area {area.name} saved.")
        return redirect("reviews:framework", pk=self.framework.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(framework=self.framework, area=self.area)
        return context


class ScaleFormView(PermissionRequiredMixin, FormView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/scale_form.html"
    form_class = GradeScaleForm

    def form_valid(self, form):
        scale = GradeScale.objects.create(
            name=form.cleaned_data["name"], levels=form.cleaned_data["levels"]
        )
        messages.success(self.request, f"Scale {scale.name} saved: choose it for an area.")
        return redirect("reviews:frameworks")


# --------------------------------------------------------------------------------- training


class TrainingListView(PermissionRequiredMixin, TemplateView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/training_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = TrainingSession.objects.annotate(completions=Count("records"))
        context["reach"] = selectors.reach(selectors.current_cycle(timezone.localdate()))
        return context


class TrainingSessionFormView(PermissionRequiredMixin, FormView):
    permission_required = "reviews.manage_programme"
    template_name = "reviews/training_form.html"
    form_class = TrainingSessionForm

    def form_valid(self, form):
        session = form.save()
        messages.success(self.request, "Training session saved: record who completed it.")
        return redirect("reviews:training_session", pk=session.pk)


class TrainingSessionView(PermissionRequiredMixin, FormView):
    """A session with its completions; officers record each person who completed it."""

    permission_required = "reviews.manage_programme"
    template_name = "reviews/training_session.html"
    form_class = TrainingRecordForm

    def load_objects(self, pk):
        self.session = get_object_or_404(TrainingSession, pk=pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["people"] = (
            Person.objects.exclude(review_training__session=self.session)
            .select_related("school")
            .order_by("last_name", "first_name")
        )
        return kwargs

    def get_initial(self):
        return {"completed_on": self.session.held_on}

    def form_valid(self, form):
        data = form.cleaned_data
        if data["completed_on"] < self.session.held_on:
            form.add_error("completed_on", "The date completed must be on or after the session")
            return self.form_invalid(form)
        TrainingRecord.objects.get_or_create(
            person=data["person"],
            session=self.session,
            defaults={"completed_on": data["completed_on"], "recorded_by": self.request.user},
        )
        messages.success(self.request, f"{data['person'].full_name} recorded as trained.")
        return redirect("reviews:training_session", pk=self.session.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session"] = self.session
        context["records"] = self.session.records.select_related("person__school")
        return context
