"""Pages of the schools register."""

from django.views.generic import DetailView, ListView

from partnership.views.mixins import PermissionRequiredMixin

from . import selectors
from .filters import SchoolFilter


class SchoolListView(PermissionRequiredMixin, ListView):
    permission_required = "schools.view_school"
    template_name = "schools/school_list.html"
    context_object_name = "schools"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = SchoolFilter(
            self.request.GET, queryset=selectors.school_list(viewer=self.request.user)
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class SchoolDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "schools.view_school"
    template_name = "schools/school_detail.html"
    context_object_name = "school"
    slug_field = "urn"
    slug_url_kwarg = "urn"

    def get_queryset(self):
        return selectors.school_list(viewer=self.request.user)
