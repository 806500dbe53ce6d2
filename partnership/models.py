"""People, accounts, roles and the access log."""

from functools import cached_property

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """What a user does in the partnership; a user may hold several (DESIGN.md §4)."""

    OFFICER = "officer", "LA officer"
    HEADTEACHER = "headteacher", "Headteacher"
    SYSTEM_LEADER = "system_leader", "System leader"
    BOARD_MEMBER = "board_member", "Board member"
    ADMIN = "admin", "Administrator"


class Person(models.Model):
    """Someone the partnership knows: a headteacher, system leader, board member or officer.

    A person need not have an account (a trainee, a governor on a board); a user links to at
    most one person record.
    """

    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    telephone = models.CharField(max_length=30, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text="The school the person works at, if any.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra_fields)
        UserRole.objects.get_or_create(user=user, role=Role.ADMIN)
        return user

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


TITLES = {"cllr", "councillor", "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "rev", "sir", "dame"}


class User(AbstractBaseUser, PermissionsMixin):
    """An account: signs in with an email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Untick to stop this person signing in; their record and history are kept.",
    )
    is_staff = models.BooleanField("can use the admin site", default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    person = models.OneToOneField(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="user"
    )
    schools = models.ManyToManyField(
        "schools.School",
        blank=True,
        related_name="users",
        help_text="The school(s) this user leads or works for.",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_any_case"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        """The first name, for greetings: "Cllr Margaret Ellis" is Margaret."""
        words = self.full_name.split()
        while len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
            words.pop(0)
        return words[0] if words else self.email

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The user's roles, read once per request (the authorisation module asks often)."""
        return frozenset(self.role_grants.values_list("role", flat=True))

    @cached_property
    def school_ids(self) -> frozenset[int]:
        return frozenset(self.schools.values_list("pk", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_codes

    @property
    def role_labels(self) -> list[str]:
        return [label for code, label in Role.choices if code in self.role_codes]


class UserRole(models.Model):
    """One role held by one user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="user_role_once"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_known"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"


class AccessKind(models.TextChoices):
    """What happened, in the access log."""

    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out"
    SIGN_OUT = "sign_out", "Signed out"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset requested"
    PASSWORD_RESET_LINK_INVALID = "password_reset_invalid", "Password reset link refused"
    DENIED = "denied", "Request denied"
    CSRF_FAILURE = "csrf_failure", "Form check failed (CSRF)"
    NOT_FOUND = "not_found", "Page not found"
    VIEWED_CONFIDENTIAL = "viewed_confidential", "Viewed a confidential record"


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The access log is append-only.")

    def delete(self):
        raise TypeError("The access log is append-only.")

    def redact(self) -> int:
        """The one change the log allows: the retention rule removes who-typed-what and where
        from (IP address, browser, typed username), keeping what happened, when, to whom."""
        return super().update(ip_address=None, user_agent="", username="")


class AccessEvent(models.Model):
    """An append-only record of sign-ins, failures, denials and views of confidential records."""

    Kind = AccessKind

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_events"
    )
    username = models.CharField(
        max_length=254, blank=True, help_text="The email address given, for failed sign-ins."
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=500, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AccessKind.values),
                name="access_event_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only.")


# --------------------------------------------------------------------- system leaders


class Specialism(models.Model):
    """One entry of the controlled list shared by leaders' expertise and schools' needs."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DesignationType(models.Model):
    """NLE, LLE, SLE, NLG, SEP…: configurable; some need quality assurance."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=100, unique=True)
    needs_quality_assurance = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class PhaseServed(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    SPECIAL = "special", "Special and alternative provision"
    POST_16 = "post_16", "Post-16"


class SystemLeader(models.Model):
    """A person who supports other schools, with their designations and capacity."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="leader")
    home_school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="system_leaders",
    )
    specialisms = models.ManyToManyField(Specialism, related_name="leaders")
    # One flag per phase, so that the directory filters in the database on every engine.
    early_years = models.BooleanField(default=False)
    primary = models.BooleanField(default=False)
    secondary = models.BooleanField(default=False)
    special = models.BooleanField("special and alternative provision", default=False)
    post_16 = models.BooleanField("post-16", default=False)
    days_per_term = models.PositiveSmallIntegerField(
        "days available per term", help_text="Whole days the leader can give other schools."
    )
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self):
        return self.person.full_name

    @property
    def phases(self) -> list[str]:
        return [code for code in PhaseServed.values if getattr(self, code)]


class Designation(models.Model):
    leader = models.ForeignKey(SystemLeader, on_delete=models.CASCADE, related_name="designations")
    kind = models.ForeignKey(DesignationType, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Blank if it does not lapse.")
    quality_assured_on = models.DateField(null=True, blank=True)
    quality_assurance_outcome = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="designation_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.kind} ({self.starts_on} to {self.ends_on or 'no end'})"

    def covers(self, start, end) -> bool:
        return self.starts_on <= start and (self.ends_on is None or self.ends_on >= end)


# ------------------------------------------------------------------- support brokerage


class SupportRequest(models.Model):
    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Source(models.TextChoices):
        OFSTED = "ofsted", "Ofsted outcome"
        RISK = "risk", "Risk category"
        PEER_REVIEW = "peer_review", "Peer review priority"
        VISIT = "visit", "LA visit"
        SELF_REFERRAL = "self_referral", "Self-referral by the school"

    class Status(models.TextChoices):
        OPEN = "open", "Open: needs brokering"
        BROKERED = "brokered", "Brokered: support agreed"
        CLOSED = "closed", "Closed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="support_requests"
    )
    specialisms = models.ManyToManyField(Specialism, related_name="requests")
    phase = models.CharField(max_length=20, choices=PhaseServed.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    source = models.CharField(max_length=20, choices=Source.choices)
    description = models.TextField("what support is needed")
    needed_from = models.DateField()
    needed_to = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(needed_to__gte=models.F("needed_from")),
                name="request_period_ordered",
            )
        ]

    def __str__(self):
        return f"Support for {self.school} ({self.get_priority_display()})"


class FundingStream(models.Model):
    name = models.CharField(max_length=200, unique=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    starts_on = models.DateField()
    ends_on = models.DateField()
    conditions = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="fund_period_ordered",
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="fund_amount_positive"),
        ]

    def __str__(self):
        return self.name


