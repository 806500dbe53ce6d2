"""Reads of the partnership domain, scoped to the viewer."""

from django.db.models import Prefetch, QuerySet

from schools.models import School

from . import permissions
from .models import AccessEvent, User, UserRole


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
