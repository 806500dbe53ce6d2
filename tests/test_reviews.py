"""Peer review rules: teams, dates, grades, stages, schedules, support, reach."""

import html
from datetime import date

import pytest
from django.urls import reverse

from partnership.models import SupportRequest
from reviews import schedule, selectors, services
from reviews.models import (
    ClusterMembership,
    ConflictedPair,
    Review,
    ReviewCluster,
    SharingDecision,
    TeamMember,
)

from .factories import (
    PersonFactory,
    SchoolFactory,
    peer_review,
    review_cycle,
    trained,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return review_cycle()


def text(response) -> str:
    return html.unescape(response.content.decode())


def person_at(school, **kwargs):
    return PersonFactory(school=school, **kwargs)


# ------------------------------------------------------------------------------------- team


def test_a_trained_person_from_another_school_joins_the_team(school, other_school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    lead = trained(person_at(other_school))
    services.team_member_add(review=review, person=lead, role="lead")
    assert review.team.get().role == "lead"


def test_a_reviewer_from_the_host_school_is_refused(school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    colleague = trained(person_at(school, first_name="Ana", last_name="Lee"))
    with pytest.raises(services.ReviewRefused, match="Ana Lee works at .* the host school"):
        services.team_member_add(review=review, person=colleague, role="reviewer")
    assert not review.team.exists()


def test_a_lead_reviewer_without_training_is_refused(school, other_school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    untrained = person_at(other_school, first_name="Bo", last_name="Marsh")
    with pytest.raises(services.ReviewRefused, match="Bo Marsh has not completed peer-review"):
        services.team_member_add(review=review, person=untrained, role="lead")
    assert not review.team.exists()


def test_a_second_lead_is_refused(school, other_school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    services.team_member_add(review=review, person=trained(person_at(other_school)), role="lead")
    with pytest.raises(services.ReviewRefused, match="already has a lead"):
        services.team_member_add(
            review=review, person=trained(person_at(other_school)), role="lead"
        )
    assert review.team.count() == 1


def test_the_team_page_refuses_a_host_colleague_with_a_message(client_for, users, school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    colleague = trained(person_at(school))
    response = client_for("officer").post(
        reverse("reviews:team", args=[review.pk]), {"person": colleague.pk, "role": "reviewer"}
    )
    # The host's own staff are not offered at all.
    assert response.status_code == 200
    assert "Select a person who has completed peer-review training" in text(response)
    assert not review.team.exists()


# ------------------------------------------------------------------------------------ dates


def test_dates_outside_the_cycle_are_refused(school, cycle):
    with pytest.raises(services.ReviewRefused, match="within the 2026/27 cycle") as refused:
        services.review_create(
            cycle=cycle, host=school, starts_on=date(2027, 8, 2), ends_on=date(2027, 8, 3)
        )
    assert refused.value.field == "starts_on"
    assert not Review.objects.exists()


def test_the_schedule_page_names_the_cycle_dates(client_for, school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    response = client_for("officer").post(
        reverse("reviews:schedule", args=[review.pk]),
        {
            "starts_on_0": "3",
            "starts_on_1": "8",
            "starts_on_2": "2027",
            "ends_on_0": "3",
            "ends_on_1": "8",
            "ends_on_2": "2027",
        },
    )
    assert response.status_code == 200
    assert "between 1 September 2026 and 22 July 2027" in text(response)
    review.refresh_from_db()
    assert review.starts_on == date(2026, 10, 5)


def test_a_school_may_not_review_itself_or_a_conflicted_school(school, other_school, cycle, users):
    review = peer_review(school, cycle=cycle, status="planned")
    with pytest.raises(services.ReviewRefused, match="cannot review itself"):
        services.schedule_update(
            review=review,
            starts_on=review.starts_on,
            ends_on=review.ends_on,
            reviewing_schools=[school],
        )
    services.conflict_add(
        cycle=cycle, school_a=other_school, school_b=school, reason="Federated", by=users["officer"]
    )
    with pytest.raises(services.ReviewRefused, match="marked as conflicted"):
        services.schedule_update(
            review=review,
            starts_on=review.starts_on,
            ends_on=review.ends_on,
            reviewing_schools=[other_school],
        )
    assert not review.reviewing_schools.exists()


# ----------------------------------------------------------------------------------- grades


def test_a_grade_not_on_the_scale_is_refused_and_nothing_is_saved(client_for, users, school, cycle):
    review = peer_review(school, cycle=cycle, lead=users["system_leader"].person)
    evaluation = review.evaluations.select_related("area").first()
    response = client_for("system_leader").post(
        reverse("reviews:findings", args=[review.pk]),
        {f"{evaluation.pk}-team_grade": "outstanding", f"{evaluation.pk}-strengths": "Reading"},
    )
    assert response.status_code == 200
    assert "“outstanding” is not a grade on the framework's scale" in text(response)
    evaluation.refresh_from_db()
    assert (evaluation.team_grade, evaluation.strengths) == ("", "")


def test_the_service_checks_grades_too(school, cycle):
    review = peer_review(school, cycle=cycle)
    evaluation = review.evaluations.first()
    with pytest.raises(services.ReviewRefused, match="not a grade on the framework's scale"):
        services.evaluations_save(
            review=review,
            answers={evaluation.pk: {"team_grade": "1"}},
            fields=("team_grade",),
        )


def test_a_draft_is_saved_and_kept(client_for, users, school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    evaluation = review.evaluations.first()
    response = client_for("headteacher").post(
        reverse("reviews:self_evaluation", args=[review.pk]),
        {
            f"{evaluation.pk}-self_grade": "strong",
            f"{evaluation.pk}-self_evaluation": "Inclusive.",
            "continue": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:self_evaluation", args=[review.pk])
    evaluation.refresh_from_db()
    assert (evaluation.self_grade, evaluation.self_evaluation) == ("strong", "Inclusive.")
    page = client_for("headteacher").get(response["Location"])
    assert "Inclusive." in text(page)


# ----------------------------------------------------------------------------------- stages


def complete_findings(review):
    for evaluation in review.evaluations.select_related("area"):
        evaluation.team_grade = "expected"
        evaluation.save()
    review.priorities.create(description="Attendance.")


def test_the_workflow_from_planned_to_closed(school, other_school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    with pytest.raises(services.ReviewRefused, match="Add a lead reviewer"):
        services.review_move(review=review, action="start")
    services.team_member_add(review=review, person=trained(person_at(other_school)), role="lead")
    services.review_move(review=review, action="start")
    with pytest.raises(services.ReviewRefused, match="Give the team's grade for Inclusion"):
        services.review_move(review=review, action="submit")
    complete_findings(review)
    services.review_move(review=review, action="submit")
    services.review_move(review=review, action="return")
    services.review_move(review=review, action="submit")
    services.review_move(review=review, action="agree")
    assert review.agreed_at is not None
    with pytest.raises(services.ReviewRefused, match="date of the improvement workshop"):
        services.review_move(review=review, action="close")
    review.workshop_on = date(2026, 11, 2)
    review.save()
    services.review_move(review=review, action="close")
    review.refresh_from_db()
    assert review.status == "closed" and review.closed_at is not None
    # Each step is in the review's history.
    assert review.history.filter(status="agreed").exists()


def test_a_stale_step_is_refused(school, cycle):
    review = peer_review(school, cycle=cycle, status="draft_report")
    stale = Review.objects.get(pk=review.pk)
    services.review_move(review=review, action="agree")
    with pytest.raises(services.ReviewRefused, match="moved"):
        services.review_move(review=stale, action="agree")


def test_editing_a_closed_review_is_refused_with_a_message(client_for, users, school, cycle):
    review = peer_review(school, cycle=cycle, status="closed", lead=users["system_leader"].person)
    evaluation = review.evaluations.first()
    for role, name in (
        ("headteacher", "reviews:self_evaluation"),
        ("system_leader", "reviews:findings"),
        ("officer", "reviews:team"),
    ):
        client = client_for(role)
        response = client.post(
            reverse(name, args=[review.pk]), {f"{evaluation.pk}-team_grade": "strong"}
        )
        assert response.status_code == 302, role
        assert response["Location"] == reverse("reviews:review", args=[review.pk])
        page = client.get(response["Location"])
        assert "This review is closed: it can no longer be changed." in text(page)
    evaluation.refresh_from_db()
    assert evaluation.team_grade == ""
    with pytest.raises(services.ReviewRefused, match="closed"):
        services.evaluations_save(
            review=review, answers={evaluation.pk: {"strengths": "x"}}, fields=("strengths",)
        )


def test_the_lead_reviewer_moves_the_review_on_from_the_page(client_for, users, school, cycle):
    review = peer_review(school, cycle=cycle, lead=users["system_leader"].person)
    client = client_for("system_leader")
    response = client.post(reverse("reviews:move", args=[review.pk, "submit"]), follow=True)
    assert "Before sending the draft report" in text(response)
    complete_findings(review)
    client.post(reverse("reviews:move", args=[review.pk, "submit"]))
    review.refresh_from_db()
    assert review.status == "draft_report"
    # Agreeing is the host's decision, not the team's.
    assert client.post(reverse("reviews:move", args=[review.pk, "agree"])).status_code == 403


# ---------------------------------------------------------------------------------- sharing


def test_sharing_changes_are_kept(school, cycle, users):
    review = peer_review(school, cycle=cycle)
    assert review.sharing == "themes"  # the default
    services.sharing_set(review=review, level="la", by=users["headteacher"])
    services.sharing_set(review=review, level="la", by=users["headteacher"])  # no change
    services.sharing_set(review=review, level="private", by=users["headteacher"])
    levels = list(SharingDecision.objects.order_by("pk").values_list("level", flat=True))
    assert levels == ["la", "private"]


# ------------------------------------------------------------------------ finding to support


def test_a_priority_becomes_a_support_request_once(school, cycle, users):
    review = peer_review(school, cycle=cycle, status="agreed")
    priority = review.priorities.create(description="Raise attendance in Year 4.")
    request = services.priority_to_support(
        priority=priority,
        by=users["headteacher"],
        needed_from=date(2026, 11, 30),
        needed_to=date(2027, 3, 31),
        urgency="high",
        specialisms=[],
    )
    assert request.source == SupportRequest.Source.PEER_REVIEW
    assert "Raise attendance in Year 4." in request.description
    assert request.review_priority == priority
    with pytest.raises(services.ReviewRefused, match="already has a support request"):
        services.priority_to_support(
            priority=priority,
            by=users["headteacher"],
            needed_from=date(2026, 11, 30),
            needed_to=date(2027, 3, 31),
            urgency="high",
            specialisms=[],
        )
    assert SupportRequest.objects.count() == 1


def test_the_support_request_links_back_for_those_who_may_see_the_review(
    client_for, school, cycle, users
):
    review = peer_review(school, cycle=cycle, status="agreed")
    priority = review.priorities.create(description="Raise attendance in Year 4.")
    client = client_for("headteacher")
    response = client.post(
        reverse("reviews:priority_support", args=[review.pk, priority.pk]),
        {
            "specialisms": [],
            "urgency": "medium",
            "needed_from_0": "30",
            "needed_from_1": "11",
            "needed_from_2": "2026",
            "needed_to_0": "31",
            "needed_to_1": "3",
            "needed_to_2": "2027",
        },
    )
    assert response.status_code == 200  # an area of need is required
    assert "Select at least one area of need" in text(response)
    from partnership.models import Specialism

    response = client.post(
        reverse("reviews:priority_support", args=[review.pk, priority.pk]),
        {
            "specialisms": [Specialism.objects.first().pk],
            "urgency": "medium",
            "needed_from_0": "30",
            "needed_from_1": "11",
            "needed_from_2": "2026",
            "needed_to_0": "31",
            "needed_to_1": "3",
            "needed_to_2": "2027",
        },
    )
    request = SupportRequest.objects.get()
    assert response["Location"] == reverse("support:request", args=[request.pk])
    head_page = text(client.get(response["Location"]))
    assert reverse("reviews:review", args=[review.pk]) in head_page
    # The officer sees the request (the host chose to send it) but not a link into a review
    # that is not shared with the LA.
    officer_page = text(client_for("officer").get(response["Location"]))
    assert "Raise attendance in Year 4." in officer_page
    assert reverse("reviews:review", args=[review.pk]) not in officer_page
    review_page = text(client_for("headteacher").get(reverse("reviews:review", args=[review.pk])))
    assert reverse("support:request", args=[request.pk]) in review_page


# --------------------------------------------------------------------------------- schedule


def make_cluster(cycle, schools, name="North A"):
    return services.cluster_save(cycle=cycle, name=name, schools=schools)


def test_clusters_have_three_to_seven_schools_and_a_school_is_in_one(cycle):
    schools = SchoolFactory.create_batch(9)
    with pytest.raises(services.ReviewRefused, match="3 to 7 schools: you chose 2"):
        make_cluster(cycle, schools[:2])
    with pytest.raises(services.ReviewRefused, match="you chose 8"):
        make_cluster(cycle, schools[:8])
    make_cluster(cycle, schools[:4])
    with pytest.raises(services.ReviewRefused, match="already in the North A cluster"):
        make_cluster(cycle, schools[3:6], name="North B")
    assert ReviewCluster.objects.count() == 1


@pytest.mark.parametrize("size", [3, 4, 5, 6, 7])
def test_the_generated_schedule_is_fair(cycle, size, users):
    schools = SchoolFactory.create_batch(size)
    make_cluster(cycle, schools)
    plan = schedule.propose(cycle)
    assert sorted(p.host.pk for p in plan.proposals) == sorted(s.pk for s in schools)
    given = {}
    for proposal in plan.proposals:
        assert proposal.host not in proposal.reviewers
        assert len(proposal.reviewers) == cycle.reviewers_per_review
        assert cycle.contains(proposal.starts_on)
        assert proposal.starts_on.weekday() < 5
        for school in proposal.reviewers:
            given[school.pk] = given.get(school.pk, 0) + 1
    assert set(given.values()) == {cycle.reviewers_per_review}


def test_the_schedule_avoids_conflicted_pairs(cycle, users):
    schools = SchoolFactory.create_batch(5)
    make_cluster(cycle, schools)
    for a, b in ((0, 1), (0, 2), (3, 4)):
        services.conflict_add(
            cycle=cycle, school_a=schools[a], school_b=schools[b], reason="x", by=users["officer"]
        )
    conflicts = {
        frozenset(s.pk for s in (schools[a], schools[b])) for a, b in ((0, 1), (0, 2), (3, 4))
    }
    plan = schedule.propose(cycle)
    counts = {}
    for proposal in plan.proposals:
        for school in proposal.reviewers:
            assert frozenset((school.pk, proposal.host.pk)) not in conflicts
            counts[school.pk] = counts.get(school.pk, 0) + 1
    assert max(counts.values()) - min(counts.values()) <= 1
    assert not plan.problems


def test_an_impossible_pairing_is_reported_not_hidden(cycle, users):
    schools = SchoolFactory.create_batch(3)
    make_cluster(cycle, schools)
    services.conflict_add(
        cycle=cycle, school_a=schools[0], school_b=schools[1], reason="x", by=users["officer"]
    )
    plan = schedule.propose(cycle)
    assert any("may review" in problem for problem in plan.problems)


def test_applying_the_schedule_twice_creates_nothing_new(cycle):
    make_cluster(cycle, SchoolFactory.create_batch(5))
    assert schedule.apply(cycle) == 5
    assert schedule.apply(cycle) == 0
    assert Review.objects.filter(cycle=cycle).count() == 5
    areas = cycle.framework.areas.count()
    assert all(r.evaluations.count() == areas for r in Review.objects.all())


def test_the_schedule_page_plans_the_reviews(client_for, cycle):
    make_cluster(cycle, SchoolFactory.create_batch(4))
    client = client_for("officer")
    preview = client.get(reverse("reviews:generate", args=[cycle.pk]))
    assert "4 reviews to plan" in text(preview)
    assert not Review.objects.exists()
    client.post(reverse("reviews:generate", args=[cycle.pk]))
    assert Review.objects.count() == 4


def test_clusters_from_the_register_are_three_to_seven_schools(cycle):
    from schools.models import Cluster

    locality = Cluster.objects.create(name="North locality")
    locality.schools.set(SchoolFactory.create_batch(16))
    assert services.clusters_from_register(cycle=cycle) == 3
    sizes = sorted(c.members.count() for c in cycle.clusters.all())
    assert sizes == [5, 5, 6]
    # Run again: every school is already in a cluster.
    assert services.clusters_from_register(cycle=cycle) == 0
    assert ClusterMembership.objects.filter(cycle=cycle).count() == 16


def test_a_conflict_is_stored_once_whatever_the_order(cycle, school, other_school, users):
    services.conflict_add(
        cycle=cycle, school_a=other_school, school_b=school, reason="x", by=users["officer"]
    )
    with pytest.raises(services.ReviewRefused, match="already marked"):
        services.conflict_add(
            cycle=cycle, school_a=school, school_b=other_school, reason="y", by=users["officer"]
        )
    assert ConflictedPair.objects.count() == 1


# ------------------------------------------------------------------------------- frameworks


def test_a_framework_in_use_is_not_changed_but_versioned(client_for, school, cycle):
    peer_review(school, cycle=cycle)
    framework = cycle.framework
    area = framework.areas.first()
    client = client_for("officer")
    response = client.post(
        reverse("reviews:area_edit", args=[framework.pk, area.pk]), {"name": "Changed"}
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name != "Changed"
    response = client.post(reverse("reviews:framework_version", args=[framework.pk]))
    new = framework.__class__.objects.get(name=framework.name, version=framework.version + 1)
    assert new.areas.count() == framework.areas.count()
    # The review keeps the version it used.
    assert Review.objects.get().framework == framework


# -------------------------------------------------------------------------------- training


def test_reach_counts_trained_heads_and_reviewed_schools(cycle):
    schools = SchoolFactory.create_batch(4)
    make_cluster(cycle, schools)
    heads = [person_at(s, job_title="Headteacher") for s in schools]
    trained(heads[0])
    trained(heads[1])
    trained(person_at(schools[2], job_title="Deputy headteacher"))  # not the head
    peer_review(schools[0], cycle=cycle, status="agreed")
    peer_review(
        schools[1], cycle=cycle, status="planned", starts_on="2027-01-11", ends_on="2027-01-11"
    )
    reach = selectors.reach(cycle)
    assert (reach["heads_trained"], reach["schools"], reach["reviewed"]) == (2, 4, 1)


def test_training_is_recorded_once_per_session(client_for, users):
    from reviews.models import TrainingRecord, TrainingSession

    session = TrainingSession.objects.create(title="Cohort 3", held_on=date(2026, 10, 1))
    person = PersonFactory()
    client = client_for("officer")
    data = {
        "person": person.pk,
        "completed_on_0": "1",
        "completed_on_1": "10",
        "completed_on_2": "2026",
    }
    client.post(reverse("reviews:training_session", args=[session.pk]), data)
    response = client.post(reverse("reviews:training_session", args=[session.pk]), data)
    assert "Select a valid choice" in text(response) or response.status_code == 200
    assert TrainingRecord.objects.filter(person=person).count() == 1


def test_team_members_come_from_a_list_of_trained_people(school, other_school, cycle):
    review = peer_review(school, cycle=cycle, status="planned")
    outsider = trained(person_at(other_school))
    insider = trained(person_at(school))
    untrained = person_at(other_school)
    candidates = set(selectors.team_candidates(review))
    assert outsider in candidates
    assert insider not in candidates and untrained not in candidates
    services.team_member_add(review=review, person=outsider, role="lead")
    assert outsider not in set(selectors.team_candidates(review))
    assert TeamMember.objects.count() == 1
