"""What an Ofsted inspection means, under each of the three frameworks: written once.

DESIGN.md §3. Every page and report that shows a "good or better" figure states the rule it was
counted by: `GOOD_OR_BETTER_RULE` below.

Eras
1. graded inspections to 31 August 2024: overall effectiveness 1–4;
2. graded inspections from 1 September 2024 to 9 November 2025: key judgements 1–4, no overall;
3. report-card inspections from 10 November 2025: a grade per evaluation area, safeguarding
   Met / Not met, no overall.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

ERA_2_FROM = date(2024, 9, 1)
ERA_3_FROM = date(2025, 11, 10)

GRADE_LABELS = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}

CATEGORY_OF_CONCERN_LABELS = {"SM": "Special measures", "SWK": "Serious weaknesses"}

# Key judgements of graded inspections: (field on Inspection, label, Ofsted MI column).
KEY_JUDGEMENTS = [
    ("quality_of_education", "Quality of education", "Quality of education"),
    ("behaviour_and_attitudes", "Behaviour and attitudes", "Behaviour and attitudes"),
    ("personal_development", "Personal development", "Personal development"),
    (
        "leadership_and_management",
        "Leadership and management",
        "Effectiveness of leadership and management",
    ),
    ("early_years", "Early years provision", "Early years provision (where applicable)"),
    ("sixth_form", "Sixth form provision", "Sixth form provision (where applicable)"),
]

# Report-card evaluation areas: code -> (display label, Ofsted MI column).
AREAS = {
    "inclusion": ("Inclusion", "Inclusion"),
    "curriculum_teaching": ("Curriculum and teaching", "Curriculum and teaching"),
    "achievement": ("Achievement", "Achievement"),
    "attendance_behaviour": ("Attendance and behaviour", "Attendance and behaviour"),
    "personal_development": (
        "Personal development and well-being",
        "Personal development and wellbeing",
    ),
    "early_years": ("Early years", "Early years (where applicable)"),
    "post_16": ("Post-16 provision", "Post-16 provision (where applicable)"),
    "leadership_governance": ("Leadership and governance", "Leadership and governance"),
}

# Report-card grades, best first: code -> display label.
REPORT_CARD_GRADES = {
    "exceptional": "Exceptional",
    "strong": "Strong standard",
    "expected": "Expected standard",
    "needs_attention": "Needs attention",
    "urgent_improvement": "Urgent improvement",
}
# Spellings found in Ofsted's files and announcements, mapped to the codes above.
_GRADE_SPELLINGS = {
    "exceptional": "exceptional",
    "strong standard": "strong",
    "strong": "strong",
    "expected standard": "expected",
    "expected": "expected",
    "secure": "expected",
    "needs attention": "needs_attention",
    "needs improvement": "needs_attention",
    "urgent improvement": "urgent_improvement",
}
BELOW_EXPECTED = {"needs_attention", "urgent_improvement"}

# Ofsted MI writes these for "no grade".
NO_GRADE = {"", "null", "not applicable", "n/a", "na", "9", "not graded"}

GOOD_OR_BETTER_RULE = (
    "Good or better: graded inspections to August 2024, overall effectiveness Outstanding or "
    "Good; graded inspections from September 2024 (no overall grade), every key judgement "
    "Outstanding or Good and safeguarding effective; report cards from November 2025, "
    "safeguarding met and no evaluation area below Expected standard. Ungraded inspections "
    "award no grade, so a school keeps the outcome of its last graded inspection. Schools not "
    "yet inspected are left out of the percentages."
)
STUCK_RULE = (
    "Stuck (DfE, 2025): below good or better, by the rule above, at the latest graded or "
    "report-card inspection and at the one before it."
)


# What the rules below read from an inspection: load these and nothing else.
DECIDING_FIELDS = [
    "school_id",
    "kind",
    "start_date",
    "overall_effectiveness",
    "safeguarding_met",
    "area_grades",
    *[field for field, _label, _column in KEY_JUDGEMENTS],
]


def parse_report_card_grade(value: str) -> str | None:
    """A report-card grade code, None for "no grade"; ValueError for anything else."""
    text = (value or "").strip().lower()
    if text in NO_GRADE:
        return None
    try:
        return _GRADE_SPELLINGS[text]
    except KeyError:
        raise ValueError(f"{value!r} is not a report-card grade") from None


def parse_grade(value: str) -> int | None:
    """A 1–4 judgement, None for "no grade"; ValueError for anything else."""
    text = (value or "").strip().lower()
    if text in NO_GRADE:
        return None
    if text in {"1", "2", "3", "4"}:
        return int(text)
    for number, label in GRADE_LABELS.items():
        if text == label.lower():
            return number
    raise ValueError(f"{value!r} is not a grade from 1 to 4")


def era(inspection) -> int:
    """1, 2 or 3: the framework the inspection was made under."""
    if inspection.kind == "report_card" or inspection.start_date >= ERA_3_FROM:
        return 3
    if inspection.start_date >= ERA_2_FROM:
        return 2
    return 1


def is_graded(inspection) -> bool:
    """Graded and report-card inspections decide an outcome; ungraded ones do not."""
    return inspection.kind in {"graded", "report_card"}


def judgement_is_good_or_better(inspection) -> bool | None:
    """Whether this one inspection counts as good or better; None if it decides nothing."""
    if not is_graded(inspection):
        return None
    if inspection.kind == "report_card":
        grades = [grade for grade in (inspection.area_grades or {}).values() if grade]
        if inspection.safeguarding_met is None and not grades:
            return None
        if inspection.safeguarding_met is False:
            return False
        return not any(grade in BELOW_EXPECTED for grade in grades)
    if inspection.overall_effectiveness is not None:
        return inspection.overall_effectiveness <= 2
    grades = [
        getattr(inspection, field)
        for field, _label, _column in KEY_JUDGEMENTS
        if getattr(inspection, field) is not None
    ]
    if not grades and inspection.safeguarding_met is None:
        return None
    if inspection.safeguarding_met is False:
        return False
    return all(grade <= 2 for grade in grades)


def outcome_code(inspection) -> str:
    """The school's outcome given this inspection is its latest graded one (schools.Outcome)."""
    if inspection.kind == "report_card":
        return "report_card"
    if inspection.overall_effectiveness is not None:
        return {1: "outstanding", 2: "good", 3: "requires_improvement", 4: "inadequate"}[
            inspection.overall_effectiveness
        ]
    return "graded_2024"


