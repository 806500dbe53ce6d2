"""The rules of a peer review: who may join a team, what each stage needs, sharing, support.

Every function here checks its rule and raises `ReviewRefused` with a message for the person
using the service, before anything is written; each writes in one transaction. Who may call
which is decided in `partnership/permissions.py`.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from partnership.brokerage import school_phase
from partnership.models import Person, SupportRequest
from partnership.refusals import Refused
from partnership.terms import long_date

from .models import (
    AreaEvaluation,
    ClusterMembership,
    ConflictedPair,
    Cycle,
    Priority,
    Review,
    ReviewCluster,
    SharingDecision,
    TeamMember,
    TrainingRecord,
)
from .tasks import warm_themes_after_commit


class ReviewRefused(Refused):
    """A request the rules refuse; the message says why, for the user."""


# ------------------------------------------------------------------------------------- team


def is_trained(person: Person) -> bool:
    return TrainingRecord.objects.filter(person=person).exists()


def check_not_closed(review: Review) -> None:
    if review.status == Review.Status.CLOSED:
        raise ReviewRefused("This review is closed: it can no longer be changed.")


@transaction.atomic
def team_member_add(*, review: Review, person: Person, role: str) -> TeamMember:
    check_not_closed(review)
    if person.school_id is not None and person.school_id == review.host_school_id:
        raise ReviewRefused(
            f"{person.full_name} works at {review.host_school.name}, the host school: a school "
            "cannot review itself.",
            "person",
        )
    if not is_trained(person):
        raise ReviewRefused(
            f"{person.full_name} has not completed peer-review training. Record their training "
            "before adding them to a review team.",
            "person",
        )
    if review.team.filter(person=person).exists():
        raise ReviewRefused(f"{person.full_name} is already on this review team.", "person")
    if role == TeamMember.Role.LEAD and review.team.filter(role=TeamMember.Role.LEAD).exists():
        raise ReviewRefused(
            "This review already has a lead reviewer. Remove them first to choose another.",
            "role",
        )
    return TeamMember.objects.create(review=review, person=person, role=role)


@transaction.atomic
def team_member_remove(*, review: Review, member_id: int) -> None:
    check_not_closed(review)
    review.team.filter(pk=member_id).delete()


# --------------------------------------------------------------------------------- schedule


def conflicted_pairs(cycle: Cycle) -> set[frozenset[int]]:
    return {
        frozenset(pair)
        for pair in ConflictedPair.objects.filter(cycle=cycle).values_list(
            "school_a_id", "school_b_id"
        )
    }


def check_dates(cycle: Cycle, starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ReviewRefused("The last day must be on or after the first day", "ends_on")
    for field, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if not cycle.contains(day):
            raise ReviewRefused(
                f"The review must take place within the {cycle.name} cycle, between "
                f"{long_date(cycle.starts_on)} and {long_date(cycle.ends_on)}",
                field,
            )


def check_reviewing_schools(cycle: Cycle, host, schools) -> None:
    conflicts = conflicted_pairs(cycle)
    for school in schools:
        if school.pk == host.pk:
            raise ReviewRefused(
                f"{host.name} is the host school: a school cannot review itself.",
                "reviewing_schools",
            )
        if frozenset((school.pk, host.pk)) in conflicts:
            raise ReviewRefused(
                f"{school.name} and {host.name} are marked as conflicted this cycle: choose "
                "another school.",
                "reviewing_schools",
            )


def _evaluations_create(review: Review) -> None:
    existing = set(review.evaluations.values_list("area_id", flat=True))
    AreaEvaluation.objects.bulk_create(
        [
            AreaEvaluation(review=review, area=area)
            for area in review.framework.areas.all()
            if area.pk not in existing
        ]
    )


@transaction.atomic
def review_create(
    *, cycle: Cycle, host, starts_on: date, ends_on: date, reviewing_schools=(), cluster=None
) -> Review:
    check_dates(cycle, starts_on, ends_on)
    check_reviewing_schools(cycle, host, reviewing_schools)
    if Review.objects.filter(cycle=cycle, host_school=host).exists():
        raise ReviewRefused(f"{host.name} already has a review in the {cycle.name} cycle.", "host")
    review = Review.objects.create(
        cycle=cycle,
        framework=cycle.framework,
        host_school=host,
        cluster=cluster,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    review.reviewing_schools.set(reviewing_schools)
    _evaluations_create(review)
    return review


@transaction.atomic
def schedule_update(*, review: Review, starts_on: date, ends_on: date, reviewing_schools) -> Review:
    if review.status != Review.Status.PLANNED:
        raise ReviewRefused("Only a planned review can be rescheduled.")
    check_dates(review.cycle, starts_on, ends_on)
    check_reviewing_schools(review.cycle, review.host_school, reviewing_schools)
    review.starts_on, review.ends_on = starts_on, ends_on
    review.save(update_fields=["starts_on", "ends_on", "updated_at"])
    review.reviewing_schools.set(reviewing_schools)
    return review


@transaction.atomic
def cluster_save(*, cycle: Cycle, name: str, schools, cluster: ReviewCluster | None = None):
    schools = list(schools)
    low, high = ReviewCluster.MIN_SCHOOLS, ReviewCluster.MAX_SCHOOLS
    if not low <= len(schools) <= high:
        raise ReviewRefused(
            f"A cluster has {low} to {high} schools: you chose {len(schools)}.", "schools"
        )
    taken = (
        ClusterMembership.objects.filter(cycle=cycle, school__in=schools)
        .exclude(cluster=cluster)
        .select_related("school", "cluster")
        .first()
    )
    if taken is not None:
        raise ReviewRefused(
            f"{taken.school.name} is already in the {taken.cluster.name} cluster this cycle.",
            "schools",
        )
    if (
        ReviewCluster.objects.filter(cycle=cycle, name__iexact=name)
        .exclude(pk=getattr(cluster, "pk", None))
        .exists()
    ):
        raise ReviewRefused(f"There is already a cluster called {name} in this cycle.", "name")
    if cluster is None:
        cluster = ReviewCluster.objects.create(cycle=cycle, name=name)
    else:
        cluster.name = name
        cluster.save(update_fields=["name"])
    keep = {school.pk for school in schools}
    cluster.members.exclude(school_id__in=keep).delete()
    have = set(cluster.members.values_list("school_id", flat=True))
    ClusterMembership.objects.bulk_create(
        [
            ClusterMembership(cluster=cluster, school=school, cycle=cycle)
            for school in schools
            if school.pk not in have
        ]
    )
    return cluster


@transaction.atomic
def conflict_add(*, cycle: Cycle, school_a, school_b, reason: str, by) -> ConflictedPair:
    if school_a.pk == school_b.pk:
        raise ReviewRefused("Choose two different schools.", "school_b")
    low, high = sorted((school_a, school_b), key=lambda school: school.pk)
    pair, created = ConflictedPair.objects.get_or_create(
        cycle=cycle, school_a=low, school_b=high, defaults={"reason": reason, "recorded_by": by}
    )
    if not created:
        raise ReviewRefused(f"{low.name} and {high.name} are already marked as conflicted.")
    return pair


# ------------------------------------------------------------------------- findings and stages


def check_grade(area, grade: str, field: str) -> None:
    if grade and grade not in dict(area.scale.choices):
        allowed = ", ".join(label for _code, label in area.scale.choices)
        raise ReviewRefused(
            f"{area.name}: “{grade}” is not a grade on the framework's scale ({allowed})", field
        )


@transaction.atomic
def evaluations_save(*, review: Review, answers: dict[int, dict], fields: tuple[str, ...]) -> None:
    """Save the given fields of each area's evaluation; `answers` maps evaluation id to values."""
    check_not_closed(review)
    evaluations = {e.pk: e for e in review.evaluations.select_related("area__scale")}
    for evaluation_id, values in answers.items():
        evaluation = evaluations.get(evaluation_id)
        if evaluation is None:
            raise ReviewRefused("An area of this form is not part of this review.")
        for grade_field in ("self_grade", "team_grade"):
            if grade_field in fields:
                check_grade(evaluation.area, values.get(grade_field, ""), grade_field)
        for field in fields:
            value = values.get(field, "")
            setattr(evaluation, field, bool(value) if field == "not_applicable" else value)
    AreaEvaluation.objects.bulk_update(list(evaluations.values()), list(fields))
    # The review changed: cached themes that count it are read again.
    Review.objects.filter(pk=review.pk).update(updated_at=timezone.now())


