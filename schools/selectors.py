"""Reads of the schools register, always scoped to the viewer through partnership.permissions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from partnership import permissions

from . import outcomes
from .models import (
    Governance,
    ImportRun,
    Inspection,
    Phase,
    RiskAssessment,
    RiskCategory,
    School,
    Status,
    TypeGroup,
    Visit,
)


def school_list(*, viewer) -> QuerySet[School]:
    """Schools the viewer may see."""
    return permissions.scope_schools(viewer, School.objects.all())


def school_table(*, viewer) -> QuerySet[School]:
    """The register as the list and exports show it: one query, whatever the number of rows."""
    queryset = school_list(viewer=viewer).select_related("trust", "ward")
    if viewer.has_perm("schools.view_risk"):
        queryset = queryset.select_related("risk_category")
    return queryset


def school_detail(*, viewer, urn: int) -> School:
    return school_list(viewer=viewer).select_related("trust", "ward", "risk_category").get(urn=urn)


def inspection_history(*, school: School) -> list[Inspection]:
    """Every inspection of the school, newest first (public Ofsted data: any role)."""
    return list(Inspection.objects.filter(school=school).order_by("-start_date", "-pk"))


def risk_history(*, viewer, school: School) -> list[RiskAssessment]:
    return list(
        permissions.scope_risk_assessments(viewer, RiskAssessment.objects.filter(school=school))
        .select_related("category", "assessed_by")
        .order_by("-assessed_on", "-pk")
    )


def visit_list(*, viewer, school: School | None = None) -> QuerySet[Visit]:
    visits = Visit.objects.select_related("school", "officer", "responded_by")
    if school is not None:
        visits = visits.filter(school=school)
    return permissions.scope_visits(viewer, visits)


def import_run_list(*, viewer) -> QuerySet[ImportRun]:
    return permissions.scope_import_runs(viewer, ImportRun.objects.select_related("started_by"))


def risk_categories_for(school: School) -> QuerySet[RiskCategory]:
    return RiskCategory.objects.filter(active=True).filter(
        Q(applies_to=RiskCategory.AppliesTo.ALL) | Q(applies_to=school.governance)
    )


def risk_reviews(*, viewer, today: date | None = None) -> QuerySet[School]:
    """Open schools with a risk category, soonest review first; overdue ones lead."""
    today = today or timezone.localdate()
    if not viewer.has_perm("schools.view_risk"):
        return School.objects.none()
    return (
        school_list(viewer=viewer)
        .exclude(status=Status.CLOSED)
        .filter(risk_category__isnull=False)
        .select_related("risk_category")
        .order_by("risk_review_due", "name")
    )


# ------------------------------------------------------------------------------- dashboard

PHASE_GROUPS = [
    ("Nursery", Q(phase=Phase.NURSERY) & ~Q(type_group=TypeGroup.SPECIAL)),
    (
        "Primary",
        Q(phase__in=[Phase.PRIMARY, Phase.MIDDLE_DEEMED_PRIMARY])
        & ~Q(type_group=TypeGroup.SPECIAL),
    ),
    (
        "Secondary",
        Q(phase__in=[Phase.SECONDARY, Phase.MIDDLE_DEEMED_SECONDARY, Phase.ALL_THROUGH])
        & ~Q(type_group=TypeGroup.SPECIAL),
    ),
    ("Special", Q(type_group=TypeGroup.SPECIAL) | Q(establishment_type__icontains="special")),
    (
        "Alternative provision and other",
        Q(phase__in=[Phase.NOT_APPLICABLE, Phase.SIXTEEN_PLUS])
        & ~Q(type_group=TypeGroup.SPECIAL)
        & ~Q(establishment_type__icontains="special"),
    ),
]


@dataclass(frozen=True)
class Share:
    """Schools and pupils good or better, out of those inspected."""

    label: str
    schools: int
    good_schools: int
    pupils: int
    good_pupils: int

    @property
    def schools_percent(self) -> float | None:
        return outcomes.percentage(self.good_schools, self.schools)

    @property
    def pupils_percent(self) -> float | None:
        return outcomes.percentage(self.good_pupils, self.pupils)


def _share(label: str, row: dict, prefix: str = "") -> Share:
    return Share(
        label,
        row[f"{prefix}schools"] or 0,
        row[f"{prefix}good_schools"] or 0,
        row[f"{prefix}pupils"] or 0,
        row[f"{prefix}good_pupils"] or 0,
    )


def _share_aggregates(prefix: str, condition: Q) -> dict:
    inspected = condition & Q(good_or_better__isnull=False)
    good = condition & Q(good_or_better=True)
    return {
        f"{prefix}schools": Count("pk", filter=inspected),
        f"{prefix}good_schools": Count("pk", filter=good),
        f"{prefix}pupils": Sum("number_of_pupils", filter=inspected),
        f"{prefix}good_pupils": Sum("number_of_pupils", filter=good),
    }


def good_or_better(*, viewer) -> dict:
    """Today's shares, overall, by maintained or academy, and by phase group × governance."""
    schools = school_list(viewer=viewer).exclude(status=Status.CLOSED)
    aggregates = _share_aggregates("all_", Q())
    aggregates["open"] = Count("pk")
    aggregates["not_inspected"] = Count("pk", filter=Q(good_or_better__isnull=True))
    for governance in Governance:
        aggregates.update(_share_aggregates(f"{governance}_", Q(governance=governance)))
    for index, (_label, condition) in enumerate(PHASE_GROUPS):
        for governance in Governance:
            aggregates.update(
                _share_aggregates(f"p{index}_{governance}_", condition & Q(governance=governance))
            )
    row = schools.aggregate(**aggregates)
    by_phase = []
    for index, (label, _condition) in enumerate(PHASE_GROUPS):
        shares = {g.value: _share(g.label, row, f"p{index}_{g}_") for g in Governance}
        if any(share.schools for share in shares.values()):
            by_phase.append({"label": label, **shares})
    return {
        "open": row["open"],
        "not_inspected": row["not_inspected"],
        "all": _share("All schools", row, "all_"),
        "by_governance": [_share(g.label, row, f"{g}_") for g in Governance],
        "by_phase": by_phase,
        "rule": outcomes.GOOD_OR_BETTER_RULE,
    }


