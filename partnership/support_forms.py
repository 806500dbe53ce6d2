"""Forms for system leaders and brokerage."""

from crispy_forms_gds.fields import DateInputField
from django import forms

from schools.models import School

from .forms import GDSFormMixin
from .models import (
    DesignationType,
    FundingStream,
    Milestone,
    PhaseServed,
    Specialism,
    SupportRequest,
    SystemLeader,
)


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} (URN {obj.urn})"


class LeaderForm(GDSFormMixin, forms.Form):
    submit_label = "Save system leader"
    missing_answer_messages = {
        "first_name": "Enter their first name",
        "last_name": "Enter their last name",
        "days_per_term": "Enter the days they can give each term",
        "specialisms": "Select at least one specialism",
    }

    title = forms.CharField(
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(required=False, label="Email address")
    job_title = forms.CharField(required=False, max_length=200)
    home_school = SchoolChoiceField(
        queryset=School.objects.none(), required=False, empty_label="None (not based in a school)"
    )
    specialisms = forms.ModelMultipleChoiceField(
        queryset=Specialism.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    phases = forms.MultipleChoiceField(
        choices=PhaseServed.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Phases they work in",
        error_messages={"required": "Select at least one phase"},
    )
    days_per_term = forms.IntegerField(
        min_value=0,
        max_value=60,
        label="Days available per term",
        help_text="Whole days they can give other schools each term.",
        error_messages={
            "invalid": "Enter a whole number of days, like 10",
            "min_value": "Days cannot be negative",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    active = forms.BooleanField(required=False, initial=True, label="Available for brokering")

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_school"].queryset = schools


class DesignationForm(GDSFormMixin, forms.Form):
    submit_label = "Add designation"
    period_fields = ("starts_on", "ends_on")
    missing_answer_messages = {"kind": "Select the designation"}

    kind = forms.ModelChoiceField(
        queryset=DesignationType.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Designation",
    )
    starts_on = DateInputField(label="Start date")
    ends_on = DateInputField(
        label="End date", required=False, help_text="Leave blank if it does not lapse."
    )
    quality_assured_on = DateInputField(
        label="Quality assured on (Self Evaluation Partners)", required=False
    )
    quality_assurance_outcome = forms.CharField(
        required=False, max_length=200, label="Quality assurance outcome"
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and kind.needs_quality_assurance and not cleaned.get("quality_assured_on"):
            self.add_error(
                "quality_assured_on", f"Enter the date the {kind.name} was quality assured"
            )
        return cleaned


class SupportRequestForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save request"
    period_fields = ("needed_from", "needed_to")
    missing_answer_messages = {
        "school": "Select the school",
        "specialisms": "Select at least one area of need",
        "phase": "Select the phase",
        "source": "Select where the need came from",
        "description": "Describe the support needed",
    }

    school = SchoolChoiceField(
        queryset=School.objects.none(),
        error_messages={"invalid_choice": "Select a school you may request support for"},
    )
    specialisms = forms.ModelMultipleChoiceField(
        queryset=Specialism.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Areas of need",
    )
    needed_from = DateInputField(label="Support needed from")
    needed_to = DateInputField(label="Support needed until")

    class Meta:
        model = SupportRequest
        fields = [
            "school",
            "specialisms",
            "phase",
            "priority",
            "source",
            "description",
            "needed_from",
            "needed_to",
        ]
        widgets = {
            "phase": forms.RadioSelect,
            "priority": forms.RadioSelect,
            "source": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()


class DeploymentForm(GDSFormMixin, forms.Form):
    submit_label = "Agree the support"
    missing_answer_messages = {
        "leader": "Select the system leader",
        "days_agreed": "Enter the days agreed",
        "objectives": "Enter the objectives of the support",
    }

    leader = forms.ModelChoiceField(
        queryset=SystemLeader.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="System leader",
    )
    days_agreed = forms.IntegerField(
        min_value=1,
        max_value=200,
        label="Days agreed",
        error_messages={
            "invalid": "Enter a whole number of days, like 6",
            "min_value": "Days agreed must be at least 1",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )
    starts_on = DateInputField(label="Start date")
    ends_on = DateInputField(label="End date")
    objectives = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the support should achieve, so impact can be judged.",
    )
    day_rate = forms.DecimalField(
        min_value=0,
        max_digits=8,
        decimal_places=2,
        label="Day rate (£)",
        initial=0,
        error_messages={
            "invalid": "Enter the day rate in pounds, like 450",
            "min_value": "The day rate cannot be negative",
        },
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal"}
        ),
    )
    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason for the choice",
        help_text="Needed if you choose a leader other than the best match.",
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders


class DeploymentEditForm(GDSFormMixin, forms.Form):
    submit_label = "Save changes"
    missing_answer_messages = {"objectives": "Enter the objectives of the support"}

    starts_on = DateInputField(label="Start date")
    ends_on = DateInputField(label="End date")
    objectives = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class VisitLogForm(GDSFormMixin, forms.Form):
    submit_label = "Log the visit"
    missing_answer_messages = {
        "days_used": "Enter the days the visit used",
        "notes": "Enter what was done",
    }

    visited_on = DateInputField(label="Date of the visit")
    days_used = forms.IntegerField(
        min_value=1,
        max_value=60,
        label="Days used",
        error_messages={
            "invalid": "Enter a whole number of days, like 1",
            "min_value": "Days used must be at least 1",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), label="What was done, and what next"
    )


class MilestoneForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save milestone"
    missing_answer_messages = {"description": "Enter the milestone"}

    due_on = DateInputField(label="Due by")
    judged_on = DateInputField(label="Date of the judgement", required=False)

    class Meta:
        model = Milestone
        fields = ["description", "due_on", "rag", "narrative", "judged_on"]
        widgets = {"rag": forms.RadioSelect, "narrative": forms.Textarea(attrs={"rows": 4})}
        labels = {"rag": "Impact so far (RAG)", "narrative": "Evidence of impact"}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rag") and not cleaned.get("narrative", "").strip():
            self.add_error("narrative", "Give the evidence for the judgement")
        return cleaned


class CloseForm(GDSFormMixin, forms.Form):
    submit_label = "Close the deployment"
    missing_answer_messages = {"evaluation": "Enter the closing evaluation"}

    evaluation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Closing evaluation",
        help_text="Were the objectives met? What is the evidence? What should happen next?",
    )
    closed_on = DateInputField(label="Date closed")


class FundingStreamForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save funding stream"
    period_fields = ("starts_on", "ends_on")
    missing_answer_messages = {"name": "Enter the name of the fund", "amount": "Enter the amount"}

    starts_on = DateInputField(label="Start date")
    ends_on = DateInputField(label="End date")

    class Meta:
        model = FundingStream
        fields = ["name", "amount", "starts_on", "ends_on", "conditions"]
        labels = {"amount": "Amount (£)"}
        widgets = {"conditions": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount") is not None and cleaned["amount"] < 0:
            self.add_error("amount", "The amount cannot be negative")
        return cleaned


class AllocationForm(GDSFormMixin, forms.Form):
    submit_label = "Allocate"
    missing_answer_messages = {"stream": "Select the funding stream", "amount": "Enter the amount"}

    stream = forms.ModelChoiceField(
        queryset=FundingStream.objects.all(), empty_label=None, label="Funding stream"
    )
    amount = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        label="Amount (£)",
        error_messages={"invalid": "Enter an amount in pounds, like 2250"},
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}
        ),
    )


class AddLeaderForm(GDSFormMixin, forms.Form):
    submit_label = "Add to the deployment"
    missing_answer_messages = {
        "leader": "Select the system leader",
        "days_agreed": "Enter the days agreed",
    }

    leader = forms.ModelChoiceField(
        queryset=SystemLeader.objects.none(), empty_label=None, label="System leader"
    )
    days_agreed = forms.IntegerField(
        min_value=1,
        max_value=200,
        label="Days agreed",
        error_messages={
            "invalid": "Enter a whole number of days, like 3",
            "min_value": "Days agreed must be at least 1",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders
