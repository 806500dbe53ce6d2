"""The demo borough's register beyond the schools themselves.

Wards, localities, trusts, an Ofsted history across all three frameworks, risk categories and
records of visits, generated here from a seeded generator (the same every run) and keyed so
that a second run creates nothing twice.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from . import outcomes
from .models import (
    Cluster,
    Governance,
    Inspection,
    InspectionKind,
    RiskAssessment,
    RiskCategory,
    School,
    Status,
    Trust,
    Visit,
    VisitAction,
    Ward,
)
from .services import next_review_default, refresh_outcomes

SEED = 997_2
WARDS = [
    ("E05099101", "Harrowdale Central"),
    ("E05099102", "Eastmoor and Fernhill"),
    ("E05099103", "Kestrel Park"),
    ("E05099104", "Millfield North"),
    ("E05099105", "Riverside"),
    ("E05099106", "Westbrook and Wyke"),
]
CLUSTERS = [
    ("North locality", "Schools north of the river; peer-review cluster A."),
    ("South locality", "Schools south of the river; peer-review cluster B."),
    ("Town centre locality", "Central schools; peer-review cluster C."),
]
TRUSTS = [
    ("5001", "Harrowdale Learning Partnership"),
    ("5002", "Pennine Catholic Academy Trust"),
    ("5003", "Northern Lights Multi-Academy Trust"),
]
# Trajectories: the overall effectiveness of the two graded era-1 inspections, and what later.
TRAJECTORIES = [
    ("good", [2, 2], "ungraded", None),
    ("good", [2, 2], "ungraded", "card_expected"),
    ("outstanding", [1, 2], "ungraded", None),
    ("good", [2, 1], None, "era2_good"),
    ("good", [3, 2], "ungraded", "era2_good"),
    ("outstanding", [1, 1], None, None),
    ("improving", [3, 2], None, "card_expected"),
    ("declining", [2, 3], None, "era2_good"),
    ("stuck", [3, 3], None, "card_needs_attention"),
    ("inadequate", [2, 4], None, None),
    ("good", [2, 2], None, "card_strong"),
]


def _school_dates(rng: random.Random, year: int, *, after: date | None = None) -> date:
    day = date(year, rng.choice([1, 2, 3, 5, 6, 10, 11]), rng.randint(3, 26))
    while day.weekday() > 3:
        day += timedelta(days=1)
    if after and day <= after:
        day = after + timedelta(days=400)
    return day


def _graded(school, number, start, overall, concern=""):
    judgement = overall
    values = {
        "school": school,
        "kind": InspectionKind.GRADED,
        "inspection_type": "Section 5" if start < outcomes.ERA_2_FROM else "Graded inspection",
        "start_date": start,
        "end_date": start + timedelta(days=1),
        "publication_date": start + timedelta(days=30),
        "overall_effectiveness": overall if start < outcomes.ERA_2_FROM else None,
        "category_of_concern": concern,
        "quality_of_education": judgement,
        "behaviour_and_attitudes": min(judgement, 3),
        "personal_development": max(1, judgement - 1),
        "leadership_and_management": judgement,
        "early_years": judgement
        if school.statutory_low_age is not None and school.statutory_low_age < 5
        else None,
        "sixth_form": judgement
        if school.statutory_high_age and school.statutory_high_age > 16
        else None,
        "safeguarding_met": overall != 4,
        "area_grades": {},
        "ungraded_outcome": "",
    }
    return number, values


def _report_card(school, number, start, profile):
    grades = dict.fromkeys(outcomes.AREAS, "expected")
    if profile == "card_strong":
        grades.update(
            curriculum_teaching="strong", personal_development="strong", inclusion="strong"
        )
    elif profile == "card_needs_attention":
        grades.update(achievement="needs_attention", attendance_behaviour="needs_attention")
    if not (school.statutory_low_age is not None and school.statutory_low_age < 5):
        grades.pop("early_years")
    if not (school.statutory_high_age and school.statutory_high_age > 16):
        grades.pop("post_16")
    values = {
        "school": school,
        "kind": InspectionKind.REPORT_CARD,
        "inspection_type": "Full inspection",
        "start_date": start,
        "end_date": start + timedelta(days=2),
        "publication_date": start + timedelta(days=25),
        "overall_effectiveness": None,
        "category_of_concern": "",
        "area_grades": grades,
        "safeguarding_met": True,
        "ungraded_outcome": "",
        **{field: None for field, _label, _column in outcomes.KEY_JUDGEMENTS},
    }
    return number, values


def _inspections_for(school: School, index: int, rng: random.Random) -> list[tuple[str, dict]]:
    label, grades, middle, later = TRAJECTORIES[index % len(TRAJECTORIES)]
    opened = school.open_date or date(1970, 9, 1)
    first_year = max(2013, opened.year + 1)
    first = _school_dates(rng, first_year + rng.randint(0, 2))
    second = _school_dates(rng, first.year + 4, after=first)
    concern = "SM" if grades[1] == 4 else ""
    found = [
        _graded(school, f"D{school.urn}01", first, grades[0]),
        _graded(school, f"D{school.urn}02", second, grades[1], concern),
    ]
    if school.status == Status.CLOSED and school.close_date:
        return [
            (number, values) for number, values in found if values["start_date"] < school.close_date
        ]
    if middle == "ungraded":
        start = _school_dates(rng, min(second.year + 3, 2024), after=second)
        if start < outcomes.ERA_2_FROM:
            found.append(
                (
                    f"D{school.urn}03",
                    {
                        **_graded(school, "", start, grades[1])[1],
                        "kind": InspectionKind.UNGRADED,
                        "inspection_type": "Section 8",
                        "overall_effectiveness": None,
                        "safeguarding_met": None,
                        "ungraded_outcome": f"School remains {outcomes.GRADE_LABELS[grades[1]]}",
                        **{field: None for field, _label, _column in outcomes.KEY_JUDGEMENTS},
                    },
                )
            )
    if later == "era2_good":
        found.append(
            _graded(school, f"D{school.urn}04", date(2025, 3, 11) + timedelta(days=index), 2)
        )
    elif later == "era2_ri":
        found.append(
            _graded(school, f"D{school.urn}04", date(2025, 2, 4) + timedelta(days=index), 3)
        )
    elif later and later.startswith("card"):
        start = date(2025, 11, 18) + timedelta(days=7 * (index % 40))
        if start < timezone.localdate() - timedelta(days=30):
            found.append(_report_card(school, f"D{school.urn}05", start, later))
    return found


@transaction.atomic
def load(*, officers: list, heads: dict[int, object]) -> dict:
    """Create or update the register's demo history. `heads` maps a school's pk to its head."""
    rng = random.Random(SEED)
    wards = [
        Ward.objects.update_or_create(code=code, defaults={"name": name})[0] for code, name in WARDS
    ]
    clusters = [
        Cluster.objects.update_or_create(name=name, defaults={"description": text})[0]
        for name, text in CLUSTERS
    ]
    trusts = [
        Trust.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in TRUSTS
    ]
    schools = list(School.objects.filter(la_code=997).order_by("urn"))
    changed_schools = []
    for index, school in enumerate(schools):
        ward = wards[index % len(wards)]
        trust = trusts[index % len(trusts)] if school.governance == Governance.ACADEMY else None
        if school.ward_id != ward.pk or school.trust_id != (trust.pk if trust else None):
            school.ward, school.trust = ward, trust
            changed_schools.append(school)
        if not school.clusters.exists():
            school.clusters.add(clusters[index % len(clusters)])
    for school in changed_schools:
        school.save(update_fields=["ward", "trust"])

    created = 0
    for index, school in enumerate(schools):
        if school.status == Status.PROPOSED_TO_OPEN:
            continue
        for number, values in _inspections_for(school, index, rng):
            _, was_created = Inspection.objects.update_or_create(
                inspection_number=number, defaults=values
            )
            created += was_created
    refresh_outcomes(school.pk for school in schools)

    categories = {category.name: category for category in RiskCategory.objects.all()}
    today = timezone.localdate()
    officer = officers[0]
    assessed = 0
    for index, school in enumerate(
        School.objects.filter(la_code=997).exclude(status=Status.CLOSED).order_by("urn")
    ):
        if index % 9 == 8:
            continue  # a few schools are not assessed yet
        if school.governance == Governance.ACADEMY:
            name = (
                "Academy: concerns raised with the DfE"
                if school.good_or_better is False
                else "Academy: monitoring"
            )
        elif school.outcome == "inadequate":
            name = "Category 4: causing concern"
        elif school.stuck or school.good_or_better is False:
            name = "Category 3: intensive"
        elif school.outcome == "outstanding":
            name = "Category 1: universal"
        else:
            name = "Category 2: targeted" if index % 3 == 0 else "Category 1: universal"
        category = categories.get(name)
        if category is None:
            continue
        first_on = date(today.year - 1, 10, 1) + timedelta(days=index)
        latest_on = today - timedelta(days=25 + 4 * index)
        for assessed_on, text in (
            (first_on, "Initial categorisation from data, Ofsted outcomes and the autumn visit."),
            (
                latest_on,
                f"Reviewed at the termly risk meeting. {school.get_outcome_display()} at the "
                "last inspection; leadership capacity considered.",
            ),
        ):
            _assessment, was_created = RiskAssessment.objects.get_or_create(
                school=school,
                assessed_on=min(assessed_on, today),
                defaults={
                    "category": category,
                    "rationale": text,
                    "next_review_on": next_review_default(category, min(assessed_on, today)),
                    "assessed_by": officers[index % len(officers)],
                },
            )
            assessed += was_created
        latest = school.risk_assessments.order_by("-assessed_on", "-pk").first()
        School.objects.filter(pk=school.pk).update(
            risk_category=latest.category, risk_review_due=latest.next_review_on
        )

    visits = 0
    visit_plan = [
        ("Reading and phonics in Key Stage 1", "confirmed"),
        ("Attendance and persistent absence", "awaiting"),
        ("Governance: the board's challenge of leaders", "disputed"),
        ("Year 6 writing moderation", "draft"),
    ]
    for index, (school_pk, _head) in enumerate(sorted(heads.items())):
        school = School.objects.get(pk=school_pk)
        for step, (focus, state) in enumerate(visit_plan[: 4 if index == 0 else 2]):
            visited_on = today - timedelta(days=20 + 35 * step + 3 * index)
            visit, was_created = Visit.objects.get_or_create(
                school=school,
                visited_on=visited_on,
                focus=focus,
                defaults={
                    "officer": officer,
                    "notes": (
                        f"Met the headteacher and the {focus.split()[0].lower()} lead. Looked at "
                        "the school's own evaluation, spoke to pupils and looked at work in books. "
                        "Strengths are secure in the early years; consistency across Key Stage 2 "
                        "is the priority agreed."
                    ),
                },
            )
            visits += was_created
            if was_created:
                VisitAction.objects.create(
                    visit=visit,
                    action="Share the improvement plan's milestones with governors",
                    owner="Headteacher",
                    due_on=visited_on + timedelta(days=42),
                )
                VisitAction.objects.create(
                    visit=visit,
                    action="Broker a visit to a strong school for the subject lead",
                    owner="LA officer",
                    due_on=visited_on + timedelta(days=28),
                )
                if state != "draft":
                    visit.shared_at = timezone.now() - timedelta(days=15)
                    if state != "awaiting":
                        visit.response = state
                        visit.responded_by = heads[school_pk]
                        visit.responded_at = timezone.now() - timedelta(days=10)
                        if state == "disputed":
                            visit.response_text = (
                                "The record says governors do not challenge leaders; the "
                                "minutes of the October meeting show that they did."
                            )
                    visit.save()
    return {
        "inspections_created": created,
        "risk_assessments_created": assessed,
        "visits_created": visits,
    }
