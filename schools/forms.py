"""Forms of the schools register: risk categories, records of visits, imports."""

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.conf import settings
from django.utils import timezone

from partnership.forms import GDSFormMixin

from .models import ImportRun, RiskCategory, Visit, VisitAction


class RiskAssessmentForm(GDSFormMixin, forms.Form):
    submit_label = "Save risk category"
    missing_answer_messages = {
        "category": "Select a risk category",
        "rationale": "Enter the rationale for this category",
    }

    category = forms.ModelChoiceField(
        queryset=RiskCategory.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Risk category",
    )
    assessed_on = DateInputField(
        label="Date of this assessment", help_text="For example, 27 3 2026"
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Rationale",
        help_text="The evidence for this category: outcomes, Ofsted, leadership, visits.",
    )
    next_review_on = DateInputField(
        label="Next review by",
        required=False,
        help_text="Leave blank to use the category's usual review interval.",
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = lambda c: f"{c.name}: {c.description}"

    def clean_assessed_on(self):
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on and assessed_on > timezone.localdate():
            raise forms.ValidationError("The date of the assessment must be today or in the past")
        return assessed_on

    def clean(self):
        cleaned = super().clean()
        assessed, review = cleaned.get("assessed_on"), cleaned.get("next_review_on")
        if assessed and review and review < assessed:
            self.add_error("next_review_on", "The next review must be after the assessment")
        return cleaned


class VisitForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save record of visit"
    missing_answer_messages = {
        "focus": "Enter the focus of the visit",
        "notes": "Enter what was seen and discussed",
    }

    visited_on = DateInputField(label="Date of visit", help_text="For example, 27 3 2026")

    class Meta:
        model = Visit
        fields = ["visited_on", "focus", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "focus": "For example, Year 6 writing; SEND provision; governance.",
            "notes": "The school's headteacher will read this once you share it.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rendered inside the page's own form, together with the actions.
        self.helper.form_tag = False
        self.helper.inputs = []

    def clean_visited_on(self):
        visited_on = self.cleaned_data["visited_on"]
        if visited_on and visited_on > timezone.localdate():
            raise forms.ValidationError("The date of the visit must be today or in the past")
        return visited_on


class VisitActionForm(forms.ModelForm):
    due_on = forms.DateField(
        label="Due by",
        required=True,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={
            "required": "Enter the date the action is due",
            "invalid": "Enter a real date",
        },
    )

    class Meta:
        model = VisitAction
        fields = ["action", "owner", "due_on"]
        error_messages = {
            "action": {"required": "Enter the action"},
            "owner": {"required": "Enter who owns the action"},
        }
        widgets = {
            "action": forms.TextInput(attrs={"class": "govuk-input"}),
            "owner": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
        }


VisitActionFormSet = forms.inlineformset_factory(
    Visit, VisitAction, form=VisitActionForm, extra=3, can_delete=True, max_num=20
)


class VisitResponseForm(GDSFormMixin, forms.Form):
    submit_label = "Send response"
    missing_answer_messages = {"response": "Select whether the record is accurate"}

    response = forms.ChoiceField(
        choices=[
            (Visit.Response.CONFIRMED, "Yes, it is accurate"),
            (Visit.Response.DISPUTED, "No, parts are inaccurate"),
        ],
        widget=forms.RadioSelect,
        label="Is this record of the visit accurate?",
    )
    response_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        label="What is inaccurate, and what should it say?",
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("response") == Visit.Response.DISPUTED
            and not cleaned.get("response_text", "").strip()
        ):
            self.add_error("response_text", "Say what is inaccurate")
        return cleaned


class ImportUploadForm(GDSFormMixin, forms.Form):
    submit_label = "Check the file"
    missing_answer_messages = {
        "kind": "Select what kind of file this is",
        "file": "Choose the file to import",
    }

    kind = forms.ChoiceField(
        choices=ImportRun.Kind.choices, widget=forms.RadioSelect, label="What is the file?"
    )
    file = forms.FileField(
        label="The CSV file, as downloaded",
        help_text="GIAS: edubasealldata….csv from Get Information About Schools. Ofsted: the "
        "management information CSV.",
    )
    la_codes = forms.CharField(
        required=False,
        label="Only these LA codes (GIAS only)",
        help_text="Three-digit codes separated by commas, e.g. 876. Blank imports every LA in "
        "the file.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )

    def clean_la_codes(self):
        text = self.cleaned_data["la_codes"].replace(" ", "")
        codes = []
        for part in filter(None, text.split(",")):
            if not part.isdigit() or len(part) != 3:
                raise forms.ValidationError(f"{part!r} is not a three-digit LA code")
            codes.append(int(part))
        return codes

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1_000_000:.0f} MB; the largest accepted is "
                f"{settings.IMPORT_MAX_BYTES / 1_000_000:.0f} MB"
            )
        if upload.size == 0:
            raise forms.ValidationError("The file is empty")
        return upload
