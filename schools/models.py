"""The register of schools.

A school is keyed by its URN, as in the DfE's GIAS register. Closed schools are kept with their
close date: their history matters.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class TypeGroup(models.TextChoices):
    """GIAS `EstablishmentTypeGroup (name)` values the product covers."""

    LA_MAINTAINED = "la_maintained", "Local authority maintained schools"
    ACADEMIES = "academies", "Academies"
    FREE_SCHOOLS = "free_schools", "Free Schools"
    SPECIAL = "special", "Special schools"


class Phase(models.TextChoices):
    """GIAS `PhaseOfEducation (name)`."""

    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE_DEEMED_PRIMARY = "middle_primary", "Middle deemed primary"
    MIDDLE_DEEMED_SECONDARY = "middle_secondary", "Middle deemed secondary"
    SECONDARY = "secondary", "Secondary"
    SIXTEEN_PLUS = "16_plus", "16 plus"
    ALL_THROUGH = "all_through", "All-through"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class Status(models.TextChoices):
    """GIAS `EstablishmentStatus (name)`."""

    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    PROPOSED_TO_CLOSE = "proposed_to_close", "Open, but proposed to close"
    PROPOSED_TO_OPEN = "proposed_to_open", "Proposed to open"


class Governance(models.TextChoices):
    """Who runs the school: this decides what the LA may do (DESIGN.md glossary)."""

    MAINTAINED = "maintained", "LA maintained"
    ACADEMY = "academy", "Academy or free school"


class LocalAuthority(models.Model):
    """An English local authority, by its three-digit DfE code."""

    code = models.PositiveSmallIntegerField("LA code", unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return f"{self.name} ({self.code:03d})"


class Trust(models.Model):
    """An academy trust (GIAS `Trusts (code)`)."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Ward(models.Model):
    """An administrative ward (GIAS `AdministrativeWard (code)`, an ONS code)."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cluster(models.Model):
    """A group of schools the LA defines: a locality, a peer-review cluster, a network."""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Outcome(models.TextChoices):
    """A school's current Ofsted outcome, in the terms of the framework that gave it."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    GRADED_NO_OVERALL = "graded_2024", "Judgements 2024–25 (no overall grade)"
    REPORT_CARD = "report_card", "Report card"
    NONE = "none", "Not yet inspected"


