"""Reads of the peer-review programme, scoped to the viewer by the authorisation module."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from partnership import permissions
from partnership.models import Person, Role
from schools.models import School, Status

from .models import (
    ClusterMembership,
    Cycle,
    Review,
    TeamMember,
    TrainingRecord,
)

# Job titles that make a person their school's headteacher, for the programme's reach.
HEAD_TITLES = (
    "headteacher",
    "head teacher",
    "executive headteacher",
    "head of school",
    "principal",
    "executive principal",
)


def review_list(*, viewer) -> QuerySet[Review]:
    """Reviews the viewer may know of (their schedule, not their findings)."""
    return permissions.scope_reviews(
        viewer, Review.objects.select_related("host_school", "cycle", "cluster")
    )


def reviews_of_school(*, viewer, school) -> QuerySet[Review]:
    """The reviews of one school the viewer may know of, newest first."""
    return review_list(viewer=viewer).filter(host_school=school).order_by("-starts_on")


def review_table(*, viewer, cycle=None) -> QuerySet[Review]:
    """A list page's rows: a fixed number of queries however many reviews there are."""
    reviews = review_list(viewer=viewer).prefetch_related(
        Prefetch("team", queryset=TeamMember.objects.select_related("person")),
        "reviewing_schools",
    )
    if cycle is not None:
        reviews = reviews.filter(cycle=cycle)
    return reviews.order_by("starts_on", "host_school__name", "pk")


def review_detail(*, viewer, pk) -> Review:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        review_list(viewer=viewer)
        .select_related("framework")
        .prefetch_related(
            Prefetch("team", queryset=TeamMember.objects.select_related("person__school")),
            "reviewing_schools",
        ),
        pk=pk,
    )


def current_cycle(today) -> Cycle | None:
    cycle = Cycle.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on")
    return cycle.first() or Cycle.objects.order_by("-starts_on").first()


def trained_people() -> QuerySet[Person]:
    return Person.objects.filter(
        Exists(TrainingRecord.objects.filter(person=OuterRef("pk")))
    ).select_related("school")


def team_candidates(review: Review) -> QuerySet[Person]:
    """Trained people not at the host school and not already on the team."""
    return (
        trained_people()
        .exclude(school_id=review.host_school_id)
        .exclude(pk__in=review.team.values("person_id"))
        .order_by("last_name", "first_name")
    )


def is_head() -> Q:
    """People who head their school: a headteacher account or a head's job title."""
    condition = Q(user__role_grants__role=Role.HEADTEACHER)
    for title in HEAD_TITLES:
        condition |= Q(job_title__iexact=title)
    return condition


def participating_schools(cycle: Cycle) -> QuerySet[School]:
    return School.objects.filter(
        Q(pk__in=ClusterMembership.objects.filter(cycle=cycle).values("school_id"))
        | Q(pk__in=Review.objects.filter(cycle=cycle).values("host_school_id"))
    )


def reach(cycle: Cycle | None) -> dict:
    """'N of M headteachers trained; N of M schools reviewed this cycle' (four queries)."""
    if cycle is None:
        return {}
    schools = participating_schools(cycle)
    trained_heads = Person.objects.filter(
        is_head(), Exists(TrainingRecord.objects.filter(person=OuterRef("pk")))
    )
    counts = schools.aggregate(
        total=Count("pk", distinct=True),
        heads_trained=Count("pk", distinct=True, filter=Q(people__in=trained_heads.values("pk"))),
    )
    reviewed = Review.objects.filter(
        cycle=cycle,
        status__in=[Review.Status.DRAFT_REPORT, Review.Status.AGREED, Review.Status.CLOSED],
    ).count()
    by_status = dict(
        Review.objects.filter(cycle=cycle)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "cycle": cycle,
        "schools": counts["total"],
        "heads_trained": counts["heads_trained"],
        "reviewed": reviewed,
        "people_trained": TrainingRecord.objects.values("person_id").distinct().count(),
        "by_status": [(label, by_status.get(code, 0)) for code, label in Review.Status.choices],
    }


def open_schools() -> QuerySet[School]:
    return School.objects.exclude(status=Status.CLOSED).order_by("name", "urn")


def cluster_school_choices(cycle: Cycle, cluster=None) -> QuerySet[School]:
    """Open schools not in another cluster this cycle (and the cluster's own members)."""
    taken = ClusterMembership.objects.filter(cycle=cycle)
    if cluster is not None:
        taken = taken.exclude(cluster=cluster)
    return open_schools().exclude(pk__in=taken.values("school_id"))