class Deployment(models.Model):
    """Agreed support: one or more leaders, a school, days, dates, objectives and funding."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    request = models.ForeignKey(
        SupportRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="deployments"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="deployments"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    objectives = models.TextField()
    day_rate = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    override_reason = models.TextField(
        blank=True, help_text="Why a leader other than the best match was chosen."
    )
    evaluation = models.TextField("closing evaluation", blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: a save that does not carry the current version is refused.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="deployment_period_ordered",
            )
        ]

    def __str__(self):
        return f"Support to {self.school} from {self.starts_on}"


class DeploymentLeader(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="assignments")
    leader = models.ForeignKey(SystemLeader, on_delete=models.PROTECT, related_name="assignments")
    days_agreed = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deployment", "leader"], name="one_assignment_per_leader"
            ),
            models.CheckConstraint(
                condition=models.Q(days_agreed__gte=1), name="days_agreed_positive"
            ),
        ]

    def __str__(self):
        return f"{self.leader}: {self.days_agreed} days"


class DeploymentVisit(models.Model):
    """A system leader's log of one visit: the days it used and what was done."""

    assignment = models.ForeignKey(
        DeploymentLeader, on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField()
    days_used = models.PositiveSmallIntegerField()
    notes = models.TextField()
    logged_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(days_used__gte=1), name="visit_days_positive")
        ]

    def __str__(self):
        return f"Visit on {self.visited_on} ({self.days_used} days)"


class Milestone(models.Model):
    class Rag(models.TextChoices):
        RED = "red", "Red: not on track"
        AMBER = "amber", "Amber: partly on track"
        GREEN = "green", "Green: achieved or on track"

    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(max_length=300)
    due_on = models.DateField()
    rag = models.CharField("impact", max_length=10, choices=Rag.choices, blank=True)
    narrative = models.TextField(blank=True)
    judged_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description


class FundingAllocation(models.Model):
    stream = models.ForeignKey(FundingStream, on_delete=models.PROTECT, related_name="allocations")
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="allocations")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    allocated_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="allocation_positive")
        ]

    def __str__(self):
        return f"£{self.amount} from {self.stream_id} to deployment {self.deployment_id}"


# ----------------------------------------------------------------------- events and training


