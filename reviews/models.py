"""Peer review: frameworks, cycles and clusters, reviews with their findings, sharing, training.

A review's findings belong to the host school. Who may see them is decided in
`partnership/permissions.py` from the review's sharing level (DESIGN.md §4): private to the
school and the review team; contributing to anonymised themes (the default); or shared with the
LA. Nothing in this module decides visibility.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnership.models import ActionItem


class GradeScale(models.Model):
    """An ordered list of grades, best first, e.g. Ofsted's five report-card grades."""

    name = models.CharField(max_length=100, unique=True)
    # [{"code": "exceptional", "label": "Exceptional"}, ...], best first.
    levels = models.JSONField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(level["code"], level["label"]) for level in self.levels]

    def label_of(self, code: str) -> str:
        return dict(self.choices).get(code, code)


class Framework(models.Model):
    """A set of areas to review against. Once a review uses a version it is never changed:
    officers make a new version instead, and each review keeps the version it used."""

    name = models.CharField(max_length=150)
    version = models.PositiveSmallIntegerField(default=1)
    description = models.TextField(blank=True)
    is_default = models.BooleanField(
        "default for new cycles",
        default=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="framework_version_once"),
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"


class FrameworkArea(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(
        max_length=50, help_text="A short code kept across versions, e.g. curriculum_teaching."
    )
    name = models.CharField(max_length=150)
    prompts = models.TextField(
        blank=True, help_text="Questions for the host and the team to consider, one per line."
    )
    scale = models.ForeignKey(GradeScale, on_delete=models.PROTECT, related_name="areas")
    only_where_applicable = models.BooleanField(
        default=False,
        help_text="For example early years or post-16: not every school has this provision.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="area_code_once"),
        ]

    def __str__(self):
        return self.name

    @property
    def prompt_list(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]


class Cycle(models.Model):
    """One year of the programme, usually an academic year (2026/27)."""

    name = models.CharField(max_length=50, unique=True, help_text="For example, 2026/27.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="cycles")
    reviewers_per_review = models.PositiveSmallIntegerField(
        "reviewing schools per review",
        default=2,
        help_text="How many other schools in the cluster review each host.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="cycle_period_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    def contains(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class ReviewCluster(models.Model):
    """Three to seven schools that review one another in a cycle."""

    MIN_SCHOOLS, MAX_SCHOOLS = 3, 7

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="review_cluster_name_once"),
        ]

    def __str__(self):
        return self.name


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(ReviewCluster, on_delete=models.CASCADE, related_name="members")
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="review_memberships"
    )
    # The cluster's cycle, repeated so that a school is in one cluster per cycle.
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["cluster", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "school"], name="one_cluster_per_cycle"),
        ]

    def __str__(self):
        return f"{self.school} in {self.cluster}"


class ConflictedPair(models.Model):
    """Two schools that should not review each other this cycle (an officer's judgement)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="conflicts")
    school_a = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    school_b = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["cycle", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "school_a", "school_b"], name="conflict_once"),
            # Stored lowest id first, so (A, B) and (B, A) are the same pair.
            models.CheckConstraint(
                condition=Q(school_a__lt=models.F("school_b")), name="conflict_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.school_a} and {self.school_b}"


class Review(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DRAFT_REPORT = "draft_report", "Draft report"
        AGREED = "agreed", "Agreed by the host school"
        CLOSED = "closed", "Closed"

    class Sharing(models.TextChoices):
        PRIVATE = "private", "Private to the school and the review team"
        THEMES = "themes", "Contributes to anonymised themes"
        LA = "la", "Shared with the LA (and contributes to anonymised themes)"

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="reviews")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="reviews")
    host_school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="peer_reviews"
    )
    cluster = models.ForeignKey(
        ReviewCluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    reviewing_schools = models.ManyToManyField(
        "schools.School", blank=True, related_name="peer_reviews_given"
    )
    starts_on = models.DateField("first day of the review")
    ends_on = models.DateField("last day of the review")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    sharing = models.CharField(max_length=10, choices=Sharing.choices, default=Sharing.THEMES)
    workshop_on = models.DateField("date of the improvement workshop", null=True, blank=True)
    follow_up_on = models.DateField("date of the follow-up", null=True, blank=True)
    follow_up_notes = models.TextField("follow-up", blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "host_school"], name="one_review_per_host"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="review_period_ordered"
            ),
        ]
        indexes = [models.Index(fields=["cycle", "status", "sharing"], name="review_themes")]

    def __str__(self):
        return f"Peer review of {self.host_school.name}, {self.cycle}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead reviewer"
        REVIEWER = "reviewer", "Reviewer"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(
        "partnership.Person", on_delete=models.PROTECT, related_name="review_places"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.REVIEWER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "role", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="team_member_once"),
            models.UniqueConstraint(
                fields=["review"], condition=Q(role="lead"), name="one_lead_per_review"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class AreaEvaluation(models.Model):
    """One framework area of one review: the host's self-evaluation and the team's findings."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="evaluations")
    area = models.ForeignKey(FrameworkArea, on_delete=models.PROTECT, related_name="evaluations")
    self_grade = models.CharField("the school's own grade", max_length=50, blank=True)
    self_evaluation = models.TextField("the school's self-evaluation", blank=True)
    team_grade = models.CharField("the team's grade", max_length=50, blank=True)
    evidence = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    not_applicable = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "area__order", "area__pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "area"], name="one_evaluation_per_area"),
        ]

    def __str__(self):
        return f"{self.area} in {self.review}"

    @property
    def self_grade_label(self) -> str:
        return self.area.scale.label_of(self.self_grade) if self.self_grade else ""

    @property
    def team_grade_label(self) -> str:
        return self.area.scale.label_of(self.team_grade) if self.team_grade else ""


class Priority(models.Model):
    """An agreed priority for the host school, which may become a support request."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="priorities")
    area = models.ForeignKey(
        FrameworkArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    support_request = models.OneToOneField(
        "partnership.SupportRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_priority",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "order", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return self.description[:60]


class WorkshopAction(ActionItem):
    """An action agreed at the improvement workshop."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "due_on", "pk"]


class SharingDecision(models.Model):
    """Each change of a review's sharing level, by the host headteacher: the consent record."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sharing_decisions")
    level = models.CharField(max_length=10, choices=Review.Sharing.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_level_display()} ({self.decided_at:%d %b %Y})"


class TrainingSession(models.Model):
    """A peer-review training session (for headteachers and other reviewers)."""

    title = models.CharField(max_length=200)
    held_on = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    trainer = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return f"{self.title}, {self.held_on:%-d %B %Y}"


class TrainingRecord(models.Model):
    """One person's completion of peer-review training: needed before joining a review team."""

    person = models.ForeignKey(
        "partnership.Person", on_delete=models.CASCADE, related_name="review_training"
    )
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "completed_on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "session"], name="trained_once_per_session"),
        ]

    def __str__(self):
        return f"{self.person}: {self.session}"
