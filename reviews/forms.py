"""Forms of the peer-review programme. Forms check answers; `services` applies the rules."""

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.utils.text import slugify

from partnership.forms import GDSFormMixin, PersonChoiceField, SchoolMultipleChoiceField
from partnership.models import Person, Specialism, SupportRequest
from partnership.support_forms import SchoolChoiceField
from schools.models import School

from .models import (
    Cycle,
    Framework,
    FrameworkArea,
    GradeScale,
    Priority,
    Review,
    TeamMember,
    TrainingSession,
    WorkshopAction,
)


class CycleForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save cycle"
    period_fields = ("starts_on", "ends_on")
    missing_answer_messages = {
        "name": "Enter the name of the cycle",
        "framework": "Select the framework",
    }

    starts_on = DateInputField(label="Cycle starts", help_text="For example, 1 9 2026")
    ends_on = DateInputField(label="Cycle ends", help_text="For example, 23 7 2027")

    class Meta:
        model = Cycle
        fields = ["name", "starts_on", "ends_on", "framework", "reviewers_per_review"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.order_by("name", "-version")
        self.fields["framework"].empty_label = None
        self.fields["reviewers_per_review"].min_value = 1
        self.fields["reviewers_per_review"].widget.attrs["class"] = "govuk-input--width-3"
        if not self.instance.pk:
            default = Framework.objects.filter(is_default=True).order_by("-version").first()
            self.fields["framework"].initial = default

    def clean_reviewers_per_review(self):
        value = self.cleaned_data["reviewers_per_review"]
        if not 1 <= value <= 6:
            raise forms.ValidationError("Enter a number of reviewing schools from 1 to 6")
        return value

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Cycle.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(f"There is already a cycle called {name}")
        return name


class ClusterForm(GDSFormMixin, forms.Form):
    submit_label = "Save cluster"
    missing_answer_messages = {
        "name": "Enter the name of the cluster",
        "schools": "Select the schools in the cluster",
    }

    name = forms.CharField(max_length=100, label="Name of the cluster")
    schools = SchoolMultipleChoiceField(
        queryset=School.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Schools",
        help_text="Choose 3 to 7 schools. Schools in another cluster this cycle are not listed.",
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = schools


class ConflictForm(GDSFormMixin, forms.Form):
    submit_label = "Mark as conflicted"
    missing_answer_messages = {
        "school_a": "Select the first school",
        "school_b": "Select the second school",
        "reason": "Enter the reason, for the record",
    }

    school_a = SchoolChoiceField(queryset=School.objects.none(), label="First school")
    school_b = SchoolChoiceField(queryset=School.objects.none(), label="Second school")
    reason = forms.CharField(
        max_length=200,
        help_text="For example, the headteachers are related; the schools are federated.",
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_a"].queryset = schools
        self.fields["school_b"].queryset = schools

    def clean(self):
        cleaned = super().clean()
        a, b = cleaned.get("school_a"), cleaned.get("school_b")
        if a and b and a == b:
            self.add_error("school_b", "Choose two different schools")
        return cleaned


class ScheduleForm(GDSFormMixin, forms.Form):
    submit_label = "Save the schedule"
    period_fields = ("starts_on", "ends_on")

    starts_on = DateInputField(label="First day of the review")
    ends_on = DateInputField(label="Last day of the review")
    reviewing_schools = SchoolMultipleChoiceField(
        queryset=School.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Reviewing schools",
        help_text="Schools in the host's cluster. Their headteachers usually form the team.",
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewing_schools"].queryset = schools


class TeamMemberForm(GDSFormMixin, forms.Form):
    submit_label = "Add to the team"
    missing_answer_messages = {"person": "Select a person", "role": "Select their role"}

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Person",
        help_text="Only people who have completed peer-review training are listed.",
    )
    role = forms.ChoiceField(
        choices=TeamMember.Role.choices, widget=forms.RadioSelect, label="Role on the team"
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].error_messages["invalid_choice"] = (
            "Select a person who has completed peer-review training"
        )


class EvaluationForm(forms.Form):
    """Fields for every area of one review: `<evaluation id>-<field>`. Nothing is required, so
    a head or a team can save a draft and come back; the rules for moving on are in services."""

    def __init__(self, *args, evaluations, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluations, self.field_names = evaluations, fields
        for evaluation in evaluations:
            area = evaluation.area
            for name in fields:
                key = f"{evaluation.pk}-{name}"
                initial = getattr(evaluation, name)
                if name.endswith("_grade"):
                    field = forms.ChoiceField(
                        choices=[("", "Not graded yet"), *area.scale.choices],
                        required=False,
                        label="The school's own grade" if name == "self_grade" else "Grade",
                        error_messages={
                            "invalid_choice": f"{area.name}: “%(value)s” is not a grade on the "
                            "framework's scale"
                        },
                    )
                    field.widget.attrs["class"] = "govuk-select"
                elif name == "not_applicable":
                    if not area.only_where_applicable:
                        continue
                    field = forms.BooleanField(
                        required=False, label="The school does not have this provision"
                    )
                else:
                    label = {
                        "self_evaluation": "The school's self-evaluation",
                        "evidence": "Evidence seen",
                        "strengths": "Strengths",
                        "areas_for_development": "Areas for development",
                    }[name]
                    field = forms.CharField(
                        required=False,
                        label=label,
                        widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}),
                    )
                field.initial = initial
                self.fields[key] = field

    def sections(self):
        """(evaluation, [bound fields]) per area, for the template."""
        for evaluation in self.evaluations:
            bound = [
                self[f"{evaluation.pk}-{name}"]
                for name in self.field_names
                if f"{evaluation.pk}-{name}" in self.fields
            ]
            yield evaluation, bound

    def answers(self) -> dict[int, dict]:
        result = {}
        for evaluation in self.evaluations:
            result[evaluation.pk] = {
                name: self.cleaned_data.get(f"{evaluation.pk}-{name}", "")
                for name in self.field_names
            }
        return result


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["area", "description"]
        labels = {"area": "Area (optional)", "description": "Priority"}
        widgets = {
            "area": forms.Select(attrs={"class": "govuk-select"}),
            "description": forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        }

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else FrameworkArea.objects.none()
        self.fields["area"].empty_label = "Whole school"


PriorityFormSet = forms.modelformset_factory(
    Priority, form=PriorityForm, extra=2, can_delete=True, max_num=10
)


class WorkshopForm(GDSFormMixin, forms.ModelForm):
    workshop_on = DateInputField(label="Date of the improvement workshop", required=False)
    follow_up_on = DateInputField(label="Date of the follow-up", required=False)

    class Meta:
        model = Review
        fields = ["workshop_on", "follow_up_on", "follow_up_notes"]
        widgets = {"follow_up_notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"follow_up_notes": "What has changed since the workshop."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.inputs = []

    def clean(self):
        cleaned = super().clean()
        workshop, follow_up = cleaned.get("workshop_on"), cleaned.get("follow_up_on")
        if workshop and workshop < self.instance.starts_on:
            self.add_error("workshop_on", "The workshop must be on or after the review")
        if workshop and follow_up and follow_up < workshop:
            self.add_error("follow_up_on", "The follow-up must be on or after the workshop")
        return cleaned


class WorkshopActionForm(forms.ModelForm):
    due_on = forms.DateField(
        label="Due by",
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={
            "required": "Enter the date the action is due",
            "invalid": "Enter a real date",
        },
    )

    class Meta:
        model = WorkshopAction
        fields = ["description", "owner", "due_on", "done"]
        labels = {"description": "Action", "owner": "Owner", "done": "Done"}
        widgets = {
            "description": forms.TextInput(attrs={"class": "govuk-input"}),
            "owner": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            "done": forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
        }
        error_messages = {
            "description": {"required": "Enter the action"},
            "owner": {"required": "Enter who owns the action"},
        }


WorkshopActionFormSet = forms.inlineformset_factory(
    Review, WorkshopAction, form=WorkshopActionForm, extra=2, can_delete=True, max_num=20
)


class SharingForm(GDSFormMixin, forms.Form):
    submit_label = "Save"
    missing_answer_messages = {"sharing": "Select how the findings are shared"}

    sharing = forms.ChoiceField(
        choices=Review.Sharing.choices,
        widget=forms.RadioSelect,
        label="Who may see this review's findings",
    )


class PrioritySupportForm(GDSFormMixin, forms.Form):
    submit_label = "Ask the LA for support"
    period_fields = ("needed_from", "needed_to")
    missing_answer_messages = {
        "specialisms": "Select at least one area of need",
        "urgency": "Select how urgent the support is",
    }

    specialisms = forms.ModelMultipleChoiceField(
        queryset=Specialism.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Areas of need",
    )
    urgency = forms.ChoiceField(
        choices=SupportRequest.Priority.choices, widget=forms.RadioSelect, label="Priority"
    )
    needed_from = DateInputField(label="Support needed from")
    needed_to = DateInputField(label="Support needed until")


class TrainingSessionForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save session"
    missing_answer_messages = {"title": "Enter the title of the session"}

    held_on = DateInputField(label="Date")

    class Meta:
        model = TrainingSession
        fields = ["title", "held_on", "venue", "trainer"]


class TrainingRecordForm(GDSFormMixin, forms.Form):
    submit_label = "Record completion"
    missing_answer_messages = {"person": "Select the person who completed the training"}

    person = PersonChoiceField(queryset=Person.objects.none(), label="Person")
    completed_on = DateInputField(label="Date completed")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class FrameworkAreaForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save area"
    missing_answer_messages = {"name": "Enter the name of the area", "scale": "Select a scale"}

    class Meta:
        model = FrameworkArea
        fields = ["name", "code", "prompts", "scale", "only_where_applicable", "order"]
        widgets = {"prompts": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["code"].required = False
        self.fields["scale"].empty_label = None

    def clean_code(self):
        code = slugify(self.cleaned_data.get("code") or self.data.get("name", "")).replace("-", "_")
        clash = self.framework.areas.filter(code=code).exclude(pk=self.instance.pk)
        if code and clash.exists():
            raise forms.ValidationError(f"Another area of this framework has the code {code}")
        return code


class GradeScaleForm(GDSFormMixin, forms.Form):
    submit_label = "Save scale"
    missing_answer_messages = {
        "name": "Enter the name of the scale",
        "levels": "Enter the grades, one per line",
    }

    name = forms.CharField(max_length=100)
    levels = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Grades",
        help_text="One per line, best first. For example: Secure, Developing, Not yet secure.",
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if GradeScale.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(f"There is already a scale called {name}")
        return name

    def clean_levels(self):
        labels = [line.strip() for line in self.cleaned_data["levels"].splitlines() if line.strip()]
        if len(labels) < 2:
            raise forms.ValidationError("Enter at least two grades, one per line")
        codes = [slugify(label).replace("-", "_")[:50] for label in labels]
        if len(set(codes)) != len(codes) or not all(codes):
            raise forms.ValidationError(
                "Give each grade a different name made of letters or numbers"
            )
        return [{"code": c, "label": label} for c, label in zip(codes, labels, strict=True)]
