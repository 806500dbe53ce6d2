"""Matching, capacity, funding and deployment rules (partnership.brokerage)."""

from datetime import date
from decimal import Decimal

import pytest

from partnership import brokerage
from partnership.models import FundingStream, Specialism, SupportRequest
from partnership.terms import easter_sunday, term_of

from .factories import SchoolFactory, system_leader

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(users):
    school = SchoolFactory(name="Needy Primary", easting=400000, northing=400000)
    request = SupportRequest.objects.create(
        school=school,
        phase="primary",
        source="risk",
        description="Reading in Key Stage 1.",
        needed_from=date(2026, 9, 7),
        needed_to=date(2026, 12, 18),
        raised_by=users["officer"],
    )
    request.specialisms.set(Specialism.objects.filter(code__in=["english", "leadership"]))
    return request


def near(km, **kwargs):
    return SchoolFactory(easting=400000 + km * 1000, northing=400000, **kwargs)


def test_terms_follow_the_english_school_year():
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert str(term_of(date(2026, 11, 23))) == "Autumn term 2026/27"
    assert term_of(date(2026, 4, 5)).name == "Spring"
    assert term_of(date(2026, 4, 6)).name == "Summer"
    assert term_of(date(2027, 2, 1)).academic_year == "2026/27"


def test_candidates_are_ranked_by_specialism_phase_capacity_and_distance(need):
    best = system_leader(
        name=("Ann", "Best"), home_school=near(3), specialisms=["english", "leadership"]
    )
    half = system_leader(name=("Bob", "Half"), home_school=near(3), specialisms=["english"])
    far = system_leader(
        name=("Cat", "Far"), home_school=near(60), specialisms=["english", "leadership"]
    )
    wrong_phase = system_leader(
        name=("Dan", "Secondary"),
        home_school=near(3),
        specialisms=["english", "leadership"],
        phases=["secondary"],
    )
    ranked = brokerage.candidates(need)
    assert [c.leader for c in ranked] == [best, far, half, wrong_phase]
    top = ranked[0]
    assert top.score == 100
    assert "Specialisms: English, reading and phonics, Leadership (2 of 2 needed)." in top.reasons
    assert "Works in primary." in top.reasons
    assert "10 of 10 days left this term." in top.reasons
    assert "3 km away." in top.reasons
    assert "Designated National Leader of Education for the whole period." in top.reasons
    assert brokerage.candidates(need) == ranked or [
        c.leader for c in brokerage.candidates(need)
    ] == [c.leader for c in ranked]


def test_exclusions_are_shown_as_such_and_listed_last(need, users, settings):
    settings.BROKERAGE_EXCLUDE_SAME_TRUST = True
    from schools.models import Trust

    trust = Trust.objects.create(code="1", name="One Trust")
    need.school.trust = trust
    need.school.save()
    own = system_leader(name=("Own", "School"), home_school=need.school, specialisms=["english"])
    same_trust = system_leader(
        name=("Same", "Trust"), home_school=near(2, trust=trust), specialisms=["english"]
    )
    lapsed = system_leader(
        name=("Lapsed", "Designation"), ends_on="2026-10-31", specialisms=["english"]
    )
    full = system_leader(name=("Full", "Diary"), days=3, specialisms=["english"])
    other_school = SchoolFactory()
    brokerage.deployment_create(
        request=None,
        school=other_school,
        leaders_days=[(full, 3)],
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 12, 1),
        objectives="x",
        day_rate=Decimal(0),
        override_reason="",
        user=users["officer"],
    )
    fine = system_leader(name=("Fine", "Leader"), specialisms=[])
    ranked = brokerage.candidates(need)
    assert ranked[0].leader == fine and not ranked[0].excluded
    reasons = {c.leader: c.exclusions for c in ranked}
    assert reasons[own] == ["This is the leader's own school."]
    assert reasons[same_trust] == ["The leader's school is in the same trust."]
    assert "No designation is valid for the whole period" in reasons[lapsed][0]
    assert reasons[full] == ["At capacity: all 3 days this term are agreed."]
    settings.BROKERAGE_EXCLUDE_SAME_TRUST = False
    assert not [c for c in brokerage.candidates(need) if c.leader == same_trust][0].excluded


def _deploy(need, leader, users, **overrides):
    values = {
        "request": need,
        "school": need.school,
        "leaders_days": [(leader, 5)],
        "starts_on": date(2026, 9, 7),
        "ends_on": date(2026, 12, 18),
        "objectives": "Raise reading.",
        "day_rate": Decimal("450"),
        "override_reason": "",
        "user": users["officer"],
    }
    values.update(overrides)
    return brokerage.deployment_create(**values)


def test_choosing_other_than_the_best_match_needs_a_reason(need, users):
    system_leader(name=("Ann", "Best"), specialisms=["english", "leadership"])
    second = system_leader(name=("Bob", "Second"), specialisms=["english"])
    with pytest.raises(brokerage.BrokerageError, match="give the reason"):
        _deploy(need, second, users)
    deployment = _deploy(need, second, users, override_reason="Ann is on secondment.")
    assert deployment.override_reason == "Ann is on secondment."
    need.refresh_from_db()
    assert need.status == SupportRequest.Status.BROKERED


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"starts_on": date(2026, 12, 19)}, "end date must be on or after"),
        ({"leaders_days": "zero"}, "at least 1"),
        ({"leaders_days": []}, "at least one system leader"),
    ],
)
def test_bad_deployments_are_refused(need, users, overrides, message):
    leader = system_leader(specialisms=["english", "leadership"])
    if overrides.get("leaders_days") == "zero":
        overrides["leaders_days"] = [(leader, 0)]
    with pytest.raises(brokerage.BrokerageError, match=message):
        _deploy(need, leader, users, **overrides)
    assert not need.deployments.exists()


