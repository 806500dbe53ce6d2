"""The LA's self-evaluation against the 9 criteria, in versions, beside the live figures."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import self_evaluation
from ..forms import SelfEvaluationEntryForm, SelfEvaluationVersionForm
from ..models import SelfEvaluation
from .mixins import PermissionRequiredMixin


class VersionListView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_self_evaluation"
    template_name = "partnership/self_evaluation_list.html"
    form_class = SelfEvaluationVersionForm

    def form_valid(self, form):
        version = self_evaluation.version_create(
            by=self.request.user, title=form.cleaned_data["title"]
        )
        messages.success(self.request, "New version started from the last one.")
        return redirect("self_evaluation:detail", pk=version.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = SelfEvaluation.objects.select_related("created_by")
        return context


class VersionDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.manage_self_evaluation"
    template_name = "partnership/self_evaluation_detail.html"

    def load_objects(self, pk):
        self.version = get_object_or_404(SelfEvaluation, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.version
        if version.finalised_at:
            figures = {int(k): v for k, v in version.figures.items()}
        else:
            figures = self_evaluation.live_figures(self.request.user)
        context.update(
            version=version,
            rows=[
                {"entry": entry, "figures": figures.get(entry.criterion, [])}
                for entry in version.entries.all()
            ],
        )
        return context


class EntryView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_self_evaluation"
    template_name = "partnership/self_evaluation_entry.html"
    form_class = SelfEvaluationEntryForm

    def load_objects(self, pk, criterion):
        self.version = get_object_or_404(SelfEvaluation, pk=pk)
        self.entry = get_object_or_404(self.version.entries, criterion=criterion)

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refused() or super().post(request, *args, **kwargs)

    def refused(self):
        if self.version.finalised_at is None:
            return None
        messages.error(
            self.request, "This version is final: start a new version to change the text."
        )
        return redirect("self_evaluation:detail", pk=self.version.pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.entry}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, f"Criterion {self.entry.criterion} saved.")
        return redirect("self_evaluation:detail", pk=self.version.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = self_evaluation.live_figures(self.request.user)
        context.update(
            version=self.version, entry=self.entry, figures=figures.get(self.entry.criterion, [])
        )
        return context


class FinaliseView(PermissionRequiredMixin, View):
    permission_required = "partnership.manage_self_evaluation"

    def post(self, request, pk):
        version = get_object_or_404(SelfEvaluation, pk=pk)
        self_evaluation.finalise(version=version, viewer=request.user)
        messages.success(request, "Version finalised: its figures are kept as they are today.")
        return redirect("self_evaluation:detail", pk=version.pk)
