"""The register of schools.

A school is keyed by its URN, as in the DfE's GIAS register. Closed schools are kept with their
close date: their history matters.
"""

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
    street = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    head_name = models.CharField("headteacher", max_length=200, blank=True)
    website = models.URLField(blank=True)
    telephone = models.CharField(max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "urn"]
        indexes = [models.Index(Lower("name"), name="school_name_lower")]
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
