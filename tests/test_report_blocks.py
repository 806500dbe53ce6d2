"""The data sections of a committee report (reports/blocks.py): each says so when it has no
data, counts what the pages count, names no school in its body (the schools causing concern only
in the appendix), never carries confidential text, and reads a fixed number of queries however
much data there is."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnership.models import (
    Booking,
    Deployment,
    DeploymentLeader,
    DeploymentVisit,
    Event,
    FundingAllocation,
    FundingStream,
    Milestone,
    Person,
    Question,
    Role,
    SelfEvaluation,
    SupportRequest,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    SurveyTheme,
)
from reports.sections import DataSection, Period, all_blocks
from schools import outcomes, services
from schools.models import Inspection, RiskCategory, Status, Visit

from .factories import SchoolFactory, UserFactory, peer_review, review_cycle, system_leader

pytestmark = pytest.mark.django_db

MARKER = "QUOKKA-5521-CONFIDENTIAL"
TODAY = date(2026, 11, 23)
PERIOD = Period(date(2026, 9, 1), TODAY)
KEYS = [
    "ofsted_profile",
    "schools_causing_concern",
    "system_leadership",
    "brokerage",
    "peer_review_themes",
    "training_reach",
    "surveys",
    "self_evaluation",
]


@pytest.fixture(autouse=True)
def _today():
    """Every test runs on 23 November 2026 at noon, with nothing cached from another test."""
    cache.clear()
    with time_machine.travel("2026-11-23 12:00 +0000", tick=False):
        yield
    cache.clear()


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.OFFICER])


def build(key: str, period: Period = PERIOD) -> DataSection:
    return all_blocks()[key].build(period)


def text(section: DataSection) -> str:
    """Every word the section would print, its appendix included."""
    parts = [section.title, section.basis, section.empty, *section.paragraphs]
    for chart in section.charts:
        parts += [chart.title, *chart.table_headers()]
        parts += [cell for row in chart.table_rows() for cell in row]
    for table in section.tables:
        parts += [table.caption, *table.headers, *[cell for row in table.rows for cell in row]]
    if section.appendix is not None:
        parts.append(text(section.appendix))
    return "\n".join(parts)


def body(section: DataSection) -> str:
    """What the board reads in the report itself: everything but the appendix."""
    return text(DataSection(**{**section.__dict__, "appendix": None}))


def cell(section: DataSection, caption: str, row_label: str) -> list[str]:
    table = next(table for table in section.tables if table.caption.startswith(caption))
    return next(row for row in table.rows if row[0] == row_label)


def graded(school, start: str, grade: int):
    Inspection.objects.create(
        school=school,
        kind="graded",
        start_date=date.fromisoformat(start),
        overall_effectiveness=grade,
    )


def category(name_start: str) -> RiskCategory:
    return RiskCategory.objects.get(name__startswith=name_start)


def assess(school, name_start: str, on: str, officer, rationale: str = f"Rationale {MARKER}"):
    return services.risk_assess(
        school=school,
        category=category(name_start),
        assessed_on=date.fromisoformat(on),
        rationale=rationale,
        next_review_on=None,
        officer=officer,
    )


def deployment(school, officer, *, starts="2026-09-07", ends="2026-12-18", leaders=(), **extra):
    made = Deployment.objects.create(
        school=school,
        starts_on=date.fromisoformat(starts),
        ends_on=date.fromisoformat(ends),
        objectives=f"Objectives {MARKER}",
        override_reason=f"Override {MARKER}",
        day_rate=Decimal("450"),
        created_by=officer,
        **extra,
    )
    for leader, days in leaders:
        DeploymentLeader.objects.create(deployment=made, leader=leader, days_agreed=days)
    return made


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00").replace(
        tzinfo=timezone.get_current_timezone()
    )


# -------------------------------------------------------------------------------- registry


def test_the_blocks_are_registered_in_the_reports_running_order():
    blocks = all_blocks()
    assert list(blocks) == KEYS
    assert blocks["schools_causing_concern"].exempt_by_default
    assert not any(
        b.exempt_by_default for key, b in blocks.items() if key != "schools_causing_concern"
    )
    assert all(b.title and b.description for b in blocks.values())


@pytest.mark.parametrize("key", KEYS)
def test_with_no_data_each_block_says_so_and_does_not_fail(key):
    section = build(key)
    assert section.key == key
    assert section.empty and section.empty.endswith(".")
    assert not section.charts and not section.tables and section.appendix is None


# -------------------------------------------------------------------------- Ofsted profile


def test_the_ofsted_profile_counts_open_inspected_schools_by_the_one_rule():
    good = SchoolFactory(name="Alder Primary School")
    graded(good, "2019-03-01", 2)
    weak = SchoolFactory(name="Beech Primary School", number_of_pupils=100)
    graded(weak, "2018-01-10", 3)
    graded(weak, "2023-01-10", 3)  # below good twice: stuck
    academy = SchoolFactory(
        name="Cedar Academy", phase="secondary", governance="academy", type_group="academies"
    )
    Inspection.objects.create(
        school=academy,
        kind="report_card",
        start_date=date(2026, 1, 12),
        safeguarding_met=True,
        area_grades={"inclusion": "strong", "achievement": "expected"},
    )
    SchoolFactory(name="Not Yet Inspected Primary School")
    closed = SchoolFactory(name="Closed Primary School", status=Status.CLOSED)
    graded(closed, "2015-01-10", 4)
    services.refresh_outcomes()

    section = build("ofsted_profile")
    assert not section.empty
    words = text(section)
    assert (
        "Of the 3 open schools with a graded inspection or report card, 2 (66.7%) are good or "
        "better at their most recent one" in words
    )
    assert "1 open school is stuck" in words
    assert "1 open school has not yet had a graded inspection or report card" in words
    assert "1 of 1 academies and free schools (100%)" in words
    assert "primary, 1 of 2 (50%); secondary, 1 of 1 (100%)" in words
    assert outcomes.GOOD_OR_BETTER_RULE in section.basis
    assert cell(section, "Open schools by current Ofsted outcome", "Report card") == [
        "Report card",
        "1",
        "25%",
        "1",
    ]
    assert cell(section, "Open schools by current Ofsted outcome", "All open schools") == [
        "All open schools",
        "4",
        "100%",
        "2",
    ]
    chart = section.charts[0]
    assert chart.categories == ["Primary", "Secondary"]
    assert chart.series[0].values == [50.0, 100.0]
    assert "Closed Primary School" not in words


def test_the_ofsted_profile_with_no_inspected_school_says_so():
    SchoolFactory()
    section = build("ofsted_profile")
    assert "None of the 1 open school has had a graded inspection" in section.empty
    assert not section.charts


# ------------------------------------------------------------------ schools causing concern


@pytest.fixture
def concern(officer):
    """Two schools of concern (one with support, one asking for it), one universal, one closed,
    with the marker in every rationale and in LA notes."""
    intensive = SchoolFactory(name="Larch Primary School", urn=311111)
    graded(intensive, "2024-02-01", 3)
    assess(intensive, "Category 2", "2025-10-01", officer)
    assess(intensive, "Category 3", "2026-01-10", officer)
    assess(intensive, "Category 3", "2026-05-01", officer)
    targeted = SchoolFactory(name="Maple Junior School", urn=322222, phase="secondary")
    assess(targeted, "Category 2", "2026-03-02", officer)
    universal = SchoolFactory(name="Oak Infant School")
    assess(universal, "Category 1", "2026-02-02", officer)
    closed = SchoolFactory(name="Pine Closed School", status=Status.CLOSED)
    assess(closed, "Category 4", "2026-02-02", officer)
    SchoolFactory(name="Rowan Unassessed School")
    services.refresh_outcomes()
    leader = system_leader()
    deployment(intensive, officer, leaders=[(leader, 4)], evaluation=f"Eval {MARKER}")
    SupportRequest.objects.create(
        school=targeted,
        phase="secondary",
        source="risk",
        description=f"Need {MARKER}",
        needed_from=date(2026, 11, 1),
        needed_to=date(2027, 2, 1),
        raised_by=officer,
    )
    Visit.objects.create(
        school=intensive,
        visited_on=date(2026, 10, 1),
        focus=f"Focus {MARKER}",
        notes=f"Notes {MARKER}",
        officer=officer,
    )
    return {"intensive": intensive, "targeted": targeted, "universal": universal}


def test_schools_causing_concern_counts_in_the_body_and_names_only_in_the_appendix(concern):
    section = build("schools_causing_concern")
    words = body(section)
    assert "Of the 4 open schools, 3 have an LA risk category" in words
    assert (
        "2 schools are in a category of concern: 1 in Category 2: targeted and 1 in "
        "Category 3: intensive." in words
    )
    assert "1 of these 2 schools has brokered support agreed, and 1 more has asked" in words
    assert "1 open school has no risk category yet." in words
    chart = section.charts[0]
    counts = dict(zip(chart.categories, chart.series[0].values, strict=True))
    assert counts["Category 1: universal"] == 1
    assert counts["Category 3: intensive"] == 1
    assert counts["Category 4: causing concern"] == 0  # the closed school is not counted
    assert counts["Not assessed"] == 1
    for name in ("Larch", "Maple", "Oak", "Pine", "Rowan", "311111", "322222"):
        assert name not in words

    appendix = section.appendix
    assert appendix is not None
    rows = appendix.tables[0].rows
    assert [row[0] for row in rows] == ["Larch Primary School", "Maple Junior School"]
    assert rows[0] == [
        "Larch Primary School",
        "311111",
        "Primary",
        "Category 3: intensive",
        "10 January 2026",
        "1 May 2026",
        "Requires improvement, 1 February 2024",
        "Yes, until 18 December 2026",
    ]
    assert rows[1][1:4] == ["322222", "Secondary", "Category 2: targeted"]
    assert rows[1][-2:] == ["Not yet inspected", "Requested, not yet brokered"]


def test_schools_causing_concern_never_carries_the_rationale_or_notes(concern):
    section = build("schools_causing_concern")
    assert MARKER not in text(section)
    assert MARKER not in repr(section)


# ---------------------------------------------------------------------- system leadership


def test_system_leadership_counts_designations_and_days(officer):
    from partnership.models import Designation, DesignationType

    nle = system_leader(name=("Ann", "Nle"), days=10, designation="nle")
    new = system_leader(name=("Bob", "New"), days=6, designation="sle", starts_on="2026-10-01")
    system_leader(name=("Cat", "Lapsing"), days=4, designation="lle", ends_on="2027-01-15")
    system_leader(name=("Dan", "Gone"), days=8, designation="sle", ends_on="2026-10-10")
    Designation.objects.create(
        leader=nle, kind=DesignationType.objects.get(code="nlg"), starts_on=date(2025, 1, 1)
    )
    school = SchoolFactory()
    made = deployment(school, officer, leaders=[(nle, 5), (new, 2)])
    DeploymentVisit.objects.create(
        assignment=made.assignments.get(leader=nle),
        visited_on=date(2026, 10, 2),
        days_used=2,
        notes=f"Visit {MARKER}",
        logged_by=officer,
    )

    section = build("system_leadership")
    words = text(section)
    assert "On 23 November 2026, 3 system leaders hold a current designation." in words
    assert (
        "Together they offer 20 days a term to other schools; 7 (35%) are agreed in active "
        "deployments in the autumn term 2026/27, leaving 13." in words
    )
    assert "1 system leader logged 2 days of support" in words
    assert "In the period, 1 designation began and 1 designation lapsed." in words
    assert "1 current designation will lapse by 21 February 2027 unless renewed." in words
    table = "Designations"
    assert cell(section, table, "National Leader of Education") == [
        "National Leader of Education",
        "1",
        "0",
        "0",
        "0",
    ]
    assert cell(section, table, "Specialist Leader of Education") == [
        "Specialist Leader of Education",
        "1",
        "1",
        "1",
        "0",
    ]
    assert cell(section, table, "Local Leader of Education")[1:] == ["1", "0", "0", "1"]
    assert cell(section, table, "National Leader of Governance")[1] == "1"
    assert MARKER not in words


# ----------------------------------------------------------------------------- brokerage


def test_brokerage_counts_requests_days_money_and_ratings_without_names_or_notes(officer):
    schools = [SchoolFactory(name=f"Hazel {n} Primary School") for n in range(3)]
    for index, school in enumerate(schools):
        request = SupportRequest.objects.create(
            school=school,
            phase="primary",
            source="risk",
            description=f"Need {MARKER}",
            needed_from=date(2026, 10, 1),
            needed_to=date(2026, 12, 1),
            raised_by=officer,
            status="brokered" if index == 0 else "open",
        )
    old = SupportRequest.objects.create(
        school=schools[0],
        phase="primary",
        source="visit",
        description="Old need",
        needed_from=date(2026, 3, 1),
        needed_to=date(2026, 6, 1),
        raised_by=officer,
    )
    SupportRequest.objects.filter(pk=old.pk).update(created_at=at("2026-03-01"))
    leader = system_leader()
    other = system_leader(name=("Eve", "Other"))
    made = deployment(schools[0], officer, leaders=[(leader, 5), (other, 3)], request=request)
    DeploymentVisit.objects.create(
        assignment=made.assignments.get(leader=leader),
        visited_on=date(2026, 10, 5),
        days_used=2,
        notes=f"Visit notes {MARKER}",
        logged_by=officer,
    )
    stream = FundingStream.objects.create(
        name="School improvement grant",
        amount=Decimal("10000"),
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
    )
    FundingAllocation.objects.create(
        stream=stream, deployment=made, amount=Decimal("2500"), allocated_by=officer
    )
    Milestone.objects.create(
        deployment=made,
        description="Phonics",
        due_on=date(2026, 11, 1),
        rag="green",
        narrative=f"Narrative {MARKER}",
        judged_on=date(2026, 11, 2),
    )
    Milestone.objects.create(deployment=made, description="Writing", due_on=date(2026, 11, 10))

    section = build("brokerage")
    words = text(section)
    assert (
        "3 support requests were raised for 3 schools. Of these, 2 are waiting to be brokered "
        "and 1 has been brokered." in words
    )
    assert "A further 1 request raised before the period is still waiting" in words
    assert "1 deployment of system leaders supported 1 school during the period" in words
    assert "with 8 days of support agreed" in words
    assert "System leaders logged 2 days of support in the period, worth £900" in words
    assert "£2,500 was allocated from funding streams to 1 deployment in the period." in words
    assert "holds £10,000, of which £2,500 (25%) is allocated and £7,500 is left." in words
    assert (
        "1 milestone was rated for impact in the period: 1 green (achieved or on track)." in words
    )
    assert "1 milestone due in the period has not yet been rated." in words
    assert cell(section, "Support requests raised", "All requests") == ["All requests", "3"]
    assert "Schools are not chosen for support at random" in section.basis
    assert MARKER not in words
    assert "Hazel" not in words


# -------------------------------------------------------------------- peer review themes


def agreed(cycle, schools, *, development=(), strengths=(), sharing="themes", **dates):
    for school in schools:
        review = peer_review(school, cycle=cycle, status="agreed", sharing=sharing, **dates)
        for evaluation in review.evaluations.select_related("area"):
            evaluation.self_evaluation = f"Self {MARKER}"
            evaluation.evidence = f"Evidence {MARKER}"
            evaluation.team_grade = "expected"
            if evaluation.area.code in development:
                evaluation.areas_for_development = f"Develop {MARKER}"
            if evaluation.area.code in strengths:
                evaluation.strengths = f"Strong {MARKER}"
            evaluation.save()


def test_peer_review_themes_are_anonymous_and_suppress_small_numbers():
    cycle = review_cycle()
    schools = [SchoolFactory(name=f"Willow {n} Primary School") for n in range(4)]
    agreed(cycle, schools, development=["achievement"])
    agreed(cycle, [SchoolFactory(name="Yew Primary School")], strengths=["inclusion"])
    agreed(
        cycle,
        [SchoolFactory(name="Quince Primary School")],
        development=["inclusion"],
        sharing="private",
    )

    section = build("peer_review_themes")
    words = text(section)
    assert "the agreed peer reviews of 5 schools contribute to the anonymised themes" in words
    assert "(6 reviews in the cycle in all)" in words
    assert "The area most often recorded for development was Achievement (4 schools)." in words
    # One school with inclusion as a strength: shown as "fewer than 3", never as 1.
    assert cell(section, "Schools with a strength", "Inclusion") == [
        "Inclusion",
        "fewer than 3",
        "0",
    ]
    assert cell(section, "Schools with a strength", "Achievement")[1:] == ["0", "4"]
    assert not section.charts  # a chart would print the suppressed figure as "no data"
    for name in ("Willow", "Yew", "Quince"):
        assert name not in words
    assert MARKER not in words
    assert "fewer than 3" in section.basis


def test_peer_review_themes_with_too_few_reviews_say_so_without_figures():
    cycle = review_cycle()
    agreed(cycle, SchoolFactory.create_batch(2), development=["achievement"])
    section = build("peer_review_themes")
    assert "Fewer than 3 peer reviews" in section.empty
    assert not section.tables and not section.charts


def test_peer_review_themes_chart_and_trend_when_nothing_is_suppressed():
    old = review_cycle("2025/26", "2025-09-01", "2026-07-22")
    new = review_cycle()
    agreed(
        old,
        SchoolFactory.create_batch(4),
        development=["achievement"],
        starts_on="2025-10-06",
        ends_on="2025-10-06",
    )
    agreed(
        new,
        SchoolFactory.create_batch(3),
        development=["achievement", "inclusion"],
        strengths=["curriculum_teaching"],
    )
    section = build("peer_review_themes")
    assert "In the 2026/27 cycle" in section.paragraphs[0]
    titles = [chart.title for chart in section.charts]
    assert titles[0].startswith("Schools with a strength or an area for development, by area")
    assert titles[1].startswith("Achievement: %")
    trend = cell(section, "Reviewed schools with an area for development, by cycle", "Inclusion")
    assert trend == ["Inclusion", "0%", "100%"]


# ------------------------------------------------------------------------- training reach


def test_training_reach_counts_events_bookings_and_people_reached(officer):
    schools = SchoolFactory.create_batch(3)
    heads = [
        Person.objects.create(first_name="H", last_name=str(n), job_title="Headteacher", school=s)
        for n, s in enumerate(schools)
    ]
    teacher = Person.objects.create(first_name="T", last_name="Teacher", school=schools[0])

    def event(title, kind, when, **extra):
        return Event.objects.create(
            title=title,
            kind=kind,
            starts_at=when,
            ends_at=when + timedelta(hours=2),
            venue="Hall",
            created_by=officer,
            **extra,
        )

    briefing = event("Autumn briefing", "briefing", at("2026-10-08"))
    course = event("Phonics course", "training", at("2026-11-12"))
    later = event("Network", "network", at("2026-11-23", 15))
    event("Cancelled course", "training", at("2026-10-20"), cancelled_at=at("2026-10-01"))
    before = event("Summer briefing", "briefing", at("2026-06-10"))

    def book(event, person, **extra):
        Booking.objects.create(
            event=event, person=person, school=person.school, booked_by=officer, **extra
        )

    for person, came in ((heads[0], True), (heads[1], True), (heads[2], False)):
        book(briefing, person, attended=came)
    book(course, teacher, attended=True)
    book(course, heads[2], cancelled_at=at("2026-11-01"))
    book(later, heads[2])
    book(before, heads[2], attended=True)

    section = build("training_reach")
    words = text(section)
    assert "the partnership held 2 events, with 4 places booked." in words
    assert "Of the 4 bookings with attendance recorded, 3 (75%) came." in words
    assert (
        "3 people attended, from 2 of the 3 open schools (66.7%), including 2 headteachers."
        in words
    )
    assert "1 more event is planned before 23 November 2026, with 1 place booked so far." in words
    assert "1 event was cancelled." in words
    assert (
        "Across 2026/27, 2 of the 3 open schools (66.7%) have attended a headteacher briefing"
        in words
    )
    assert cell(section, "Events in the period", "Headteacher briefing") == [
        "Headteacher briefing",
        "1",
        "3",
        "2",
        "2",
    ]
    assert cell(section, "Events in the period", "Training course")[1:] == ["1", "1", "1", "1"]


def test_training_reach_with_events_only_outside_the_period_is_empty(officer):
    Event.objects.create(
        title="Summer briefing",
        kind="briefing",
        starts_at=at("2026-06-10"),
        ends_at=at("2026-06-10", 12),
        venue="Hall",
        created_by=officer,
    )
    section = build("training_reach")
    assert section.empty.startswith("No events or training were held or planned")


# -------------------------------------------------------------------------------- surveys


def survey_with_answers(officer, schools, *, opens="2026-09-10", closes="2026-10-10"):
    survey = Survey.objects.create(
        title="Autumn survey of schools",
        audience=Survey.Audience.SCHOOLS,
        opens_on=date.fromisoformat(opens),
        closes_on=date.fromisoformat(closes),
        created_by=officer,
    )
    scale = Question.objects.create(survey=survey, order=1, kind="scale", text="The LA knows us.")
    single = Question.objects.create(
        survey=survey, order=2, kind="single", text="Briefings are", choices="Useful\nNot useful"
    )
    comment = Question.objects.create(
        survey=survey, order=3, kind="text", required=False, text="Anything else?"
    )
    theme = SurveyTheme.objects.create(
        survey=survey, name="Timing", la_response="Briefings move to Tuesdays."
    )
    for school, number, choice in zip(
        schools, (5, 4, 2), ("Useful", "Useful", "Not useful"), strict=False
    ):
        response = SurveyResponse.objects.create(survey=survey, school=school, submitted_by=officer)
        SurveyAnswer.objects.create(response=response, question=scale, number=number)
        SurveyAnswer.objects.create(response=response, question=single, choices=[choice])
        answer = SurveyAnswer.objects.create(
            response=response, question=comment, text=f"{school.name} says {MARKER}"
        )
        answer.themes.add(theme)
    return survey


def test_surveys_report_response_rates_and_headlines_but_no_comments(officer):
    schools = SchoolFactory.create_batch(4)
    survey_with_answers(officer, schools[:3])
    section = build("surveys")
    words = text(section)
    assert (
        "“Autumn survey of schools” closed on 10 October 2026: 3 of the 4 schools invited "
        "answered (75%)." in words
    )
    assert cell(section, "Response rates", "Autumn survey of schools")[2:] == ["4", "3", "75%"]
    results = "Headline results"
    assert cell(section, results, "1. The LA knows us.") == [
        "1. The LA knows us.",
        "3",
        "66.7% agree or strongly agree; 33.3% disagree or strongly disagree",
    ]
    assert (
        cell(section, results, "2. Briefings are")[2] == "Most common answer: “Useful” (2, 66.7%)"
    )
    assert cell(section, "You said, we did", "Timing") == [
        "Timing",
        "3",
        "Briefings move to Tuesdays.",
    ]
    assert MARKER not in words
    for school in schools:
        assert school.name not in words


def test_surveys_fall_back_to_the_latest_closed_one(officer):
    survey_with_answers(
        officer, SchoolFactory.create_batch(2), opens="2026-06-01", closes="2026-07-04"
    )
    section = build("surveys")
    assert section.paragraphs[0].startswith("No survey closed from 1 September 2026")
    assert "closed on 4 July 2026: 2 of the 2 schools invited answered (100%)" in text(section)


# ------------------------------------------------------------------------ self-evaluation


def test_self_evaluation_reports_the_latest_finalised_version_only(officer):
    from partnership import self_evaluation

    old = self_evaluation.version_create(by=officer, title="Self-evaluation, 2025/26")
    old.entries.filter(criterion=1).update(
        grade="good",
        position=f"The board leads well. Mrs Smith {MARKER} was absent.",
        strengths=f"Strength {MARKER}",
        evidence=f"Evidence {MARKER}",
    )
    old.entries.filter(criterion=4).update(grade="requires_improvement")
    SelfEvaluation.objects.filter(pk=old.pk).update(finalised_at=at("2026-07-20"))
    draft = self_evaluation.version_create(by=officer, title="Self-evaluation, autumn 2026")
    draft.entries.filter(criterion=2).update(grade="inadequate")

    section = build("self_evaluation")
    words = text(section)
    assert "“Self-evaluation, 2025/26”, was finalised on 20 July 2026." in words
    assert (
        "Of the 9 criteria, the LA judged 1 good and 1 requires improvement; 7 are not yet judged."
        in words
    )
    assert "A later version, “Self-evaluation, autumn 2026”, is in preparation." in words
    rows = section.tables[0].rows
    assert len(rows) == 9
    assert rows[0][1:] == ["Good", "The board leads well."]
    assert rows[3][1] == "Requires improvement"
    assert rows[1][1] == "Not judged"  # the draft's judgement is not reported
    assert MARKER not in words


def test_a_draft_self_evaluation_is_not_reported(officer):
    from partnership import self_evaluation

    self_evaluation.version_create(by=officer, title="Draft")
    assert "not yet finalised" in build("self_evaluation").empty


# ---------------------------------------------------------------------------- query counts


def populate(size: int, officer) -> None:
    """`size` of everything every block reads, in two peer-review cycles."""
    old_cycle = review_cycle("2025/26", "2025-09-01", "2026-07-22")
    new_cycle = review_cycle()
    leader = system_leader(name=("Pat", f"Leader{size}"))
    stream = FundingStream.objects.create(
        name=f"Grant {size}",
        amount=Decimal("50000"),
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
    )
    briefing = Event.objects.create(
        title=f"Briefing {size}",
        kind="briefing",
        starts_at=at("2026-10-08"),
        ends_at=at("2026-10-08", 12),
        venue="Hall",
        created_by=officer,
    )
    schools = SchoolFactory.create_batch(size)
    for index, school in enumerate(schools):
        graded(school, "2019-01-01", 2 + index % 3)
        graded(school, "2023-01-01", 2 + index % 2)
        assess(school, "Category 3" if index % 2 else "Category 1", "2026-02-02", officer)
        system_leader(name=("Sam", f"Leader{size}x{index}"), designation="sle")
        request = SupportRequest.objects.create(
            school=school,
            phase="primary",
            source="risk",
            description="Need",
            needed_from=date(2026, 10, 1),
            needed_to=date(2026, 12, 1),
            raised_by=officer,
        )
        made = deployment(school, officer, leaders=[(leader, 2)], request=request)
        DeploymentVisit.objects.create(
            assignment=made.assignments.get(),
            visited_on=date(2026, 10, 5),
            days_used=1,
            notes="Notes",
            logged_by=officer,
        )
        FundingAllocation.objects.create(
            stream=stream, deployment=made, amount=Decimal("500"), allocated_by=officer
        )
        Milestone.objects.create(
            deployment=made,
            description="M",
            due_on=date(2026, 11, 1),
            rag="green",
            judged_on=date(2026, 11, 2),
        )
        head = Person.objects.create(
            first_name="H", last_name=str(index), job_title="Headteacher", school=school
        )
        Booking.objects.create(
            event=briefing, person=head, school=school, booked_by=officer, attended=True
        )
    services.refresh_outcomes()
    agreed(
        old_cycle,
        schools,
        development=["achievement"],
        starts_on="2025-10-06",
        ends_on="2025-10-06",
    )
    agreed(new_cycle, schools, development=["inclusion"], strengths=["achievement"])
    survey_with_answers(officer, schools)
    from partnership import self_evaluation

    version = self_evaluation.version_create(by=officer, title=f"Self-evaluation {size}")
    version.entries.update(grade="good", position="Fine.")
    SelfEvaluation.objects.filter(pk=version.pk).update(finalised_at=at("2026-07-20"))


def queries_per_block() -> dict[str, int]:
    counts = {}
    for key in KEYS:
        cache.clear()  # both runs compute every cached figure (impact, themes)
        with CaptureQueriesContext(connection) as queries:
            section = build(key)
        assert not section.empty, (key, section.empty)
        counts[key] = len(queries)
    return counts


def test_every_block_takes_the_same_queries_however_much_data(officer):
    populate(3, officer)
    few = queries_per_block()
    populate(12, officer)
    many = queries_per_block()
    assert many == few


def test_a_past_period_says_its_standing_figures_are_todays():
    graded(SchoolFactory(), "2019-03-01", 2)
    services.refresh_outcomes()
    past = Period(date(2020, 1, 1), date(2020, 3, 31))
    assert (
        "(the service keeps current figures, not past ones)"
        in build("ofsted_profile", past).paragraphs[0]
    )
    assert build("peer_review_themes", past).empty == (
        "No peer reviews had been agreed by 31 March 2020, so there are no themes to report."
    )