class School(models.Model):
    urn = models.PositiveIntegerField("URN", unique=True)
    la_code = models.PositiveSmallIntegerField("LA code")
    establishment_number = models.PositiveSmallIntegerField("establishment number")
    name = models.CharField(max_length=200)
    establishment_type = models.CharField("type of establishment", max_length=100)
    type_group = models.CharField(max_length=20, choices=TypeGroup.choices)
    governance = models.CharField(max_length=20, choices=Governance.choices)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    open_date = models.DateField(null=True, blank=True)
    close_date = models.DateField(null=True, blank=True)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    number_of_pupils = models.PositiveIntegerField(null=True, blank=True)
    percentage_fsm = models.DecimalField(
        "% FSM", max_digits=4, decimal_places=1, null=True, blank=True
    )
    religious_character = models.CharField(max_length=100, blank=True)
    diocese = models.CharField(max_length=100, blank=True)
    trust = models.ForeignKey(
        Trust, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools"
    )
    ward = models.ForeignKey(
        Ward, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools"
    )
    clusters = models.ManyToManyField(Cluster, blank=True, related_name="schools")
    street = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    head_name = models.CharField("headteacher", max_length=200, blank=True)
    website = models.URLField(blank=True)
    telephone = models.CharField(max_length=30, blank=True)

    # Derived from the inspections by schools.outcomes.refresh_outcomes (never edited by hand),
    # so that lists filter and count on them without reading every inspection.
    outcome = models.CharField(
        "current Ofsted outcome", max_length=30, choices=Outcome.choices, default=Outcome.NONE
    )
    good_or_better = models.BooleanField(null=True, blank=True)
    stuck = models.BooleanField(default=False)
    last_inspected = models.DateField("last graded inspection", null=True, blank=True)
    # The latest RiskAssessment, kept here by schools.services.risk_assess.
    risk_category = models.ForeignKey(
        "RiskCategory", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    risk_review_due = models.DateField(null=True, blank=True)

    history = HistoricalRecords(
        excluded_fields=[
            "outcome",
            "good_or_better",
            "stuck",
            "last_inspected",
            "risk_category",
            "risk_review_due",
        ]
    )

    class Meta:
        ordering = ["name", "urn"]
        indexes = [
            models.Index(Lower("name"), name="school_name_lower"),
            # The register's default order, so a page of it is read from the index.
            models.Index(fields=["name", "urn"], name="school_name_urn"),
            models.Index(fields=["la_code", "status"], name="school_la_status"),
            models.Index(fields=["outcome"], name="school_outcome"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(urn__gte=100000, urn__lte=999999),
                name="school_urn_six_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(close_date__isnull=True)
                | models.Q(open_date__isnull=True)
                | models.Q(close_date__gte=models.F("open_date")),
                name="school_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(statutory_low_age__isnull=True)
                | models.Q(statutory_high_age__isnull=True)
                | models.Q(statutory_high_age__gte=models.F("statutory_low_age")),
                name="school_age_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.urn})"

    @property
    def laestab(self) -> str:
        """LA code and establishment number, e.g. 8762001."""
        return f"{self.la_code:03d}{self.establishment_number:04d}"

    @property
    def is_academy(self) -> bool:
        return self.governance == Governance.ACADEMY

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def age_range(self) -> str:
        if self.statutory_low_age is None or self.statutory_high_age is None:
            return ""
        return f"{self.statutory_low_age} to {self.statutory_high_age}"


class InspectionKind(models.TextChoices):
    GRADED = "graded", "Graded inspection"
    UNGRADED = "ungraded", "Ungraded inspection"
    REPORT_CARD = "report_card", "Report card inspection"


class Inspection(models.Model):
    """One Ofsted inspection of a school, under whichever framework it was made.

    Graded inspections carry the 1–4 judgements (with no overall effectiveness from September
    2024); report-card inspections carry a grade per evaluation area in `area_grades`
    ({area code: grade code}, see schools.outcomes); ungraded inspections carry only their
    outcome text. The meaning of each is in schools.outcomes, written once.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="inspections")
    inspection_number = models.CharField(max_length=20, null=True, blank=True, unique=True)
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    inspection_type = models.CharField(max_length=100, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    overall_effectiveness = models.PositiveSmallIntegerField(null=True, blank=True)
    category_of_concern = models.CharField(max_length=10, blank=True)
    quality_of_education = models.PositiveSmallIntegerField(null=True, blank=True)
    behaviour_and_attitudes = models.PositiveSmallIntegerField(null=True, blank=True)
    personal_development = models.PositiveSmallIntegerField(null=True, blank=True)
    leadership_and_management = models.PositiveSmallIntegerField(null=True, blank=True)
    early_years = models.PositiveSmallIntegerField(null=True, blank=True)
    sixth_form = models.PositiveSmallIntegerField(null=True, blank=True)
    # "Safeguarding is effective?" (graded) or "Safeguarding standards" Met (report cards).
    safeguarding_met = models.BooleanField(null=True, blank=True)
    area_grades = models.JSONField(default=dict, blank=True)
    ungraded_outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["school", "-start_date"], name="inspection_school_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "start_date", "kind"],
                condition=models.Q(inspection_number__isnull=True),
                name="inspection_unnumbered_once",
            ),
            models.CheckConstraint(
                condition=models.Q(overall_effectiveness__isnull=True)
                | models.Q(overall_effectiveness__gte=1, overall_effectiveness__lte=4),
                name="inspection_grade_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.school_id} on {self.start_date}"


class RiskCategory(models.Model):
    """A step on the LA's own scale of how much support and challenge a school needs."""

    class AppliesTo(models.TextChoices):
        MAINTAINED = "maintained", "LA maintained schools"
        ACADEMY = "academy", "Academies and free schools"
        ALL = "all", "All schools"

    class Colour(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"
        GREY = "grey", "Grey"

    name = models.CharField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    colour = models.CharField("RAG colour", max_length=10, choices=Colour.choices)
    applies_to = models.CharField(max_length=20, choices=AppliesTo.choices, default=AppliesTo.ALL)
    order = models.PositiveSmallIntegerField(default=0)
    review_months = models.PositiveSmallIntegerField(
        "review within (months)", default=4, help_text="How soon the category must be reviewed."
    )
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "risk categories"

    def __str__(self):
        return self.name

    def applies_to_school(self, school: School) -> bool:
        return self.applies_to == self.AppliesTo.ALL or self.applies_to == school.governance


class RiskAssessment(models.Model):
    """The LA's judgement of a school's risk category on a date; the latest is the current one.

    Rows are never changed or deleted, so the history is complete.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="risk_assessments")
    category = models.ForeignKey(RiskCategory, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField()
    rationale = models.TextField()
    next_review_on = models.DateField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["school", "-assessed_on"], name="risk_school_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_on__gte=models.F("assessed_on")),
                name="risk_review_after_assessment",
            )
        ]

    def __str__(self):
        return f"{self.category} for {self.school_id} on {self.assessed_on}"


class ImportRun(models.Model):
    """One run of a GIAS or Ofsted import: who, when, which file and what it changed."""

    class Kind(models.TextChoices):
        GIAS = "gias", "GIAS establishments"
        OFSTED = "ofsted", "Ofsted inspections"

    class State(models.TextChoices):
        PREVIEW = "preview", "Previewed, not applied"
        QUEUED = "queued", "Waiting to run"
        RUNNING = "running", "Running"
        APPLIED = "applied", "Applied"
        CHECKED = "checked", "Checked (dry run)"
        FAILED = "failed", "Failed: nothing changed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    stored_file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    la_codes = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=10, default="web")  # web or command
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    bytes_total = models.PositiveBigIntegerField(default=0)
    bytes_done = models.PositiveBigIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} import of {self.file_name}"

    @property
    def percent_done(self) -> int:
        if not self.bytes_total:
            return 0
        return min(100, round(100 * self.bytes_done / self.bytes_total))


class Visit(models.Model):
    """An LA officer's record of a visit to a school, shared with the school to confirm.

    A draft is seen only by LA officers. Once shared, the school's headteacher sees it and
    either confirms it is accurate or says what is not; the officer sees that response.
    """

    class Response(models.TextChoices):
        AWAITING = "awaiting", "Awaiting the school's response"
        CONFIRMED = "confirmed", "Confirmed as accurate"
        DISPUTED = "disputed", "The school says parts are inaccurate"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("date of visit")
    focus = models.CharField(max_length=200)
    notes = models.TextField("what was seen and discussed")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits_recorded"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.AWAITING)
    response_text = models.TextField("what is inaccurate", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_responses",
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self):
        return f"Visit to {self.school_id} on {self.visited_on}: {self.focus}"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


class VisitAction(models.Model):
    """An action agreed on a visit: what, who owns it, by when."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=200, help_text="Who will do it, e.g. the headteacher.")
    due_on = models.DateField("due by")
    done = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.action
