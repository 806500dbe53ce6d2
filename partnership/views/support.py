"""System leaders and school-to-school support: directory, requests, matching, deployments."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from reviews.models import Review
from schools import selectors as school_selectors

from .. import brokerage, selectors
from ..filters import DeploymentFilter, LeaderFilter, SupportRequestFilter
from ..models import Deployment, Designation, Person, SystemLeader
from ..support_forms import (
    AddLeaderForm,
    AllocationForm,
    CloseForm,
    DeploymentEditForm,
    DeploymentForm,
    DesignationForm,
    FundingStreamForm,
    LeaderForm,
    MilestoneForm,
    SupportRequestForm,
    VisitLogForm,
)
from .mixins import PermissionRequiredMixin, require_permission

# The agree-support form offers the best candidates (and the excluded ones among them).
DEPLOY_CHOICES = 30


# ---------------------------------------------------------------------------- directory


class LeaderListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_leaders"
    template_name = "partnership/leader_list.html"
    context_object_name = "leaders"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = LeaderFilter(
            self.request.GET, queryset=selectors.leader_list(viewer=self.request.user)
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["expiring"] = selectors.designations_expiring(viewer=self.request.user)
        leaders = list(context["leaders"])
        committed = brokerage.days_committed(
            [leader.pk for leader in leaders], timezone.localdate()
        )
        for leader in leaders:
            leader.days_left = leader.days_per_term - committed.get(leader.pk, 0)
            leader.days_over = -leader.days_left
        context["leaders"] = leaders
        return context


class LeaderDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "partnership.view_support"
    template_name = "partnership/leader_detail.html"
    context_object_name = "leader"

    def get_queryset(self):
        return selectors.leader_list(viewer=self.request.user)

    def get_object(self, queryset=None):
        leader = super().get_object(queryset)
        require_permission(self.request, "partnership.view_leader", leader)
        return leader

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        leader = self.object
        context["designations"] = leader.designations.select_related("kind")
        context["deployments"] = selectors.deployment_list(viewer=self.request.user).filter(
            assignments__leader=leader
        )
        context["days_left"] = leader.days_per_term - brokerage.days_committed(
            [leader.pk], timezone.localdate()
        ).get(leader.pk, 0)
        context["today"] = timezone.localdate()
        return context


class LeaderFormView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_leaders"
    template_name = "partnership/leader_form.html"
    form_class = LeaderForm

    def load_objects(self, **kwargs):
        self.leader = None
        if "pk" in kwargs:
            self.leader = get_object_or_404(
                selectors.leader_list(viewer=self.request.user), pk=kwargs["pk"]
            )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["schools"] = school_selectors.school_list(viewer=self.request.user).exclude(
            status="closed"
        )
        if self.leader is not None:
            person = self.leader.person
            kwargs["initial"] = {
                "title": person.title,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
                "job_title": person.job_title,
                "home_school": self.leader.home_school_id,
                "specialisms": list(self.leader.specialisms.all()),
                "phases": self.leader.phases,
                "days_per_term": self.leader.days_per_term,
                "notes": self.leader.notes,
                "active": self.leader.active,
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["leader"] = self.leader
        return context

    @transaction.atomic
    def form_valid(self, form):
        data = form.cleaned_data
        person_fields = {
            key: data[key] for key in ("title", "first_name", "last_name", "email", "job_title")
        }
        if self.leader is None:
            # Someone with an account (or already known) becomes a leader on the same record,
            # so that they see their deployments when they sign in.
            person = (
                Person.objects.filter(email__iexact=data["email"], leader__isnull=True).first()
                if data["email"]
                else None
            )
            if person is None:
                person = Person.objects.create(**person_fields, school=data["home_school"])
            else:
                for key, value in person_fields.items():
                    setattr(person, key, value)
                person.save()
            leader = SystemLeader(person=person)
        else:
            leader = self.leader
            for key, value in person_fields.items():
                setattr(leader.person, key, value)
            leader.person.save()
        leader.home_school = data["home_school"]
        leader.days_per_term = data["days_per_term"]
        leader.notes = data["notes"]
        leader.active = data["active"]
        for code in ("early_years", "primary", "secondary", "special", "post_16"):
            setattr(leader, code, code in data["phases"])
        leader.save()
        leader.specialisms.set(data["specialisms"])
        messages.success(self.request, f"Saved {leader.person.full_name}.")
        return redirect("leaders:detail", pk=leader.pk)


class DesignationAddView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_leaders"
    template_name = "partnership/designation_form.html"
    form_class = DesignationForm

    def load_objects(self, pk):
        self.leader = get_object_or_404(selectors.leader_list(viewer=self.request.user), pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["leader"] = self.leader
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        overlapping = self.leader.designations.filter(kind=data["kind"]).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=data["starts_on"])
        )
        if data["ends_on"]:
            overlapping = overlapping.filter(starts_on__lte=data["ends_on"])
        if overlapping.exists():
            form.add_error(
                "starts_on",
                f"{self.leader.person.full_name} already holds {data['kind'].name} for part of "
                "this period: change the dates or end the earlier designation first",
            )
            return self.form_invalid(form)
        Designation.objects.create(leader=self.leader, **data)
        messages.success(self.request, "Designation added.")
        return redirect("leaders:detail", pk=self.leader.pk)


# ----------------------------------------------------------------------------- requests


class SupportListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_support"
    template_name = "partnership/support_list.html"
    context_object_name = "support_requests"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = SupportRequestFilter(
            self.request.GET, queryset=selectors.support_request_list(viewer=self.request.user)
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["can_request"] = self.request.user.has_perm("partnership.request_support")
        deployments = selectors.deployment_table(viewer=self.request.user).filter(status="active")
        context["active_deployments"] = deployments[:20]
        return context


class SupportRequestCreateView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.request_support"
    template_name = "partnership/support_request_form.html"
    form_class = SupportRequestForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["schools"] = selectors.schools_for_requests(viewer=self.request.user)
        return kwargs

    def form_valid(self, form):
        require_permission(
            self.request, "partnership.request_support_for", form.cleaned_data["school"]
        )
        support_request = form.save(commit=False)
        support_request.raised_by = self.request.user
        if not self.request.user.has_perm("partnership.broker_support"):
            support_request.source = support_request.Source.SELF_REFERRAL
        support_request.save()
        form.save_m2m()
        messages.success(self.request, "Support request saved.")
        return redirect("support:request", pk=support_request.pk)


class SupportRequestDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "partnership.view_support"
    template_name = "partnership/support_request_detail.html"
    context_object_name = "support_request"

    def get_queryset(self):
        return selectors.support_request_list(viewer=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("partnership.broker_support"):
            context["candidates"] = brokerage.candidates(self.object, limit=20)
        context["deployments"] = selectors.deployment_list(viewer=self.request.user).filter(
            request=self.object
        )
        context["can_withdraw"] = self.object.status == self.object.Status.OPEN and (
            self.request.user.has_perm("partnership.withdraw_request", self.object.school)
        )
        # The peer review a priority came from, linked only for those who may read it.
        review = self.object.source == self.object.Source.PEER_REVIEW and (
            Review.objects.filter(priorities__support_request=self.object)
            .prefetch_related("team")
            .first()
        )
        if review and self.request.user.has_perm("reviews.view_findings", review):
            context["from_review"] = review
        return context


class SupportRequestWithdrawView(PermissionRequiredMixin, View):
    """The school or the LA no longer needs the support brokered."""

    permission_required = "partnership.view_support"

    def post(self, request, pk):
        support_request = get_object_or_404(
            selectors.support_request_list(viewer=request.user), pk=pk
        )
        require_permission(request, "partnership.withdraw_request", support_request.school)
        updated = (
            type(support_request)
            .objects.filter(pk=support_request.pk, status=support_request.Status.OPEN)
            .update(status=support_request.Status.WITHDRAWN)
        )
        if updated:
            messages.success(request, "Request withdrawn.")
        else:
            messages.error(request, "Only a request still waiting to be brokered can be withdrawn.")
        return redirect("support:request", pk=support_request.pk)


class DeploymentCreateView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.broker_support"
    template_name = "partnership/deployment_form.html"
    form_class = DeploymentForm

    def load_objects(self, pk):
        self.support_request = get_object_or_404(
            selectors.support_request_list(viewer=self.request.user), pk=pk
        )
        self.candidates = brokerage.candidates(self.support_request, limit=DEPLOY_CHOICES)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["leaders"] = SystemLeader.objects.filter(
            pk__in=[c.leader_id for c in self.candidates]
        ).select_related("person")
        kwargs["initial"] = {
            "starts_on": self.support_request.needed_from,
            "ends_on": self.support_request.needed_to,
            "objectives": self.support_request.description,
        }
        best = next((c for c in self.candidates if not c.excluded), None)
        if best:
            kwargs["initial"]["leader"] = best.leader.pk
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        by_pk = {c.leader_id: c for c in self.candidates}

        def label(leader):
            candidate = by_pk[leader.pk]
            state = (
                "excluded: " + " ".join(candidate.exclusions)
                if candidate.excluded
                else (f"score {candidate.score}, {candidate.days_left} days left this term")
            )
            return f"{leader.person.full_name} ({state})"

        form.fields["leader"].label_from_instance = label
        order = {c.leader_id: index for index, c in enumerate(self.candidates)}
        form.fields["leader"].choices = sorted(
            form.fields["leader"].choices, key=lambda choice: order.get(choice[0].value, 0)
        )
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["support_request"] = self.support_request
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            deployment = brokerage.deployment_create(
                request=self.support_request,
                school=self.support_request.school,
                leaders_days=[(data["leader"], data["days_agreed"])],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                objectives=data["objectives"],
                day_rate=data["day_rate"],
                override_reason=data["override_reason"],
                user=self.request.user,
            )
        except brokerage.BrokerageError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Support agreed.")
        return redirect("support:deployment", pk=deployment.pk)


# -------------------------------------------------------------------------- deployments


class DeploymentListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_support"
    template_name = "partnership/deployment_list.html"
    context_object_name = "deployments"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = DeploymentFilter(
            self.request.GET, queryset=selectors.deployment_table(viewer=self.request.user)
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class DeploymentObjectMixin:
    """Views of one deployment: scoped to the viewer (404), then the object permission (403)."""

    object_permission = "partnership.view_deployment"

    def load_objects(self, **kwargs):
        self.deployment = self.get_deployment()

    def get_deployment(self):
        deployment = get_object_or_404(
            selectors.deployment_list(viewer=self.request.user), pk=self.kwargs["pk"]
        )
        require_permission(self.request, self.object_permission, deployment)
        return deployment


class DeploymentDetailView(PermissionRequiredMixin, DeploymentObjectMixin, DetailView):
    permission_required = "partnership.view_support"
    template_name = "partnership/deployment_detail.html"
    context_object_name = "deployment"

    def get_object(self, queryset=None):
        return self.deployment

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, deployment = self.request.user, self.object
        context["assignments"] = selectors.assignments_with_use(deployment)
        context["milestones"] = deployment.milestones.all()
        context["allocations"] = deployment.allocations.select_related("stream")
        context["can_log"] = user.has_perm("partnership.log_deployment_visit", deployment)
        context["can_manage"] = user.has_perm("partnership.broker_support")
        context["can_fund"] = user.has_perm("partnership.manage_funding")
        return context


class DeploymentEditView(PermissionRequiredMixin, DeploymentObjectMixin, FormView):
    permission_required = "partnership.broker_support"
    template_name = "partnership/deployment_edit.html"
    form_class = DeploymentEditForm

    def get_initial(self):
        d = self.deployment
        return {
            "starts_on": d.starts_on,
            "ends_on": d.ends_on,
            "objectives": d.objectives,
            "version": d.version,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deployment"] = self.deployment
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            brokerage.deployment_update(
                deployment=self.deployment,
                version=data["version"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                objectives=data["objectives"],
            )
        except brokerage.BrokerageError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Deployment saved.")
        return redirect("support:deployment", pk=self.deployment.pk)


class VisitLogView(PermissionRequiredMixin, DeploymentObjectMixin, FormView):
    permission_required = "partnership.view_support"
    object_permission = "partnership.log_deployment_visit"
    template_name = "partnership/visit_log_form.html"
    form_class = VisitLogForm

    def load_objects(self, **kwargs):
        super().load_objects(**kwargs)
        self.assignment = selectors.assignment_for(self.deployment, self.request.user)

    def get_initial(self):
        return {"visited_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(deployment=self.deployment, assignment=self.assignment)
        return context

    def form_valid(self, form):
        if self.assignment is None:
            form.add_error(None, "Choose a leader on this deployment: only they log visits.")
            return self.form_invalid(form)
        try:
            brokerage.visit_log(
                assignment=self.assignment, user=self.request.user, **form.cleaned_data
            )
        except brokerage.BrokerageError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Visit logged.")
        return redirect("support:deployment", pk=self.deployment.pk)


class MilestoneView(PermissionRequiredMixin, DeploymentObjectMixin, FormView):
    permission_required = "partnership.broker_support"
    template_name = "partnership/milestone_form.html"
    form_class = MilestoneForm

    def load_objects(self, **kwargs):
        super().load_objects(**kwargs)
        self.milestone = None
        if "milestone" in kwargs:
            self.milestone = get_object_or_404(self.deployment.milestones, pk=kwargs["milestone"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.milestone
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(deployment=self.deployment, milestone=self.milestone)
        return context

    def form_valid(self, form):
        milestone = form.save(commit=False)
        milestone.deployment = self.deployment
        if milestone.rag and not milestone.judged_on:
            milestone.judged_on = timezone.localdate()
        milestone.save()
        messages.success(self.request, "Milestone saved.")
        return redirect("support:deployment", pk=self.deployment.pk)


class DeploymentCloseView(PermissionRequiredMixin, DeploymentObjectMixin, FormView):
    permission_required = "partnership.broker_support"
    template_name = "partnership/deployment_close.html"
    form_class = CloseForm

    def get_initial(self):
        return {"closed_on": timezone.localdate(), "evaluation": self.deployment.evaluation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deployment"] = self.deployment
        return context

    def form_valid(self, form):
        try:
            brokerage.deployment_update(
                deployment=self.deployment,
                version=self.deployment.version,
                status=Deployment.Status.CLOSED,
                evaluation=form.cleaned_data["evaluation"].strip(),
                closed_on=form.cleaned_data["closed_on"],
            )
            request = self.deployment.request
            if request is not None and not request.deployments.filter(status="active").exists():
                request.status = request.Status.CLOSED
                request.save(update_fields=["status"])
        except brokerage.BrokerageError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Deployment closed.")
        return redirect("support:deployment", pk=self.deployment.pk)


class AddLeaderView(PermissionRequiredMixin, DeploymentObjectMixin, FormView):
    permission_required = "partnership.broker_support"
    template_name = "partnership/add_leader_form.html"
    form_class = AddLeaderForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["leaders"] = (
            selectors.leader_list(viewer=self.request.user)
            .filter(active=True)
            .exclude(assignments__deployment=self.deployment)
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deployment"] = self.deployment
        return context

    def form_valid(self, form):
        try:
            brokerage.leader_add(
                deployment=self.deployment,
                leader=form.cleaned_data["leader"],
                days=form.cleaned_data["days_agreed"],
            )
        except brokerage.BrokerageError as error:
            form.add_error("leader", str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Leader added.")
        return redirect("support:deployment", pk=self.deployment.pk)


class AllocationView(PermissionRequiredMixin, DeploymentObjectMixin, FormView):
    permission_required = "partnership.manage_funding"
    template_name = "partnership/allocation_form.html"
    form_class = AllocationForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deployment"] = self.deployment
        context["streams"] = selectors.funding_streams()
        return context

    def form_valid(self, form):
        try:
            brokerage.allocate(
                deployment=self.deployment, user=self.request.user, **form.cleaned_data
            )
        except brokerage.BrokerageError as error:
            form.add_error("amount", str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Funding allocated.")
        return redirect("support:deployment", pk=self.deployment.pk)


# ------------------------------------------------------------------------------ funding


class FundingListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.manage_funding"
    template_name = "partnership/funding_list.html"
    context_object_name = "streams"

    def get_queryset(self):
        return selectors.funding_streams()


class FundingCreateView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_funding"
    template_name = "partnership/funding_form.html"
    form_class = FundingStreamForm

    def form_valid(self, form):
        stream = form.save()
        messages.success(self.request, f"Added {stream.name}.")
        return redirect("support:funding")


class FundingDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "partnership.manage_funding"
    template_name = "partnership/funding_detail.html"
    context_object_name = "stream"

    def get_queryset(self):
        return selectors.funding_streams()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["allocations"] = self.object.allocations.select_related(
            "deployment__school", "allocated_by"
        )
        return context
