"""The current outcome, good-or-better and stuck rules, per era (DESIGN.md §3)."""

from dataclasses import dataclass, field
from datetime import date

import pytest

from schools import outcomes


@dataclass
class Insp:
    start_date: date
    kind: str = "graded"
    overall_effectiveness: int | None = None
    quality_of_education: int | None = None
    behaviour_and_attitudes: int | None = None
    personal_development: int | None = None
    leadership_and_management: int | None = None
    early_years: int | None = None
    sixth_form: int | None = None
    safeguarding_met: bool | None = None
    area_grades: dict = field(default_factory=dict)
    category_of_concern: str = ""
    ungraded_outcome: str = ""


def graded(day, overall=None, *, judgements=2, safeguarding=True):
    return Insp(
        date.fromisoformat(day),
        overall_effectiveness=overall,
        quality_of_education=judgements,
        behaviour_and_attitudes=judgements,
        personal_development=judgements,
        leadership_and_management=judgements,
        safeguarding_met=safeguarding,
    )


def report_card(day, *, worst="expected", safeguarding=True):
    grades = dict.fromkeys(outcomes.AREAS, "strong")
    grades["achievement"] = worst
    return Insp(
        date.fromisoformat(day),
        kind="report_card",
        area_grades=grades,
        safeguarding_met=safeguarding,
    )


def ungraded(day, text="School remains Good"):
    return Insp(date.fromisoformat(day), kind="ungraded", ungraded_outcome=text)


@pytest.mark.parametrize(
    ("inspection", "era"),
    [
        (graded("2024-08-31", 2), 1),
        (graded("2024-09-01"), 2),
        (graded("2025-11-09"), 2),
        (report_card("2025-11-10"), 3),
    ],
)
def test_each_inspection_belongs_to_its_era(inspection, era):
    assert outcomes.era(inspection) == era


@pytest.mark.parametrize(("overall", "good"), [(1, True), (2, True), (3, False), (4, False)])
def test_era_1_good_or_better_is_overall_effectiveness_1_or_2(overall, good):
    current = outcomes.current_outcome([graded("2022-03-01", overall, judgements=3)])
    assert current.good_or_better is good
    assert (
        current.outcome
        == ["outstanding", "good", "requires_improvement", "inadequate"][overall - 1]
    )


def test_era_2_counts_good_when_every_key_judgement_is_good_and_safeguarding_effective():
    assert outcomes.current_outcome([graded("2025-01-10", judgements=2)]).good_or_better is True
    assert outcomes.current_outcome([graded("2025-01-10", judgements=3)]).good_or_better is False
    unsafe = graded("2025-01-10", judgements=1, safeguarding=False)
    assert outcomes.current_outcome([unsafe]).good_or_better is False
    assert outcomes.current_outcome([unsafe]).outcome == "graded_2024"


def test_era_2_one_judgement_below_good_is_not_good_or_better():
    inspection = graded("2025-01-10", judgements=2)
    inspection.leadership_and_management = 3
    assert outcomes.judgement_is_good_or_better(inspection) is False


@pytest.mark.parametrize(
    ("worst", "safeguarding", "good"),
    [
        ("exceptional", True, True),
        ("expected", True, True),
        ("needs_attention", True, False),
        ("urgent_improvement", True, False),
        ("strong", False, False),
    ],
)
def test_era_3_report_cards(worst, safeguarding, good):
    current = outcomes.current_outcome(
        [report_card("2025-12-01", worst=worst, safeguarding=safeguarding)]
    )
    assert current.outcome == "report_card"
    assert current.good_or_better is good


def test_an_ungraded_inspection_carries_the_last_grade_forward():
    current = outcomes.current_outcome([graded("2019-05-01", 2), ungraded("2023-05-01")])
    assert current.outcome == "good"
    assert current.last_inspected == date(2019, 5, 1)


def test_the_latest_graded_inspection_decides_across_eras():
    history = [
        graded("2018-01-01", 4),
        graded("2021-01-01", 2),
        report_card("2026-01-01", worst="needs_attention"),
    ]
    current = outcomes.current_outcome(list(reversed(history)))
    assert current.outcome == "report_card"
    assert current.good_or_better is False
    assert current.stuck is False  # the one before was Good


def test_stuck_means_below_good_at_the_latest_two():
    assert outcomes.current_outcome([graded("2019-01-01", 3), graded("2022-01-01", 3)]).stuck
    assert outcomes.current_outcome(
        [graded("2022-01-01", 4), graded("2025-02-01", judgements=3)]
    ).stuck
    assert outcomes.current_outcome(
        [graded("2023-01-01", 3), report_card("2026-01-01", worst="urgent_improvement")]
    ).stuck
    assert not outcomes.current_outcome([graded("2019-01-01", 2), graded("2022-01-01", 3)]).stuck
    assert not outcomes.current_outcome([graded("2022-01-01", 3)]).stuck


def test_ungraded_inspections_do_not_count_towards_stuck():
    assert not outcomes.current_outcome(
        [graded("2019-01-01", 3), ungraded("2021-01-01", "Requires improvement remains")]
    ).stuck


def test_a_school_never_inspected_has_no_outcome():
    assert outcomes.current_outcome([]) == outcomes.NOT_INSPECTED
    assert outcomes.current_outcome([ungraded("2024-01-01")]).good_or_better is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Strong standard", "strong"),
        ("Expected standard", "expected"),
        ("Needs attention", "needs_attention"),
        ("URGENT IMPROVEMENT", "urgent_improvement"),
        ("Not applicable", None),
        ("NULL", None),
        ("", None),
    ],
)
def test_report_card_grades_are_read_from_ofsteds_spellings(text, code):
    assert outcomes.parse_report_card_grade(text) == code


def test_an_unknown_grade_is_refused():
    with pytest.raises(ValueError):
        outcomes.parse_report_card_grade("Good")
    with pytest.raises(ValueError):
        outcomes.parse_grade("5")


def test_each_inspection_is_described_in_its_own_terms():
    assert ("Overall effectiveness", "Good") in outcomes.describe(graded("2019-01-01", 2))
    era2 = outcomes.describe(graded("2025-01-01"))
    assert all(label != "Overall effectiveness" for label, _ in era2)
    card = outcomes.describe(report_card("2026-01-01"))
    assert ("Safeguarding", "Met") in card
    assert ("Personal development and well-being", "Strong standard") in card