class Event(models.Model):
    """A briefing, conference, training course or network meeting that people book onto."""

    class Kind(models.TextChoices):
        BRIEFING = "briefing", "Headteacher briefing"
        CONFERENCE = "conference", "Conference"
        TRAINING = "training", "Training course"
        PEER_REVIEW_TRAINING = "peer_review_training", "Peer-review training"
        NETWORK = "network", "Network meeting"

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Headteachers and system leaders"
        HEADTEACHERS = "headteachers", "Headteachers"
        SYSTEM_LEADERS = "system_leaders", "System leaders"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200)
    places = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave blank if there is no limit."
    )
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_period_ordered"
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="event_starts")]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Booking(models.Model):
    """A place on an event for one person, from their school when they have one."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bookings")
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=models.Q(cancelled_at__isnull=True),
                name="one_live_booking_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.person} at {self.event}"


# ---------------------------------------------------------------- surveys and consultations


class Survey(models.Model):
    """Questions to every school, every headteacher or one cluster's schools, open for a
    period; one response per invited school (or headteacher)."""

    class Audience(models.TextChoices):
        SCHOOLS = "schools", "Every open school (the headteacher answers for the school)"
        HEADTEACHERS = "headteachers", "Every headteacher (one answer each)"
        GOVERNORS = "governors", "Chairs of governors (each emailed a personal link; no account)"
        CLUSTER = "cluster", "The schools of one cluster"

    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    cluster = models.ForeignKey(
        "schools.Cluster", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_period_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def by_school(self) -> bool:
        return self.audience in (self.Audience.SCHOOLS, self.Audience.CLUSTER)

    @property
    def respondents(self) -> str:
        """Who answers, in the plural, for sentences."""
        return {
            self.Audience.HEADTEACHERS: "headteachers",
            self.Audience.GOVERNORS: "chairs of governors",
        }.get(self.audience, "schools")

    def state(self, today) -> str:
        if today < self.opens_on:
            return "not open yet"
        return "open" if today <= self.closes_on else "closed"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "One choice from a list"
        MULTIPLE = "multiple", "Any number of choices from a list"
        SCALE = "scale", "A scale from 1 (strongly disagree) to 5 (strongly agree)"
        TEXT = "text", "Free text"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField("question", max_length=500)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    choices = models.TextField(blank=True, help_text="For a list: one choice per line.")
    required = models.BooleanField("an answer is required", default=True)

    class Meta:
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SurveyTheme(models.Model):
    """A theme officers find in the free-text answers, with the LA's response to it
    ("you said, we did")."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=150)
    la_response = models.TextField("the LA's response", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "name"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="survey_theme_once"),
        ]

    def __str__(self):
        return self.name


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Nobody signed in when a governor answers through their emailed link.
    submitted_by = models.ForeignKey(
        "User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "school"],
                condition=models.Q(school__isnull=False),
                name="one_response_per_school",
            ),
            models.UniqueConstraint(
                fields=["survey", "person"],
                condition=models.Q(person__isnull=False),
                name="one_response_per_person",
            ),
        ]

    def __str__(self):
        return f"Response to {self.survey}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choices = models.JSONField(default=list, blank=True)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    themes = models.ManyToManyField(SurveyTheme, blank=True, related_name="answers")

    class Meta:
        ordering = ["response", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_each"),
        ]

    def __str__(self):
        return f"Answer to {self.question}"


class SurveyReminder(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    recipients = models.PositiveIntegerField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Reminder about {self.survey_id} to {self.recipients}"


class ActionItem(models.Model):
    """An action someone has agreed to take: what, who, by when, and whether it is done."""

    description = models.CharField(max_length=300)
    owner = models.CharField(max_length=150)
    due_on = models.DateField()
    done = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.description


class SurveyAction(ActionItem):
    """Something the LA will do about what the survey found."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="actions")

    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "due_on", "pk"]


# ------------------------------------------------------------------------- boards and groups


class Board(models.Model):
    """A board or group of the partnership, e.g. the Strategic Education Partnership Board."""

    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        GROUP = "group", "Group"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BOARD)
    purpose = models.TextField()
    terms_of_reference = models.TextField(
        blank=True, help_text="The terms of reference as agreed; upload the signed copy below."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class BoardMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        OFFICER = "officer", "Officer (supports the board)"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="board_places")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(max_length=200, blank=True, help_text="E.g. primary heads.")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="board_term_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.board})"


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    held_at = models.DateTimeField()
    venue = models.CharField(max_length=200)
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "-held_at"]

    def __str__(self):
        return f"{self.board} on {self.held_at:%d %b %Y}"


class MeetingAttendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["meeting", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class BoardAction(models.Model):
    """The board's action log: every action has an owner and a due date."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="board_actions")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    update = models.TextField("latest update", blank=True)
    closed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="board_action_due")]

    def __str__(self):
        return self.description


class BoardPriority(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    set_on = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "order", "pk"]
        verbose_name_plural = "board priorities"

    def __str__(self):
        return self.title


class BoardDocument(models.Model):
    """Terms of reference, papers and minutes as files, served only to those who may see
    the board (never from a public URL)."""

    class Kind(models.TextChoices):
        TERMS = "terms", "Terms of reference"
        AGENDA = "agenda", "Agenda"
        PAPER = "paper", "Paper"
        MINUTES = "minutes", "Minutes"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="documents")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="boards/%Y/")
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["board", "-uploaded_at"]

    def __str__(self):
        return self.title