def submit_problems(review: Review) -> list[str]:
    """What stops the lead reviewer sending the draft report to the host."""
    problems = []
    for evaluation in review.evaluations.select_related("area"):
        if evaluation.not_applicable:
            if not evaluation.area.only_where_applicable:
                problems.append(f"{evaluation.area.name} applies to every school")
            continue
        if not evaluation.team_grade:
            problems.append(f"Give the team's grade for {evaluation.area.name}")
    if not review.priorities.exists():
        problems.append("Agree at least one priority for the school")
    return problems


MOVES = {
    # action: (from, to, permission)
    "start": (Review.Status.PLANNED, Review.Status.IN_PROGRESS, "reviews.start_review"),
    "submit": (Review.Status.IN_PROGRESS, Review.Status.DRAFT_REPORT, "reviews.submit_draft"),
    "agree": (Review.Status.DRAFT_REPORT, Review.Status.AGREED, "reviews.agree_report"),
    "return": (Review.Status.DRAFT_REPORT, Review.Status.IN_PROGRESS, "reviews.return_draft"),
    "close": (Review.Status.AGREED, Review.Status.CLOSED, "reviews.close_review"),
}


@transaction.atomic
def review_move(*, review: Review, action: str) -> Review:
    if action not in MOVES:
        raise ReviewRefused("That is not a step a review can take.")
    source, target, _permission = MOVES[action]
    if review.status != source:
        raise ReviewRefused(
            f"The review is now “{review.get_status_display()}”: someone may have moved it on. "
            "Check it and try again."
        )
    if action == "start" and not review.team.filter(role=TeamMember.Role.LEAD).exists():
        raise ReviewRefused("Add a lead reviewer to the team before the review starts.")
    if action == "submit":
        problems = submit_problems(review)
        if problems:
            raise ReviewRefused("Before sending the draft report: " + "; ".join(problems) + ".")
    if action == "close" and review.workshop_on is None:
        raise ReviewRefused("Record the date of the improvement workshop before closing.")
    # Read again under a row lock, so two people acting at once cannot both move it.
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.status != source:
        raise ReviewRefused("Someone else moved this review on. Check it and try again.")
    locked.status = target
    if action == "agree":
        locked.agreed_at = timezone.now()
    if action == "close":
        locked.closed_at = timezone.now()
    locked.save()
    review.status, review.agreed_at, review.closed_at = (
        locked.status,
        locked.agreed_at,
        locked.closed_at,
    )
    if action in ("agree", "return", "close"):
        warm_themes_after_commit(review.cycle_id)
    return review