@dataclass(frozen=True)
class CurrentOutcome:
    outcome: str
    good_or_better: bool | None
    stuck: bool
    last_inspected: date | None


NOT_INSPECTED = CurrentOutcome("none", None, False, None)


def current_outcome(inspections: Iterable) -> CurrentOutcome:
    """A school's current outcome from all its inspections, in any order."""
    deciding = [
        inspection
        for inspection in inspections
        if is_graded(inspection) and judgement_is_good_or_better(inspection) is not None
    ]
    if not deciding:
        return NOT_INSPECTED
    deciding.sort(key=lambda inspection: inspection.start_date, reverse=True)
    latest = deciding[0]
    good = judgement_is_good_or_better(latest)
    stuck = (
        len(deciding) >= 2 and good is False and judgement_is_good_or_better(deciding[1]) is False
    )
    return CurrentOutcome(outcome_code(latest), good, stuck, latest.start_date)


def describe(inspection) -> list[tuple[str, str]]:
    """The inspection's judgements in its own terms, as (label, value) pairs for display."""
    rows: list[tuple[str, str]] = []
    if inspection.kind == "ungraded":
        rows.append(("Outcome", inspection.ungraded_outcome or "Not recorded"))
        return rows
    if inspection.kind == "report_card":
        if inspection.safeguarding_met is not None:
            rows.append(("Safeguarding", "Met" if inspection.safeguarding_met else "Not met"))
        grades = inspection.area_grades or {}
        for code, (label, _column) in AREAS.items():
            if grades.get(code):
                rows.append((label, REPORT_CARD_GRADES[grades[code]]))
    else:
        if inspection.overall_effectiveness is not None:
            rows.append(("Overall effectiveness", GRADE_LABELS[inspection.overall_effectiveness]))
        for field, label, _column in KEY_JUDGEMENTS:
            value = getattr(inspection, field)
            if value is not None:
                rows.append((label, GRADE_LABELS[value]))
        if inspection.safeguarding_met is not None:
            rows.append(
                ("Safeguarding", "Effective" if inspection.safeguarding_met else "Not effective")
            )
    if inspection.category_of_concern:
        rows.append(
            (
                "Category of concern",
                CATEGORY_OF_CONCERN_LABELS.get(
                    inspection.category_of_concern, inspection.category_of_concern
                ),
            )
        )
    return rows


def headline(inspection) -> str:
    """One phrase for a timeline: "Good", "Key judgements: 2 Good, 1 Requires improvement"…"""
    if inspection.kind == "ungraded":
        return inspection.ungraded_outcome or "Ungraded inspection"
    if inspection.kind == "report_card":
        good = judgement_is_good_or_better(inspection)
        if inspection.safeguarding_met is False:
            return "Report card: safeguarding not met"
        if good is None:
            return "Report card"
        return (
            "Report card: all areas Expected standard or above"
            if good
            else ("Report card: one or more areas below Expected standard")
        )
    if inspection.overall_effectiveness is not None:
        text = GRADE_LABELS[inspection.overall_effectiveness]
        if inspection.category_of_concern:
            text += f" ({CATEGORY_OF_CONCERN_LABELS.get(inspection.category_of_concern, '')})"
        return text
    return "Key judgements only (no overall grade from September 2024)"


def era_label(inspection) -> str:
    return (
        {
            1: "Graded inspection (to August 2024)",
            2: "Graded inspection (September 2024 to November 2025)",
            3: "Report card (from November 2025)",
        }[era(inspection)]
        if is_graded(inspection)
        else "Ungraded inspection"
    )


def percentage(part: int, whole: int) -> float | None:
    return None if not whole else round(100 * part / whole, 1)
