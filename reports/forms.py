"""Forms of the reports app: the committee report builder and the journal issue editor."""

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.utils import timezone

from partnership.forms import GDSFormMixin
from partnership.models import Board, CaseStudy, CpdOffer, Designation, Event
from partnership.terms import long_date
from schools.models import Ward

from .committee import DETAIL_BLOCKS
from .models import CommitteeReport, JournalIssue
from .sections import all_blocks


class CommitteeReportForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save the report"
    period_fields = ("period_from", "period_to")
    missing_answer_messages = {
        "subject": "Enter the subject of the report",
        "report_to": "Enter the board or committee the report goes to",
        "reporting_officer": "Enter the reporting officer",
        "portfolio": "Enter the portfolio",
        "purpose": "Enter the purpose of the report",
        "recommendations": "Enter at least one recommendation",
    }

    meeting_date = DateInputField(label="Date of the meeting")
    period_from = DateInputField(label="Figures from")
    period_to = DateInputField(label="Figures to")
    board = forms.ModelChoiceField(
        queryset=Board.objects.all(),
        required=False,
        empty_label="No particular board",
        help_text="Its members can read the report once it is published.",
    )
    wards = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Only if the report does not affect all wards.",
    )
    sections = forms.MultipleChoiceField(
        label="Data sections",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each is drawn from the service's live data when the PDF is drawn.",
    )
    exempt_sections = forms.MultipleChoiceField(
        label="Detail kept in the exempt appendix",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Detail naming schools goes in a separate exempt appendix unless you untick it.",
    )

    class Meta:
        model = CommitteeReport
        fields = [
            "subject",
            "board",
            "report_to",
            "meeting_date",
            "reporting_officer",
            "portfolio",
            "all_wards",
            "wards",
            "key_decision",
            "exempt",
            "exempt_paragraph",
            "appendix_readers",
            "purpose",
            "recommendations",
            "supporting_information",
            "period_from",
            "period_to",
            "sections",
            "exempt_sections",
            "policy_implications",
            "financial_implications",
            "legal_implications",
            "risk_implications",
            "equality_implications",
            "background_papers",
            "other_appendices",
        ]
        widgets = {
            "appendix_readers": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "recommendations": forms.Textarea(attrs={"rows": 5}),
            "supporting_information": forms.Textarea(attrs={"rows": 8}),
            "background_papers": forms.Textarea(attrs={"rows": 3}),
            "other_appendices": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in [
                    "policy_implications",
                    "financial_implications",
                    "legal_implications",
                    "risk_implications",
                    "equality_implications",
                ]
            },
        }
        help_texts = {
            "recommendations": "One a line, as the committee will resolve them, e.g. “That the "
            "Board notes the report.”",
            "supporting_information": "Paragraphs separated by a blank line; each is numbered.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blocks = all_blocks()
        self.fields["sections"].choices = [
            (key, f"{block.title}: {block.description}") for key, block in blocks.items()
        ]
        self.fields["exempt_sections"].choices = [
            (key, blocks[key].title) for key in DETAIL_BLOCKS if key in blocks
        ]
        if not self.instance.pk:
            today = timezone.localdate()
            start = today.replace(month=9, day=1)
            if start > today:
                start = start.replace(year=today.year - 1)
            self.initial.setdefault("period_from", start)
            self.initial.setdefault("period_to", today)
            self.initial.setdefault("sections", list(blocks))
            self.initial.setdefault(
                "exempt_sections",
                [key for key, block in blocks.items() if block.exempt_by_default],
            )

    def clean_meeting_date(self):
        meeting = self.cleaned_data["meeting_date"]
        unchanged = self.instance.pk and self.instance.meeting_date == meeting
        if meeting < timezone.localdate() and not unchanged:
            raise forms.ValidationError(
                f"The meeting date must be today or later: {long_date(meeting)} has passed"
            )
        return meeting

    def clean_recommendations(self):
        text = self.cleaned_data["recommendations"]
        if not [line for line in text.splitlines() if line.strip()]:
            raise forms.ValidationError("Enter at least one recommendation")
        return text

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_wards") and not cleaned.get("wards"):
            self.add_error("wards", "Select the wards the report affects, or tick “all wards”")
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and (end - start).days > 366 * 5:
            self.add_error("period_from", "The figures can cover at most five years")
        return cleaned


class JournalIssueForm(GDSFormMixin, forms.ModelForm):
    submit_label = "Save the issue"

    cpd_offers = forms.ModelMultipleChoiceField(
        label="CPD offers",
        queryset=CpdOffer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    case_studies = forms.ModelMultipleChoiceField(
        label="Good-practice case studies",
        queryset=CaseStudy.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    events = forms.ModelMultipleChoiceField(
        queryset=Event.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    designations = forms.ModelMultipleChoiceField(
        label="New and renewed system leaders",
        queryset=Designation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = JournalIssue
        fields = [
            "editorial",
            "cpd_offers",
            "case_studies",
            "events",
            "designations",
            "board_highlights",
        ]
        widgets = {
            "editorial": forms.Textarea(attrs={"rows": 8}),
            "board_highlights": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "editorial": "Paragraphs separated by a blank line.",
            "board_highlights": "Drafted from the boards' meetings last term; edit freely.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        issue = self.instance
        from datetime import timedelta

        window_start = issue.starts_on - timedelta(days=150)
        self.fields["cpd_offers"].queryset = CpdOffer.objects.filter(
            withdrawn_at__isnull=True, starts_on__lte=issue.ends_on
        ).order_by("starts_on", "title")
        self.fields["case_studies"].queryset = (
            CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED)
            .select_related("school")
            .order_by("-published_at")
        )
        self.fields["events"].queryset = Event.objects.filter(
            cancelled_at__isnull=True,
            starts_at__date__gte=issue.starts_on,
            starts_at__date__lte=issue.ends_on,
        ).order_by("starts_at")
        self.fields["designations"].queryset = (
            Designation.objects.filter(starts_on__gte=window_start, starts_on__lte=issue.ends_on)
            .select_related("leader__person", "kind")
            .order_by("-starts_on")
        )
        self.fields["designations"].label_from_instance = lambda d: (
            f"{d.leader.person.full_name}: {d.kind.name} from {long_date(d.starts_on)}"
        )
        self.fields["case_studies"].label_from_instance = lambda s: f"{s.title} ({s.school.name})"
        self.fields["events"].label_from_instance = lambda e: (
            f"{e.title}, {long_date(timezone.localtime(e.starts_at).date())}"
        )