@transaction.atomic
def sharing_set(*, review: Review, level: str, by) -> bool:
    """The host's decision; every change is kept. Returns whether anything changed."""
    if level not in Review.Sharing.values:
        raise ReviewRefused("Choose how the findings are shared", "sharing")
    if review.sharing == level:
        return False
    review.sharing = level
    review.save(update_fields=["sharing", "updated_at"])
    SharingDecision.objects.create(review=review, level=level, decided_by=by)
    warm_themes_after_commit(review.cycle_id)
    return True


@transaction.atomic
def priority_to_support(
    *, priority: Priority, by, needed_from: date, needed_to: date, urgency: str, specialisms
) -> SupportRequest:
    """Turn an agreed priority into a support request for brokerage, linked both ways."""
    review = priority.review
    if review.status not in (Review.Status.AGREED, Review.Status.CLOSED):
        raise ReviewRefused("Priorities become support requests once the host agrees the report.")
    if priority.support_request_id is not None:
        raise ReviewRefused("This priority already has a support request.")
    if needed_to < needed_from:
        raise ReviewRefused("The end date must be on or after the start date", "needed_to")
    area = f" ({priority.area.name})" if priority.area_id else ""
    request = SupportRequest.objects.create(
        school=review.host_school,
        phase=school_phase(review.host_school),
        priority=urgency,
        source=SupportRequest.Source.PEER_REVIEW,
        description=f"Priority from the {review.cycle.name} peer review{area}: "
        f"{priority.description}",
        needed_from=needed_from,
        needed_to=needed_to,
        raised_by=by,
    )
    request.specialisms.set(specialisms)
    # Only if still unlinked: two clicks make one request (the second rolls back).
    if not Priority.objects.filter(pk=priority.pk, support_request__isnull=True).update(
        support_request=request
    ):
        raise ReviewRefused("This priority already has a support request.")
    priority.support_request = request
    return request


@transaction.atomic
def clusters_from_register(*, cycle: Cycle) -> int:
    """Split each of the register's clusters (localities) into review clusters of 3 to 7 open
    schools, as even in size as possible, leaving out schools already in a review cluster."""
    from schools.models import Cluster, Status

    made = 0
    taken = set(ClusterMembership.objects.filter(cycle=cycle).values_list("school_id", flat=True))
    for locality in Cluster.objects.prefetch_related("schools").order_by("name"):
        schools = [
            school
            for school in sorted(locality.schools.all(), key=lambda school: school.name)
            if school.status != Status.CLOSED and school.pk not in taken
        ]
        if len(schools) < ReviewCluster.MIN_SCHOOLS:
            continue
        groups = -(-len(schools) // ReviewCluster.MAX_SCHOOLS)  # ceiling division
        # Deal the schools out like cards, so each group has 3 to 7 and sizes differ by one.
        for index in range(groups):
            members = schools[index::groups]
            if len(members) < ReviewCluster.MIN_SCHOOLS:
                continue
            name = f"{locality.name} {chr(ord('A') + index)}" if groups > 1 else locality.name
            while ReviewCluster.objects.filter(cycle=cycle, name=name).exists():
                name += " (2)"
            cluster_save(cycle=cycle, name=name, schools=members)
            taken.update(school.pk for school in members)
            made += 1
    return made


@transaction.atomic
def framework_new_version(*, framework):
    """A copy of the framework as the next version, to change without touching past reviews."""
    from .models import Framework

    latest = Framework.objects.filter(name=framework.name).order_by("-version").first()
    new = Framework.objects.create(
        name=framework.name, version=latest.version + 1, description=framework.description
    )
    for area in framework.areas.all():
        area.pk = None
        area.framework = new
        area.save()
    return new