def _trend_version() -> str:
    latest = Inspection.objects.aggregate(n=Count("pk"), last=Max("pk"))
    runs = ImportRun.objects.filter(state=ImportRun.State.APPLIED).aggregate(last=Max("pk"))
    schools = School.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return f"{latest['n']}-{latest['last']}-{runs['last']}-{schools['n']}-{schools['last']}"


def good_or_better_trend(*, viewer, years: int = 6, today: date | None = None) -> list[dict]:
    """% of open schools good or better at the end of each of the last `years` school years.

    Reads every inspection once; the result is cached until inspections or schools change.
    """
    today = today or timezone.localdate()
    last_year = today.year if today >= date(today.year, 8, 31) else today.year - 1
    ends = [date(year, 8, 31) for year in range(last_year - years + 1, last_year + 1)]
    if today not in ends and today > ends[-1]:
        ends.append(today)
    if not permissions.has_any_role(viewer):
        return []
    key = f"schools:trend:{_trend_version()}:{ends[0]}:{ends[-1]}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    schools = {
        pk: (opened, closed)
        for pk, opened, closed in School.objects.values_list("pk", "open_date", "close_date")
    }
    fields = [
        "school_id",
        "kind",
        "start_date",
        "overall_effectiveness",
        "safeguarding_met",
        "area_grades",
        *[field for field, _label, _column in outcomes.KEY_JUDGEMENTS],
    ]
    by_school: dict[int, list] = {}
    for values in Inspection.objects.filter(kind__in=["graded", "report_card"]).values(*fields):
        by_school.setdefault(values["school_id"], []).append(SimpleNamespace(**values))
    trend = []
    for end in ends:
        inspected = good = 0
        for school_id, history in by_school.items():
            opened, closed = schools.get(school_id, (None, None))
            if (opened and opened > end) or (closed and closed <= end):
                continue
            current = outcomes.current_outcome([i for i in history if i.start_date <= end])
            if current.good_or_better is None:
                continue
            inspected += 1
            good += current.good_or_better
        label = f"{end.year - 1}/{str(end.year)[2:]}" if end.month == 8 else "Today"
        trend.append(
            {
                "label": label,
                "end": end,
                "inspected": inspected,
                "good": good,
                "percent": outcomes.percentage(good, inspected),
            }
        )
    cache.set(key, trend, 60 * 60)
    return trend


def risk_summary(*, viewer) -> list[dict]:
    """Open schools per risk category: counts only, for officers and board members."""
    if not viewer.has_perm("schools.view_risk_summary"):
        return []
    counts = dict(
        School.objects.exclude(status=Status.CLOSED)
        .filter(risk_category__isnull=False)
        .values_list("risk_category")
        .annotate(n=Count("pk"))
    )
    none = School.objects.exclude(status=Status.CLOSED).filter(risk_category__isnull=True).count()
    rows = [
        {"category": category, "count": counts.get(category.pk, 0)}
        for category in RiskCategory.objects.filter(Q(active=True) | Q(pk__in=counts.keys()))
    ]
    rows.append({"category": None, "count": none})
    return rows


def stuck_schools(*, viewer) -> QuerySet[School]:
    return (
        school_list(viewer=viewer).exclude(status=Status.CLOSED).filter(stuck=True).order_by("name")
    )


def school_register_summary(*, viewer) -> dict:
    """Counts of open schools by phase and by governance, for the dashboard."""
    schools = school_list(viewer=viewer).exclude(status=Status.CLOSED)
    totals = schools.aggregate(
        total=Count("pk"),
        maintained=Count("pk", filter=Q(governance=Governance.MAINTAINED)),
        academies=Count("pk", filter=Q(governance=Governance.ACADEMY)),
    )
    return totals