# ------------------------------------------------------------------------ LA self-evaluation

# Ofsted's criteria for LA school-improvement services (2013), as councils still use them.
SELF_EVALUATION_CRITERIA = [
    "The effectiveness of corporate and strategic leadership of school improvement",
    "The clarity and transparency of policy and strategy for supporting schools' and other "
    "providers' improvement, and how clearly the LA has defined its monitoring, challenge, "
    "support and intervention role",
    "The extent to which the LA knows its schools and other providers, their performance and "
    "the standards they achieve and how effectively support is focused on areas of greatest need",
    "The effectiveness of the LA's identification of, and intervention in, underperforming "
    "schools, including the use of formal powers of intervention",
    "The impact of LA support and challenge over time and the rate at which schools and other "
    "providers are improving",
    "The extent to which the LA commissions and brokers support for schools and other providers",
    "The effectiveness of strategies to support highly effective leadership and management in "
    "schools and other providers",
    "Support and challenge for school governance",
    "The way in which the LA uses any available funding to effect improvement including how it "
    "is focused on areas of greatest need",
]


class SelfEvaluation(models.Model):
    """One version of the LA's self-evaluation. A finalised version keeps the live figures as
    they were that day; the next version starts as a copy of the last."""

    title = models.CharField(max_length=200)
    created_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class SelfEvaluationEntry(models.Model):
    class Grade(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"

    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="entries")
    criterion = models.PositiveSmallIntegerField()  # 1 to 9, SELF_EVALUATION_CRITERIA
    grade = models.CharField("our judgement", max_length=30, choices=Grade.choices, blank=True)
    position = models.TextField("position statement", blank=True)
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    evidence = models.TextField("other evidence", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="criterion_once"),
            models.CheckConstraint(
                condition=models.Q(criterion__gte=1, criterion__lte=9), name="criterion_1_to_9"
            ),
        ]

    def __str__(self):
        return f"Criterion {self.criterion}"

    @property
    def text(self) -> str:
        return SELF_EVALUATION_CRITERIA[self.criterion - 1]


# --------------------------------------------------------- CPD offers, good practice, projects


class CpdOffer(models.Model):
    """Professional development offered to the partnership's schools; feeds the journal."""

    class Provider(models.TextChoices):
        HUB = "hub", "Teaching school hub"
        SCHOOL = "school", "A school"
        LA = "la", "The LA"
        OTHER = "other", "Another provider"

    title = models.CharField(max_length=200)
    provider_kind = models.CharField("provider", max_length=10, choices=Provider.choices)
    provider_name = models.CharField(max_length=200)
    description = models.TextField()
    audience = models.CharField(max_length=200, help_text="E.g. early career teachers; SENCOs.")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    cost = models.DecimalField(
        "cost per place (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave blank if free.",
    )
    booking_link = models.URLField(blank=True)
    posted_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = "CPD offer"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="cpd_period_ordered",
            ),
        ]

    def __str__(self):
        return self.title


class CaseStudy(models.Model):
    """Good practice written up by a school, reviewed by the LA, then published to all."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for review"
        RETURNED = "returned", "Returned for changes"
        PUBLISHED = "published", "Published"

    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="case_studies"
    )
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=100, help_text="E.g. reading, attendance, inclusion.")
    summary = models.CharField(max_length=400)
    body = models.TextField("the case study")
    contact = models.CharField(max_length=200, blank=True, help_text="Who to ask about it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    review_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        "User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-updated_at", "pk"]
        verbose_name_plural = "case studies"

    def __str__(self):
        return self.title


class Project(models.Model):
    """An improvement or research project (e.g. an EEF trial) with its schools and training."""

    class Kind(models.TextChoices):
        IMPROVEMENT = "improvement", "Improvement project"
        RESEARCH = "research", "Research project or trial"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    partner = models.CharField(max_length=200, blank=True, help_text="E.g. the EEF.")
    description = models.TextField()
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    lead = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="project_period_ordered",
            ),
        ]

    def __str__(self):
        return self.title


class ProjectSchool(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="schools")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField()

    class Meta:
        ordering = ["project", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "school"], name="project_school_once"),
        ]

    def __str__(self):
        return f"{self.school} in {self.project}"


class ProjectTraining(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="trained")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    trained_on = models.DateField()

    class Meta:
        ordering = ["project", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="project_trained_once"),
        ]

    def __str__(self):
        return f"{self.person} trained for {self.project}"
