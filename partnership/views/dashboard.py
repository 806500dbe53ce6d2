"""The home page: what each role needs first."""

from django.views.generic import ListView, TemplateView

from schools import dashboard as school_dashboard
from schools import selectors as school_selectors

from .. import impact, permissions, selectors
from ..filters import AccessEventFilter
from .mixins import PermissionRequiredMixin


class DashboardView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.view_dashboard"
    template_name = "partnership/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["has_role"] = permissions.has_any_role(user)
        if user.has_perm("schools.view_school"):
            context["schools"] = school_dashboard.build(viewer=user)
            context["register"] = context["schools"]["shares"]
        if permissions.is_headteacher(user):
            context["own_schools"] = school_selectors.school_list(viewer=user).filter(
                pk__in=user.school_ids
            )
        if user.has_perm("partnership.view_support_summary"):
            context["impact"] = impact.summary(include_risk=user.has_perm("schools.view_risk"))
        if user.has_perm("partnership.manage_users"):
            context["role_counts"] = selectors.user_role_counts()
        return context


class AccessLogView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_access_log"
    template_name = "partnership/access_log.html"
    context_object_name = "events"
    paginate_by = 100

    def get_queryset(self):
        self.filterset = AccessEventFilter(
            self.request.GET, queryset=selectors.access_event_list(viewer=self.request.user)
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class PartnershipHomeView(PermissionRequiredMixin, TemplateView):
    """The partnership's own sections, as far as the user may use them."""

    permission_required = "partnership.view_partnership"
    template_name = "partnership/partnership_home.html"

    SECTIONS = [
        ("Boards and groups", "boards:list", "partnership.view_boards",
         "Members, meetings, minutes, the action log and priorities."),
        ("Events and training", "events:list", "partnership.view_events",
         "Briefings, the conference and courses: book places and add them to your calendar."),
        ("Surveys and consultations", "surveys:list", "partnership.view_surveys",
         "Answer for your school; results and the LA's response (you said, we did)."),
        ("CPD offers", "cpd:list", "partnership.view_cpd",
         "Professional development from the hubs, schools and the LA."),
        ("Good practice", "good_practice:list", "partnership.view_good_practice",
         "Case studies from the partnership's schools."),
        ("Projects", "projects:list", "partnership.manage_projects",
         "Improvement and research projects, their schools and the people trained."),
        ("The LA's self-evaluation", "self_evaluation:list", "partnership.manage_self_evaluation",
         "Against Ofsted's 9 criteria, with the service's own figures as evidence."),
    ]  # fmt: skip

    def get_context_data(self, **kwargs):
        from django.urls import reverse

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["sections"] = [
            {"title": title, "href": reverse(name), "text": text}
            for title, name, permission, text in self.SECTIONS
            if user.has_perm(permission)
        ]
        return context
