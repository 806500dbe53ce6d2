"""Forms for signing in and managing accounts. Forms validate; services write."""

import re
from datetime import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone

from schools.models import School

from . import permissions
from .accounts import normalise_email
from .models import (
    Board,
    BoardAction,
    BoardDocument,
    BoardMember,
    BoardPriority,
    CaseStudy,
    CpdOffer,
    Event,
    Meeting,
    Person,
    Project,
    Question,
    Role,
    SelfEvaluationEntry,
    Survey,
    SurveyAction,
    User,
)


class GDSFormMixin:
    """Renders the form with GOV.UK markup; the page shows the error summary above it."""

    submit_label = "Continue"
    missing_answer_messages: dict[str, str] = {}
    # (start field, end field): the end may not come before the start.
    period_fields: tuple[str, str] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        # The service checks every answer and explains what is wrong in the error summary;
        # the browser's own pop-up validation is neither consistent nor accessible.
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", self.submit_label))
        self._name_missing_answers()

    def clean(self):
        cleaned = super().clean()
        if self.period_fields:
            start_field, end_field = self.period_fields
            start, end = cleaned.get(start_field), cleaned.get(end_field)
            if start and end and end < start:
                self.add_error(end_field, "The end date must be on or after the start date")
        return cleaned

    def _name_missing_answers(self):
        """Name the missing answer ("Enter your email address"), never "This field is required"."""
        for name, message in self.missing_answer_messages.items():
            self.fields[name].error_messages["required"] = message
        default = forms.Field.default_error_messages["required"]
        choosing = (forms.Select, forms.SelectMultiple, forms.RadioSelect, forms.CheckboxInput)
        for name, field in self.fields.items():
            if field.error_messages.get("required") != default:
                continue
            label = str(field.label or name.replace("_", " "))
            verb = "Select" if isinstance(field.widget, choosing) else "Enter"
            field.error_messages["required"] = f"{verb} {label[:1].lower()}{label[1:]}"


class EmailAuthenticationForm(GDSFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"
    missing_answer_messages = {
        "username": "Enter your email address",
        "password": "Enter your password",
    }
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive "
        "only in the password.",
        "inactive": "This account has been deactivated. Ask your LA officer to restore it.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True, "spellcheck": "false"}
        )
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self):
        return normalise_email(self.cleaned_data.get("username"))


