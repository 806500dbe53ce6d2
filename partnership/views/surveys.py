"""Surveys and consultations: set up, answer once, results, themes, "you said, we did"."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from reports.charts import Chart, Series, horizontal_bar_chart

from .. import surveys
from ..forms import (
    LaResponseForm,
    QuestionFormSet,
    SurveyActionForm,
    SurveyAnswerForm,
    SurveyForm,
    SurveyThemeForm,
)
from ..models import Question, Survey, SurveyAnswer, SurveyTheme
from .mixins import PermissionRequiredMixin


def _survey_for(user, pk) -> Survey:
    """The survey, if the user manages surveys or is invited to it (404 otherwise)."""
    return get_object_or_404(surveys.surveys_for(user), pk=pk)


class SurveyListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_surveys"
    template_name = "partnership/survey_list.html"
    context_object_name = "surveys"
    paginate_by = 50

    def get_queryset(self):
        return surveys.surveys_for(self.request.user).annotate(n_responses=Count("responses"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        page = list(context["surveys"])
        answered = set()
        if user.person_id or user.school_ids:
            from ..models import SurveyResponse

            answered = set(
                SurveyResponse.objects.filter(survey__in=page)
                .filter(school_id__in=user.school_ids)
                .values_list("survey_id", flat=True)
            ) | set(
                SurveyResponse.objects.filter(
                    survey__in=page, person_id=user.person_id
                ).values_list("survey_id", flat=True)
            )
        today = timezone.localdate()
        context["rows"] = [
            {"survey": s, "state": s.state(today), "answered": s.pk in answered} for s in page
        ]
        return context


class SurveyFormView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_surveys"
    template_name = "partnership/survey_form.html"
    form_class = SurveyForm

    def load_objects(self, pk=None):
        self.survey = get_object_or_404(Survey, pk=pk) if pk else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.survey or Survey(created_by=self.request.user)
        return kwargs

    def form_valid(self, form):
        survey = self.survey
        if (
            survey is not None
            and survey.responses.exists()
            and form.cleaned_data["audience"] != survey.audience
        ):
            form.add_error("audience", "Schools have answered: who is asked cannot change")
            return self.form_invalid(form)
        survey = form.save()
        messages.success(self.request, f"{survey.title} saved.")
        return redirect("surveys:questions", pk=survey.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        return context


class QuestionsView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.manage_surveys"
    template_name = "partnership/survey_questions.html"

    def load_objects(self, pk):
        self.survey = get_object_or_404(Survey, pk=pk)

    def formset(self, data=None):
        return QuestionFormSet(data, queryset=self.survey.questions.all(), prefix="questions")

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data(formset=self.formset()))

    def post(self, request, pk):
        if self.survey.responses.exists():
            messages.error(request, "Schools have answered: the questions can no longer change.")
            return redirect("surveys:detail", pk=self.survey.pk)
        formset = self.formset(request.POST)
        if formset.is_valid():
            with transaction.atomic():
                for form in formset.deleted_forms:
                    if form.instance.pk:
                        form.instance.delete()
                kept = [
                    form
                    for form in formset.forms
                    if form not in formset.deleted_forms
                    and (form.instance.pk or form.has_changed())
                ]
                for order, form in enumerate(kept, start=1):
                    question = form.save(commit=False)
                    question.survey, question.order = self.survey, order
                    question.save()
            messages.success(request, "Questions saved.")
            return redirect("surveys:detail", pk=self.survey.pk)
        return self.render_to_response(self.get_context_data(formset=formset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        context["answered"] = self.survey.responses.exists()
        return context


class SurveyDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.view_surveys"
    template_name = "partnership/survey_detail.html"

    def load_objects(self, pk):
        self.survey = _survey_for(self.request.user, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, survey = self.request.user, self.survey
        today = timezone.localdate()
        context.update(survey=survey, state=survey.state(today), today=today)
        if user.has_perm("partnership.manage_surveys"):
            context.update(
                manage=True,
                invited=surveys.invited_count(survey),
                responded=survey.responses.count(),
                missing=surveys.non_responders(survey)[:200],
                reminders=survey.reminders.select_related("sent_by")[:5],
                questions=survey.questions.all(),
            )
        else:
            respondent = surveys.respondent_for(survey, user)
            response = surveys.existing_response(survey, respondent)
            context.update(
                respondent=respondent,
                response=response,
                answers=response.answers.select_related("question") if response else [],
            )
        if context["state"] == "closed":
            context["said_did"] = survey.themes.exclude(la_response="")
        return context


class AnswerView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.answer_surveys"
    template_name = "partnership/survey_answer.html"

    def load_objects(self, pk):
        self.survey = _survey_for(self.request.user, pk)
        self.questions = list(self.survey.questions.all())

    def get_form(self, form_class=None):
        return SurveyAnswerForm(
            self.request.POST if self.request.method == "POST" else None,
            questions=self.questions,
        )

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refused() or super().post(request, *args, **kwargs)

    def refused(self):
        """Back to the survey with the reason, if the user cannot answer it now."""
        refusal = self.refusal()
        if refusal:
            messages.error(self.request, refusal)
            return redirect("surveys:detail", pk=self.survey.pk)
        return None

    def refusal(self) -> str:
        """Why this user cannot answer now, in words (or "")."""
        try:
            surveys.check_can_answer(self.survey, self.request.user)
        except surveys.SurveyRefused as error:
            return error.message
        return ""

    def form_valid(self, form):
        try:
            surveys.respond(survey=self.survey, user=self.request.user, answers=form.answers())
        except surveys.SurveyRefused as error:
            if isinstance(error.field, int):
                form.add_error(f"q{error.field}", error.message)
                return self.form_invalid(form)
            messages.error(self.request, error.message)
            return redirect("surveys:detail", pk=self.survey.pk)
        messages.success(self.request, "Thank you: your answers have been sent to the LA.")
        return redirect("surveys:detail", pk=self.survey.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        context["respondent"] = surveys.respondent_for(self.survey, self.request.user)
        return context


class ResultsView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.manage_surveys"
    template_name = "partnership/survey_results.html"

    def load_objects(self, pk):
        self.survey = get_object_or_404(Survey, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.survey
        rows = []
        for index, result in enumerate(surveys.results(survey)):
            question = result["question"]
            if question.kind == Question.Kind.TEXT:
                answers = (
                    SurveyAnswer.objects.filter(question=question)
                    .exclude(text="")
                    .select_related("response__school", "response__person")
                    .prefetch_related("themes")
                )
                rows.append({**result, "texts": answers})
                continue
            chart = Chart(
                title=f"{question.order}. {question.text}",
                categories=[label for label, _n in result["options"]],
                series=[Series("Responses", [n for _label, n in result["options"]])],
                category_label="Answer",
            )
            rows.append(
                {
                    **result,
                    "chart": chart,
                    "svg": horizontal_bar_chart(chart, id_prefix=f"q{index}"),
                }
            )
        context.update(
            survey=survey,
            rows=rows,
            responded=survey.responses.count(),
            invited=surveys.invited_count(survey),
            themes=survey.themes.annotate(n=Count("answers")),
            actions=survey.actions.all(),
            theme_form=SurveyThemeForm(),
            action_form=SurveyActionForm(),
        )
        return context


class ExportView(PermissionRequiredMixin, View):
    permission_required = "partnership.manage_surveys"

    def get(self, request, pk):
        return surveys.csv_response(get_object_or_404(Survey, pk=pk))


class RemindView(PermissionRequiredMixin, View):
    permission_required = "partnership.manage_surveys"

    def post(self, request, pk):
        survey = get_object_or_404(Survey, pk=pk)
        url = request.build_absolute_uri(reverse("surveys:answer", args=[survey.pk]))
        try:
            sent = surveys.remind(
                survey=survey,
                by=request.user,
                survey_url=url,
                link_for=lambda token: request.build_absolute_uri(
                    reverse("surveys:link_answer", args=[token])
                ),
            )
        except surveys.SurveyRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Sent to {sent} of the {survey.respondents}.")
        return redirect("surveys:detail", pk=survey.pk)


class ThemeAddView(PermissionRequiredMixin, View):
    permission_required = "partnership.manage_surveys"

    def post(self, request, pk):
        survey = get_object_or_404(Survey, pk=pk)
        form = SurveyThemeForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Enter the theme")
        else:
            name = form.cleaned_data["name"].strip()
            _theme, created = SurveyTheme.objects.get_or_create(survey=survey, name=name)
            if created:
                messages.success(request, f"Theme “{name}” added: tag the answers that raise it.")
            else:
                messages.error(request, f"There is already a theme called “{name}”.")
        return redirect(reverse("surveys:results", args=[survey.pk]) + "#themes")


class TagView(PermissionRequiredMixin, View):
    """Tag one free-text answer with the themes it raises."""

    permission_required = "partnership.manage_surveys"

    def post(self, request, pk, answer):
        survey = get_object_or_404(Survey, pk=pk)
        answer = get_object_or_404(SurveyAnswer.objects.filter(response__survey=survey), pk=answer)
        ids = {int(v) for v in request.POST.getlist("themes") if v.isdigit()}
        answer.themes.set(survey.themes.filter(pk__in=ids))
        messages.success(request, "Themes saved for that answer.")
        return redirect(reverse("surveys:results", args=[survey.pk]) + f"#answer-{answer.pk}")


class ThemeResponseView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_surveys"
    template_name = "partnership/survey_theme.html"
    form_class = LaResponseForm

    def load_objects(self, pk, theme):
        self.survey = get_object_or_404(Survey, pk=pk)
        self.theme = get_object_or_404(
            self.survey.themes.prefetch_related(
                Prefetch("answers", queryset=SurveyAnswer.objects.select_related("question"))
            ),
            pk=theme,
        )

    def get_initial(self):
        return {"la_response": self.theme.la_response}

    def form_valid(self, form):
        self.theme.la_response = form.cleaned_data["la_response"].strip()
        self.theme.save(update_fields=["la_response"])
        messages.success(self.request, f"The LA's response to “{self.theme.name}” saved.")
        return redirect(reverse("surveys:results", args=[self.survey.pk]) + "#themes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, theme=self.theme)
        return context


class ActionAddView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_surveys"
    template_name = "partnership/survey_action.html"
    form_class = SurveyActionForm

    def load_objects(self, pk):
        self.survey = get_object_or_404(Survey, pk=pk)

    def form_valid(self, form):
        action = form.save(commit=False)
        action.survey = self.survey
        action.save()
        messages.success(self.request, "Action added.")
        return redirect(reverse("surveys:results", args=[self.survey.pk]) + "#actions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        return context


class LinkAnswerView(FormView):
    """A governor answers through the personal link emailed to them: no account, no sign-in.
    The signed link names the survey and the person; anything else is not found."""

    template_name = "partnership/survey_answer.html"

    def dispatch(self, request, token):
        found = surveys.invitation(token)
        if found is None:
            raise Http404("No such survey link.")
        self.survey, self.person = found
        self.questions = list(self.survey.questions.all())
        return super().dispatch(request, token)

    def get_form(self, form_class=None):
        return SurveyAnswerForm(
            self.request.POST if self.request.method == "POST" else None,
            questions=self.questions,
        )

    def refusal(self) -> str:
        try:
            surveys.check_can_answer(self.survey, None, self.person)
        except surveys.SurveyRefused as error:
            return error.message
        return ""

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refused() or super().post(request, *args, **kwargs)

    def refused(self):
        """The page saying why, if this link cannot answer now (checked once)."""
        refusal = self.refusal()
        return self.render_to_response(self.get_context_data(refusal=refusal)) if refusal else None

    def form_valid(self, form):
        try:
            surveys.respond(
                survey=self.survey, user=None, answers=form.answers(), respondent=self.person
            )
        except surveys.SurveyRefused as error:
            if isinstance(error.field, int):
                form.add_error(f"q{error.field}", error.message)
                return self.form_invalid(form)
            return self.render_to_response(self.get_context_data(refusal=error.message))
        return self.render_to_response(
            self.get_context_data(thanks="Thank you: your answers have been sent to the LA.")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, respondent=self.person, by_link=True)
        return context
