"""Reads of the partnership domain, scoped to the viewer."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from schools.models import School

from . import permissions
from .models import (
    AccessEvent,
    Deployment,
    DeploymentLeader,
    DeploymentVisit,
    Designation,
    FundingStream,
    SupportRequest,
    SystemLeader,
    User,
    UserRole,
)


def user_list(*, viewer) -> QuerySet[User]:
    """Accounts the viewer may manage, with roles, schools and person loaded."""
    queryset = User.objects.select_related("person").prefetch_related(
        Prefetch("role_grants", queryset=UserRole.objects.order_by("role")),
        Prefetch("schools", queryset=School.objects.only("pk", "urn", "name")),
    )
    return permissions.scope_users(viewer, queryset).order_by("full_name", "email")


def access_event_list(*, viewer) -> QuerySet[AccessEvent]:
    """The access log, newest first, for those who may read it."""
    queryset = AccessEvent.objects.select_related("user")
    return permissions.scope_access_events(viewer, queryset)


def user_role_counts() -> dict[str, int]:
    """How many active users hold each role."""
    counts = {}
    rows = UserRole.objects.filter(user__is_active=True).values_list("role", flat=True)
    for role in rows:
        counts[role] = counts.get(role, 0) + 1
    return counts


# ------------------------------------------------------------- leaders and brokerage


def leader_list(*, viewer) -> QuerySet:
    today = timezone.localdate()
    queryset = (
        SystemLeader.objects.select_related("person", "home_school")
        .prefetch_related(
            "specialisms",
            Prefetch(
                "designations",
                queryset=Designation.objects.select_related("kind").filter(
                    Q(ends_on__isnull=True) | Q(ends_on__gte=today)
                ),
                to_attr="current_designations",
            ),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return permissions.scope_leaders(viewer, queryset)


def designations_expiring(*, viewer, days: int = 90) -> QuerySet:
    """Designations that lapse in the next `days` days, soonest first."""
    today = timezone.localdate()
    leaders = permissions.scope_leaders(viewer, SystemLeader.objects.all())
    return (
        Designation.objects.filter(
            leader__in=leaders, ends_on__gte=today, ends_on__lte=today + timedelta(days=days)
        )
        .select_related("kind", "leader__person")
        .order_by("ends_on")
    )


def support_request_list(*, viewer) -> QuerySet:
    queryset = SupportRequest.objects.select_related("school", "raised_by").prefetch_related(
        "specialisms"
    )
    return permissions.scope_support_requests(viewer, queryset)


def schools_for_requests(*, viewer) -> QuerySet[School]:
    """Schools the viewer may raise a request for: any for officers, their own for a head."""
    schools = permissions.scope_schools(viewer, School.objects.exclude(status="closed"))
    if permissions.is_officer_or_admin(viewer):
        return schools.order_by("name")
    return schools.filter(pk__in=viewer.school_ids).order_by("name")


def deployment_list(*, viewer) -> QuerySet:
    queryset = Deployment.objects.select_related("school", "request").prefetch_related(
        Prefetch("assignments", queryset=DeploymentLeader.objects.select_related("leader__person"))
    )
    return permissions.scope_deployments(viewer, queryset)


def deployment_table(*, viewer) -> QuerySet:
    """Deployments with their days agreed and used, summed in the database."""
    agreed = (
        DeploymentLeader.objects.filter(deployment=OuterRef("pk"))
        .values("deployment")
        .annotate(total=Sum("days_agreed"))
        .values("total")
    )
    used = (
        DeploymentVisit.objects.filter(assignment__deployment=OuterRef("pk"))
        .values("assignment__deployment")
        .annotate(total=Sum("days_used"))
        .values("total")
    )
    return deployment_list(viewer=viewer).annotate(
        days_agreed=Subquery(agreed, output_field=IntegerField()),
        days_used=Subquery(used, output_field=IntegerField()),
    )


def school_support(*, viewer, school, limit: int = 20) -> dict:
    """A school's deployments (days agreed and used) and open requests, as the viewer may see
    them: for the school's page and its profile."""
    return {
        "deployments": list(deployment_table(viewer=viewer).filter(school=school)[:limit]),
        "requests": list(support_request_list(viewer=viewer).filter(school=school, status="open")),
    }


def assignments_with_use(deployment) -> list:
    return list(
        DeploymentLeader.objects.filter(deployment=deployment)
        .select_related("leader__person")
        .prefetch_related("visits")
        .annotate(days_used=Sum("visits__days_used"))
    )


def assignment_for(deployment, user):
    """The user's own assignment on the deployment; for an officer, the first one."""
    assignments = list(deployment.assignments.all())
    for assignment in assignments:
        if user.person_id is not None and assignment.leader.person_id == user.person_id:
            return assignment
    if permissions.is_officer_or_admin(user) and len(assignments) == 1:
        return assignments[0]
    return None


def funding_streams() -> QuerySet:
    allocated = Coalesce(Sum("allocations__amount"), Value(Decimal("0")))
    return FundingStream.objects.annotate(
        allocated=allocated, balance=F("amount") - allocated
    ).order_by("-starts_on", "name")
