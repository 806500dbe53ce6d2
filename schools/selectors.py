"""Reads of the schools register, scoped to the viewer."""

from django.db.models import Count, Q, QuerySet

from partnership import permissions

from .models import Governance, Phase, School, Status


def school_list(*, viewer) -> QuerySet[School]:
    """Schools the viewer may see."""
    return permissions.scope_schools(viewer, School.objects.all())


def school_register_summary(*, viewer) -> dict:
    """Counts of open schools by phase and by governance, for the dashboard."""
    schools = school_list(viewer=viewer).exclude(status=Status.CLOSED)
    totals = schools.aggregate(
        total=Count("pk"),
        maintained=Count("pk", filter=Q(governance=Governance.MAINTAINED)),
        academies=Count("pk", filter=Q(governance=Governance.ACADEMY)),
        pupils_schools=Count("pk", filter=Q(number_of_pupils__isnull=False)),
    )
    by_phase = dict(schools.values_list("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    totals["by_phase"] = [
        {"phase": label, "code": code, "count": by_phase[code]}
        for code, label in Phase.choices
        if by_phase.get(code)
    ]
    return totals
