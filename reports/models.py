"""Report jobs, committee reports (with their published versions) and the termly journal."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


def job_file_name(job, filename: str) -> str:
    """The server chooses every stored name: one file per job, never taken from user input."""
    return f"reports/{job.pk}/{job.kind}-{job.pk}.pdf"


class ReportJob(models.Model):
    """One PDF to draw in the background: what, for whom, how far it has got and the result.

    `key` says what the job draws (kind, parameters and the revision of what it draws from), so
    asking twice for the same thing gives the same job; at most one job per key is queued or
    running at a time (a constraint, so two clicks at once still make one).
    """

    class Kind(models.TextChoices):
        COMMITTEE = "committee", "Committee report"
        EXEMPT = "exempt", "Exempt appendix"
        JOURNAL = "journal", "Termly journal"
        SCHOOL = "school", "School profile"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=64, db_index=True)
    title = models.CharField(max_length=300)
    parameters = models.JSONField(default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the task was last handed to the broker (empty: the broker could not be reached).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=job_file_name, blank=True, max_length=200)
    checksum = models.CharField("SHA-256 of the file", max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status__in=["queued", "running"]),
                name="one_unfinished_job_per_key",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def seconds_taken(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def stalled(self) -> bool:
        """Running for longer than the hard time limit: the worker stopped without saying."""
        if self.status != self.Status.RUNNING or self.started_at is None:
            return False
        limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
        return timezone.now() - self.started_at > limit

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED) or self.stalled

    @property
    def can_run_again(self) -> bool:
        return self.status == self.Status.FAILED or self.stalled

    @property
    def download_name(self) -> str:
        stem = "".join(c if c.isalnum() else "-" for c in self.title.lower()).strip("-")
        while "--" in stem:
            stem = stem.replace("--", "-")
        return f"{stem[:80] or 'report'}.pdf"


# Schedule 12A to the Local Government Act 1972, Part 1: the descriptions of exempt information.
EXEMPT_PARAGRAPHS = [
    ("1", "Paragraph 1: information relating to any individual"),
    ("2", "Paragraph 2: information which is likely to reveal the identity of an individual"),
    (
        "3",
        "Paragraph 3: information relating to the financial or business affairs of any "
        "particular person (including the authority holding that information)",
    ),
    (
        "4",
        "Paragraph 4: information relating to consultations or negotiations in connection with "
        "a labour relations matter",
    ),
    (
        "5",
        "Paragraph 5: information in respect of which a claim to legal professional privilege "
        "could be maintained in legal proceedings",
    ),
    (
        "6",
        "Paragraph 6: information which reveals that the authority proposes to give a notice "
        "imposing requirements on a person, or to make an order or direction",
    ),
    (
        "7",
        "Paragraph 7: information relating to action in connection with the prevention, "
        "investigation or prosecution of crime",
    ),
]

IMPLICATIONS = [
    ("policy_implications", "Policy implications"),
    ("financial_implications", "Financial implications"),
    ("legal_implications", "Legal implications"),
    ("risk_implications", "Risk analysis"),
    ("equality_implications", "Equality and diversity issues"),
]


class CommitteeReport(models.Model):
    """A report to a board or committee in the council's format, built from live data."""

    class AppendixReaders(models.TextChoices):
        OFFICERS = "officers", "LA officers only"
        BOARD = "board", "LA officers and the members of the board it is reported to"

    subject = models.CharField(max_length=200)
    board = models.ForeignKey(
        "partnership.Board",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_reports",
        help_text="Its members can read the report once it is published.",
    )
    report_to = models.CharField(
        max_length=200, help_text="As it should appear, e.g. Children and Young People Board."
    )
    meeting_date = models.DateField()
    reporting_officer = models.CharField(
        max_length=200, help_text="Name and title, e.g. Strategic Director, Children's Services."
    )
    portfolio = models.CharField(max_length=200)
    all_wards = models.BooleanField("all wards", default=True)
    wards = models.ManyToManyField("schools.Ward", blank=True, related_name="+")
    key_decision = models.BooleanField(default=False)
    exempt = models.BooleanField(
        "the whole report is exempt", default=False, help_text="Not for publication."
    )
    exempt_paragraph = models.CharField(
        "exempt information", max_length=2, choices=EXEMPT_PARAGRAPHS, default="3"
    )
    appendix_readers = models.CharField(
        "who may read the exempt appendix (and an exempt report)",
        max_length=10,
        choices=AppendixReaders.choices,
        default=AppendixReaders.OFFICERS,
    )
    purpose = models.TextField("purpose of the report")
    recommendations = models.TextField(help_text="One recommendation a line.")
    supporting_information = models.TextField(blank=True)
    sections = models.JSONField("data sections", default=list, blank=True)
    exempt_sections = models.JSONField(default=list, blank=True)
    period_from = models.DateField("figures from")
    period_to = models.DateField("figures to")
    policy_implications = models.TextField(blank=True)
    financial_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    risk_implications = models.TextField("risk analysis", blank=True)
    equality_implications = models.TextField("equality and diversity issues", blank=True)
    background_papers = models.TextField(blank=True, help_text="One paper a line.")
    other_appendices = models.TextField(
        blank=True, help_text="Appendices circulated with the report, one title a line."
    )
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        ordering = ["-meeting_date", "-pk"]

    def __str__(self):
        return self.subject

    @property
    def recommendation_list(self) -> list[str]:
        return _lines(self.recommendations)

    @property
    def background_paper_list(self) -> list[str]:
        return _lines(self.background_papers)

    @property
    def other_appendix_list(self) -> list[str]:
        return _lines(self.other_appendices)


class CommitteeReportVersion(models.Model):
    """A published version: kept for good, with its PDF (and exempt appendix) as drawn."""

    report = models.ForeignKey(CommitteeReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    revision = models.PositiveIntegerField()
    exempt = models.BooleanField(default=False)
    appendix_readers = models.CharField(max_length=10, default="officers")
    job = models.ForeignKey(ReportJob, on_delete=models.PROTECT, related_name="+")
    exempt_job = models.ForeignKey(
        ReportJob, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="version_number_once"),
            models.UniqueConstraint(fields=["report", "revision"], name="revision_published_once"),
        ]

    def __str__(self):
        return f"{self.report} (version {self.number})"


class JournalIssue(models.Model):
    """One issue of the termly journal: CPD offers, good practice, events, system leaders."""

    class Term(models.TextChoices):
        AUTUMN = "autumn", "Autumn"
        SPRING = "spring", "Spring"
        SUMMER = "summer", "Summer"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    academic_year = models.PositiveSmallIntegerField(
        help_text="The year it began: 2026 for 2026/27."
    )
    term = models.CharField(max_length=10, choices=Term.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    editorial = models.TextField(blank=True)
    cpd_offers = models.ManyToManyField("partnership.CpdOffer", blank=True, related_name="+")
    case_studies = models.ManyToManyField("partnership.CaseStudy", blank=True, related_name="+")
    events = models.ManyToManyField("partnership.Event", blank=True, related_name="+")
    designations = models.ManyToManyField("partnership.Designation", blank=True, related_name="+")
    board_highlights = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    job = models.ForeignKey(
        ReportJob, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    drafted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        ordering = ["-academic_year", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "term"], name="one_issue_a_term")
        ]

    def __str__(self):
        return f"{settings.JOURNAL_NAME}: {self.term_label}"

    @property
    def term_label(self) -> str:
        return (
            f"{self.get_term_display()} term {self.academic_year}/{str(self.academic_year + 1)[2:]}"
        )


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•*").strip() for line in text.splitlines() if line.strip()]