def test_a_leader_cannot_be_deployed_to_their_own_school_or_with_a_lapsed_designation(need, users):
    own = system_leader(home_school=need.school, specialisms=["english"])
    with pytest.raises(brokerage.BrokerageError, match="cannot support their own school"):
        _deploy(need, own, users, override_reason="x")
    lapsed = system_leader(name=("L", "Lapsed"), ends_on="2026-10-01")
    with pytest.raises(brokerage.BrokerageError, match="no designation valid"):
        _deploy(need, lapsed, users, override_reason="x")


def test_days_used_never_exceed_days_agreed(need, users):
    leader = system_leader(specialisms=["english", "leadership"])
    deployment = _deploy(need, leader, users)
    assignment = deployment.assignments.get()
    brokerage.visit_log(
        assignment=assignment,
        visited_on=date(2026, 9, 20),
        days_used=3,
        notes="a",
        user=users["system_leader"],
    )
    with pytest.raises(brokerage.BrokerageError, match="would use 6 of the 5 days agreed"):
        brokerage.visit_log(
            assignment=assignment,
            visited_on=date(2026, 10, 2),
            days_used=3,
            notes="b",
            user=users["system_leader"],
        )
    with pytest.raises(brokerage.BrokerageError, match="within the deployment"):
        brokerage.visit_log(
            assignment=assignment,
            visited_on=date(2027, 1, 5),
            days_used=1,
            notes="c",
            user=users["system_leader"],
        )
    brokerage.visit_log(
        assignment=assignment,
        visited_on=date(2026, 10, 2),
        days_used=2,
        notes="d",
        user=users["system_leader"],
    )
    assert sum(assignment.visits.values_list("days_used", flat=True)) == 5


def test_a_fund_cannot_be_overspent(need, users):
    leader = system_leader(specialisms=["english", "leadership"])
    deployment = _deploy(need, leader, users)
    fund = FundingStream.objects.create(
        name="School-to-school support grant",
        amount=Decimal("70000"),
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
    )
    brokerage.allocate(
        stream=fund, deployment=deployment, amount=Decimal("69000"), user=users["officer"]
    )
    with pytest.raises(brokerage.BrokerageError) as refused:
        brokerage.allocate(
            stream=fund, deployment=deployment, amount=Decimal("1500"), user=users["officer"]
        )
    assert str(refused.value) == (
        "School-to-school support grant has £1,000.00 left; "
        "£1,500.00 would overspend it by £500.00."
    )
    assert brokerage.fund_balance(fund) == Decimal("1000")


def test_two_officers_editing_one_deployment_the_second_is_told(need, users):
    leader = system_leader(specialisms=["english", "leadership"])
    deployment = _deploy(need, leader, users)
    first = brokerage.deployment_update(deployment=deployment, version=1, objectives="First edit")
    assert first.version == 2
    with pytest.raises(brokerage.BrokerageError, match="Someone else changed this deployment"):
        brokerage.deployment_update(deployment=deployment, version=1, objectives="Second edit")
    deployment.refresh_from_db()
    assert deployment.objectives == "First edit"


def test_impact_compares_supported_schools_with_unsupported_ones_from_the_same_start(users):
    from partnership import impact
    from partnership.models import Deployment
    from schools.models import Inspection
    from schools.services import refresh_outcomes

    def inspected(school, day, grade):
        Inspection.objects.create(
            school=school,
            kind="graded",
            start_date=date.fromisoformat(day),
            overall_effectiveness=grade,
        )

    helped, alone, already_good = SchoolFactory(), SchoolFactory(), SchoolFactory()
    inspected(helped, "2022-01-10", 3)
    inspected(helped, "2025-05-10", 2)  # after support: now good
    inspected(alone, "2022-02-10", 3)  # no support, still below good
    inspected(already_good, "2021-02-10", 2)
    refresh_outcomes()
    Deployment.objects.create(
        school=helped,
        starts_on=date(2024, 1, 8),
        ends_on=date(2024, 7, 19),
        objectives="x",
        created_by=users["officer"],
    )
    result = impact.summary(include_risk=False)
    (row,) = [r for r in result["rows"] if r["start"] == "Below good at the start"]
    assert (row["supported"].schools, row["supported"].good_now) == (1, 1)
    assert row["supported"].inspected_since == 1
    assert (row["comparison"].schools, row["comparison"].good_now) == (1, 0)
    assert "does not prove that support caused it" in result["method"]
    (before_after,) = impact.for_school(school=helped, include_risk=False)
    assert before_after["before"].good_or_better is False
    assert before_after["now"].good_or_better is True


def test_a_second_leader_joins_by_the_same_rules(need, users):
    first = system_leader(specialisms=["english", "leadership"])
    deployment = _deploy(need, first, users)
    second = system_leader(name=("Sam", "Second"), specialisms=["leadership"])
    brokerage.leader_add(deployment=deployment, leader=second, days=2)
    assert deployment.assignments.count() == 2
    with pytest.raises(brokerage.BrokerageError, match="already on this deployment"):
        brokerage.leader_add(deployment=deployment, leader=second, days=1)
    own = system_leader(name=("Own", "Head"), home_school=need.school)
    with pytest.raises(brokerage.BrokerageError, match="cannot support their own school"):
        brokerage.leader_add(deployment=deployment, leader=own, days=1)