class PasswordChangeForm(GDSFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"
    missing_answer_messages = {
        "old_password": "Enter your current password",
        "new_password1": "Enter a new password",
        "new_password2": "Enter the new password again",
    }


class PasswordResetForm(GDSFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send the link"
    missing_answer_messages = {"email": "Enter your email address"}

    def clean_email(self):
        return normalise_email(self.cleaned_data.get("email"))


class SetPasswordForm(GDSFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save password"
    missing_answer_messages = {
        "new_password1": "Enter a new password",
        "new_password2": "Enter the new password again",
    }


class SchoolMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} (URN {obj.urn})"


class UserForm(GDSFormMixin, forms.Form):
    """Create or edit an account; `actor` decides which roles may be given."""

    submit_label = "Save"

    full_name = forms.CharField(
        max_length=200,
        label="Full name",
        error_messages={
            "required": "Enter their full name",
            "max_length": "Full name must be 200 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address",
        help_text="They sign in with this address and receive their invitation there.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    roles = forms.MultipleChoiceField(
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply. A headteacher who is also an NLE has both roles.",
    )
    schools = SchoolMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="The school or schools they lead or work for. Needed for a headteacher.",
    )
    is_active = forms.BooleanField(
        required=False,
        initial=True,
        label="Can sign in",
        help_text="Untick to deactivate the account: it signs out at once and cannot sign in.",
    )

    def __init__(self, *args, actor, instance: User | None = None, **kwargs):
        self.actor = actor
        self.instance = instance
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "full_name": instance.full_name,
                    "email": instance.email,
                    "roles": sorted(instance.role_codes),
                    "schools": list(instance.schools.all()),
                    "is_active": instance.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = permissions.assignable_roles(actor)
        self.fields["schools"].queryset = permissions.scope_schools(
            actor, School.objects.only("pk", "urn", "name").order_by("name")
        )
        if instance is None:
            del self.fields["is_active"]

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        existing = User.objects.filter(email__iexact=email)
        if self.instance is not None:
            existing = existing.exclude(pk=self.instance.pk)
        if existing.exists():
            raise forms.ValidationError(
                f"There is already an account for {email}.", code="duplicate"
            )
        return email

    def clean_roles(self):
        roles = set(self.cleaned_data["roles"])
        # An administrator role an officer cannot see stays as it is.
        keeps_admin = self.instance is not None and Role.ADMIN in self.instance.role_codes
        if keeps_admin and not permissions.is_admin(self.actor):
            roles.add(Role.ADMIN)
        return roles

    def clean(self):
        cleaned = super().clean()
        roles = cleaned.get("roles") or set()
        if Role.HEADTEACHER in roles and not cleaned.get("schools"):
            self.add_error(
                "schools",
                forms.ValidationError(
                    "Choose the school this headteacher leads.", code="head_needs_school"
                ),
            )
        if (
            self.instance is not None
            and self.instance.pk == self.actor.pk
            and "is_active" in cleaned
            and not cleaned["is_active"]
        ):
            self.add_error(
                "is_active",
                forms.ValidationError(
                    "You cannot deactivate your own account.", code="self_deactivate"
                ),
            )
        return cleaned


class EventForm(GDSFormMixin, forms.ModelForm):
    """An event: a date, start and end times, where, for whom and how many places."""

    submit_label = "Save event"
    missing_answer_messages = {
        "title": "Enter the title of the event",
        "kind": "Select the kind of event",
        "venue": "Enter where the event is",
        "audience": "Select who the event is for",
    }

    held_on = DateInputField(label="Date", help_text="For example, 4 3 2027")
    starts = forms.TimeField(
        label="Starts at",
        help_text="24-hour clock, for example 09:30",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={"required": "Enter the start time", "invalid": "Enter a time like 09:30"},
    )
    ends = forms.TimeField(
        label="Ends at",
        help_text="For example 15:30",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={"required": "Enter the end time", "invalid": "Enter a time like 15:30"},
    )

    class Meta:
        model = Event
        fields = ["title", "kind", "held_on", "starts", "ends", "venue", "places", "audience",
                  "description"]  # fmt: skip
        widgets = {
            "kind": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts", "ends"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-5"
        event = self.instance
        if event.pk:
            starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
            self.initial.update(held_on=starts.date(), starts=starts.time(), ends=ends.time())

    def clean_places(self):
        places = self.cleaned_data.get("places")
        if places is not None and places < 1:
            raise forms.ValidationError("Enter at least 1 place, or leave blank for no limit")
        if places is not None and self.instance.pk:
            booked = self.instance.bookings.filter(cancelled_at__isnull=True).count()
            if places < booked:
                raise forms.ValidationError(
                    f"{booked} places are already booked: enter {booked} or more"
                )
        return places

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("held_on"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", "The end time must be after the start time")
            else:
                zone = timezone.get_current_timezone()
                cleaned["starts_at"] = datetime.combine(day, starts, tzinfo=zone)
                cleaned["ends_at"] = datetime.combine(day, ends, tzinfo=zone)
        return cleaned

    def save(self, commit=True):
        event = super().save(commit=False)
        event.starts_at = self.cleaned_data["starts_at"]
        event.ends_at = self.cleaned_data["ends_at"]
        if commit:
            event.save()
        return event


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, {obj.school.name}" if obj.school_id else obj.full_name


class BookingForm(GDSFormMixin, forms.Form):
    submit_label = "Book a place"
    missing_answer_messages = {"person": "Select who the place is for"}

    person = PersonChoiceField(queryset=Person.objects.none(), label="Who is the place for?")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].error_messages["invalid_choice"] = (
            "Select yourself or someone at your school"
        )
        if people.count() == 1:
            self.fields["person"].initial = people.first()


class EventCancelForm(GDSFormMixin, forms.Form):
    submit_label = "Cancel the event"
    missing_answer_messages = {"reason": "Enter why the event is cancelled"}

    reason = forms.CharField(
        max_length=300,
        help_text="Everyone booked sees this, and calendars that follow the feed drop the event.",
    )


class SurveyForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save and add questions"
    period_fields = ("opens_on", "closes_on")
    missing_answer_messages = {
        "title": "Enter the title of the survey",
        "audience": "Select who is asked",
    }

    opens_on = DateInputField(label="Opens on")
    closes_on = DateInputField(label="Closes on")

    class Meta:
        model = Survey
        fields = ["title", "introduction", "audience", "cluster", "opens_on", "closes_on"]
        widgets = {"audience": forms.RadioSelect, "introduction": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "introduction": "Why you are asking and what you will do with the answers.",
            "cluster": "Only for a survey of one cluster's schools.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].empty_label = "No cluster"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Survey.Audience.CLUSTER and not cleaned.get("cluster"):
            self.add_error("cluster", "Select the cluster whose schools are asked")
        if cleaned.get("audience") != Survey.Audience.CLUSTER:
            cleaned["cluster"] = None
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "choices", "required"]
        widgets = {
            "text": forms.TextInput(attrs={"class": "govuk-input"}),
            "kind": forms.Select(attrs={"class": "govuk-select"}),
            "choices": forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
            "required": forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
        }
        error_messages = {
            "text": {"required": "Enter the question"},
            "kind": {"required": "Select the kind of answer"},
        }

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        choices = [c.strip() for c in (cleaned.get("choices") or "").splitlines() if c.strip()]
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(choices) < 2:
            self.add_error("choices", "Enter at least two choices, one per line")
        if len(set(choices)) != len(choices):
            self.add_error("choices", "Give each choice once")
        return cleaned


QuestionFormSet = forms.modelformset_factory(
    Question, form=QuestionForm, extra=3, can_delete=True, max_num=40
)


class SurveyAnswerForm(forms.Form):
    """One field per question; the service checks the answers again before saving."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = f"{question.order}. {question.text}"
            name = f"q{question.pk}"
            messages = {"required": f"Answer question {question.order}"}
            if question.kind == Question.Kind.TEXT:
                field = forms.CharField(
                    label=label, required=question.required, error_messages=messages,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )  # fmt: skip
            elif question.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    label=label, coerce=int, required=question.required,
                    choices=[(value, f"{value}: {text}") for value, text in SCALE_LABELS],
                    widget=forms.RadioSelect, error_messages=messages,
                )  # fmt: skip
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label, required=question.required, widget=forms.CheckboxSelectMultiple,
                    choices=[(c, c) for c in question.choice_list], error_messages=messages,
                )  # fmt: skip
            else:
                field = forms.ChoiceField(
                    label=label, required=question.required, widget=forms.RadioSelect,
                    choices=[(c, c) for c in question.choice_list], error_messages=messages,
                )  # fmt: skip
            self.fields[name] = field
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Send your answers"))

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


SCALE_LABELS = [(1, "Strongly disagree"), (2, "Disagree"), (3, "Neither agree nor disagree"),
                (4, "Agree"), (5, "Strongly agree")]  # fmt: skip


class SurveyThemeForm(GDSFormMixin, forms.Form):
    submit_label = "Add the theme"
    missing_answer_messages = {"name": "Enter the theme"}

    name = forms.CharField(max_length=150, label="A theme in the answers")


class LaResponseForm(GDSFormMixin, forms.Form):
    submit_label = "Save the LA's response"
    missing_answer_messages = {"la_response": "Enter what the LA did or will do"}

    la_response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="We did (the LA's response)",
        help_text="Shown to headteachers once the survey has closed.",
    )


class SurveyActionForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Add the action"
    missing_answer_messages = {
        "description": "Enter the action",
        "owner": "Enter who owns the action",
    }

    due_on = DateInputField(label="Due by")

    class Meta:
        model = SurveyAction
        fields = ["description", "owner", "due_on"]


class BoardForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save"
    missing_answer_messages = {
        "name": "Enter the name of the board or group",
        "purpose": "Enter its purpose",
    }

    class Meta:
        model = Board
        fields = ["name", "kind", "purpose", "terms_of_reference"]
        widgets = {
            "kind": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "terms_of_reference": forms.Textarea(attrs={"rows": 8}),
        }


class BoardMemberForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Add the member"
    period_fields = ("starts_on", "ends_on")
    missing_answer_messages = {"person": "Select the person", "role": "Select their role"}

    person = PersonChoiceField(queryset=Person.objects.none())
    starts_on = DateInputField(label="Term starts")
    ends_on = DateInputField(label="Term ends", required=False, help_text="Blank if open-ended.")

    class Meta:
        model = BoardMember
        fields = ["person", "role", "represents", "starts_on", "ends_on"]
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.select_related("school").order_by(
            "last_name", "first_name"
        )


class MeetingForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save the meeting"
    missing_answer_messages = {"venue": "Enter where the meeting is"}

    held_on = DateInputField(label="Date")
    starts = forms.TimeField(
        label="Time",
        help_text="24-hour clock, for example 16:00",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={"required": "Enter the time", "invalid": "Enter a time like 16:00"},
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "starts", "venue", "agenda", "minutes"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts"].widget.attrs["class"] = "govuk-input govuk-input--width-5"
        if self.instance.pk:
            held = timezone.localtime(self.instance.held_at)
            self.initial.update(held_on=held.date(), starts=held.time())
            # On the meeting's page the form sits inside the page's own form, with attendance.
            self.helper.form_tag = False
            self.helper.inputs = []

    def save(self, commit=True):
        meeting = super().save(commit=False)
        zone = timezone.get_current_timezone()
        meeting.held_at = datetime.combine(
            self.cleaned_data["held_on"], self.cleaned_data["starts"], tzinfo=zone
        )
        if commit:
            meeting.save()
        return meeting


class BoardActionForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Add the action"
    missing_answer_messages = {
        "description": "Enter the action",
        "owner": "Select who owns the action: every action needs an owner",
    }

    owner = PersonChoiceField(queryset=Person.objects.none(), label="Owner")
    due_on = DateInputField(label="Due by")

    class Meta:
        model = BoardAction
        fields = ["description", "owner", "due_on", "meeting"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            Person.objects.filter(board_places__board=board)
            .select_related("school")
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["owner"].error_messages["invalid_choice"] = (
            "Select a member of the board as the owner"
        )
        self.fields["meeting"].queryset = board.meetings.all()
        self.fields["meeting"].required = False
        self.fields["meeting"].empty_label = "Not from a meeting"
        self.fields["meeting"].label = "Agreed at"


class BoardActionUpdateForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save the update"

    class Meta:
        model = BoardAction
        fields = ["status", "update"]
        widgets = {"status": forms.RadioSelect, "update": forms.Textarea(attrs={"rows": 3})}


class BoardPriorityForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Add the priority"
    missing_answer_messages = {"title": "Enter the priority"}

    set_on = DateInputField(label="Agreed on")

    class Meta:
        model = BoardPriority
        fields = ["title", "description", "set_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BoardDocumentForm(GDSFormMixin, forms.Form):
    submit_label = "Upload"
    missing_answer_messages = {
        "kind": "Select what the document is",
        "title": "Enter the title of the document",
        "file": "Choose the file",
    }

    kind = forms.ChoiceField(choices=BoardDocument.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(max_length=200)
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, empty_label="Not for one meeting"
    )
    file = forms.FileField(help_text="PDF, Word, Excel, PowerPoint, OpenDocument or text; 10 MB.")

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = board.meetings.all()


class SelfEvaluationEntryForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save"

    class Meta:
        model = SelfEvaluationEntry
        fields = ["grade", "position", "strengths", "areas_for_development", "evidence"]
        widgets = {
            "grade": forms.RadioSelect,
            "position": forms.Textarea(attrs={"rows": 5}),
            "strengths": forms.Textarea(attrs={"rows": 5}),
            "areas_for_development": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "evidence": "Documents and sources beyond the figures the service shows here.",
        }


class SelfEvaluationVersionForm(GDSFormMixin, forms.Form):
    submit_label = "Start a new version"
    missing_answer_messages = {"title": "Enter a title for the version"}

    title = forms.CharField(max_length=200, help_text="For example, Self-evaluation, autumn 2026.")


class CpdOfferForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save the offer"
    period_fields = ("starts_on", "ends_on")
    missing_answer_messages = {
        "title": "Enter the title of the offer",
        "provider_kind": "Select who provides it",
        "provider_name": "Enter the provider's name",
        "description": "Describe the offer",
        "audience": "Enter who it is for",
    }

    starts_on = DateInputField(label="Starts on")
    ends_on = DateInputField(label="Ends on", required=False, help_text="Blank for one day.")

    class Meta:
        model = CpdOffer
        fields = ["title", "provider_kind", "provider_name", "description", "audience",
                  "starts_on", "ends_on", "cost", "booking_link"]  # fmt: skip
        widgets = {
            "provider_kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_cost(self):
        cost = self.cleaned_data.get("cost")
        if cost is not None and cost < 0:
            raise forms.ValidationError("Enter a cost of £0 or more, or leave it blank if free")
        return cost


class CaseStudyForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save the draft"
    missing_answer_messages = {
        "school": "Select the school",
        "title": "Enter the title",
        "theme": "Enter the theme",
        "summary": "Enter a one-sentence summary",
        "body": "Write the case study",
    }

    class Meta:
        model = CaseStudy
        fields = ["school", "title", "theme", "summary", "body", "contact"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None
        self.fields["school"].error_messages["invalid_choice"] = "Select your own school"


class CaseStudyReviewForm(GDSFormMixin, forms.Form):
    submit_label = "Send the decision"
    missing_answer_messages = {"decision": "Select publish or return"}

    decision = forms.ChoiceField(
        choices=[("publish", "Publish it"), ("return", "Return it for changes")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you return it: say what to change.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Say what to change before returning it")
        return cleaned


class ProjectForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save the project"
    period_fields = ("starts_on", "ends_on")
    missing_answer_messages = {
        "title": "Enter the title of the project",
        "kind": "Select the kind of project",
        "description": "Describe the project",
        "lead": "Select who leads it",
    }

    starts_on = DateInputField(label="Starts on")
    ends_on = DateInputField(label="Ends on", required=False)
    lead = PersonChoiceField(queryset=Person.objects.none())

    class Meta:
        model = Project
        fields = ["title", "kind", "partner", "description", "starts_on", "ends_on", "lead"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Person.objects.select_related("school").order_by(
            "last_name", "first_name"
        )


class ProjectSchoolsForm(GDSFormMixin, forms.Form):
    submit_label = "Add the schools"
    missing_answer_messages = {"urns": "Enter at least one URN"}

    urns = forms.CharField(
        label="Schools by URN",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Six-digit URNs, separated by commas, spaces or new lines.",
    )
    joined_on = DateInputField(label="Joined on")

    def clean_urns(self):
        tokens = [t for t in re.split(r"[\s,;]+", self.cleaned_data["urns"]) if t]
        bad = [t for t in tokens if not (t.isdigit() and len(t) == 6)]
        if bad:
            raise forms.ValidationError(f"Not a six-digit URN: {', '.join(bad[:10])}")
        urns = sorted({int(t) for t in tokens})
        found = dict(School.objects.filter(urn__in=urns).values_list("urn", "pk"))
        missing = [str(u) for u in urns if u not in found]
        if missing:
            raise forms.ValidationError(f"No school with URN {', '.join(missing[:10])}")
        return list(found.values())


class ProjectTrainingForm(GDSFormMixin, forms.Form):
    submit_label = "Record the training"
    missing_answer_messages = {"person": "Select the person trained"}

    person = PersonChoiceField(queryset=Person.objects.none())
    trained_on = DateInputField(label="Trained on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.select_related("school").order_by(
            "last_name", "first_name"
        )
