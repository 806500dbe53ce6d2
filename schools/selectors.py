"""Reads of the schools register, always scoped to the viewer through partnership.permissions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
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

PHASE_GROUP_LABELS = [
    "Nursery",
    "Primary",
    "Secondary",
    "Special",
    "Alternative provision and other",
]


def phase_group(phase: str, type_group: str, establishment_type: str) -> str:
    """The phase group a school is counted in on the dashboard and in reports."""
    if type_group == TypeGroup.SPECIAL or "special" in establishment_type.lower():
        return "Special"
    if phase == Phase.NURSERY:
        return "Nursery"
    if phase in {Phase.PRIMARY, Phase.MIDDLE_DEEMED_PRIMARY}:
        return "Primary"
    if phase in {Phase.SECONDARY, Phase.MIDDLE_DEEMED_SECONDARY, Phase.ALL_THROUGH}:
        return "Secondary"
    return "Alternative provision and other"


@dataclass
class Share:
    """Schools and pupils good or better, out of those inspected."""

    label: str
    schools: int = 0
    good_schools: int = 0
    pupils: int = 0
    good_pupils: int = 0

    def add(self, good: bool | None, count: int, pupils: int) -> None:
        if good is None:
            return
        self.schools += count
        self.pupils += pupils
        if good:
            self.good_schools += count
            self.good_pupils += pupils

    @property
    def schools_percent(self) -> float | None:
        return outcomes.percentage(self.good_schools, self.schools)

    @property
    def pupils_percent(self) -> float | None:
        return outcomes.percentage(self.good_pupils, self.pupils)


def register_figures(*, viewer) -> dict:
    """The open schools counted every way the dashboard needs, from one grouped query.

    Risk counts are included only for viewers allowed to see them (as counts).
    """
    groups = (
        school_list(viewer=viewer)
        .exclude(status=Status.CLOSED)
        .values(
            "phase",
            "type_group",
            "establishment_type",
            "governance",
            "good_or_better",
            "stuck",
            "risk_category_id",
        )
        .annotate(n=Count("pk"), pupils=Sum("number_of_pupils"))
        .order_by()
    )
    total = Share("All schools")
    by_governance = {g.value: Share(g.label) for g in Governance}
    by_phase = {
        label: {g.value: Share(g.label) for g in Governance} for label in PHASE_GROUP_LABELS
    }
    counts = {"open": 0, "maintained": 0, "academies": 0, "not_inspected": 0, "stuck": 0}
    risk_counts: dict[int | None, int] = {}
    for row in groups:
        count, pupils, good = row["n"], row["pupils"] or 0, row["good_or_better"]
        counts["open"] += count
        counts["maintained" if row["governance"] == Governance.MAINTAINED else "academies"] += count
        counts["not_inspected"] += count if good is None else 0
        counts["stuck"] += count if row["stuck"] else 0
        risk_counts[row["risk_category_id"]] = risk_counts.get(row["risk_category_id"], 0) + count
        total.add(good, count, pupils)
        by_governance[row["governance"]].add(good, count, pupils)
        group = phase_group(row["phase"], row["type_group"], row["establishment_type"])
        by_phase[group][row["governance"]].add(good, count, pupils)
    figures = {
        **counts,
        "all": total,
        "by_governance": list(by_governance.values()),
        "by_phase": [
            {"label": label, **shares}
            for label, shares in by_phase.items()
            if any(share.schools for share in shares.values())
        ],
        "rule": outcomes.GOOD_OR_BETTER_RULE,
        "risk": [],
    }
    if viewer.has_perm("schools.view_risk_summary"):
        categories = RiskCategory.objects.filter(
            Q(active=True) | Q(pk__in=[k for k in risk_counts if k])
        )
        figures["risk"] = [
            {"category": category, "count": risk_counts.get(category.pk, 0)}
            for category in categories
        ] + [{"category": None, "count": risk_counts.get(None, 0)}]
    return figures


def _trend_version() -> str:
    """Changes when schools or inspections are added or an import runs (index-only reads)."""
    latest = [
        model.objects.order_by("-pk").values_list("pk", flat=True).first()
        for model in (School, Inspection, ImportRun)
    ]
    return "-".join(str(pk) for pk in latest)


def good_or_better_trend(*, viewer, years: int = 6, today: date | None = None) -> list[dict]:
    """% of open schools good or better at the end of each of the last `years` school years.

    The whole register's figure, the same for every role that may see the register.
    """
    if not permissions.has_any_role(viewer):
        return []
    return register_trend(years=years, today=today)


def register_trend(*, years: int = 6, today: date | None = None) -> list[dict]:
    """The trend for the whole register. Reads every inspection once; the result is cached
    (in the shared cache when CACHE_URL is set) until inspections, schools or imports change,
    and imports warm it when they finish."""
    today = today or timezone.localdate()
    last_year = today.year if today >= date(today.year, 8, 31) else today.year - 1
    ends = [date(year, 8, 31) for year in range(last_year - years + 1, last_year + 1)]
    if today not in ends and today > ends[-1]:
        ends.append(today)
    key = f"schools:trend:{_trend_version()}:{ends[0]}:{ends[-1]}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    schools = {
        pk: (opened, closed)
        for pk, opened, closed in School.objects.values_list("pk", "open_date", "close_date")
    }
    by_school = deciding_histories()
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


def deciding_histories(school_ids=None) -> dict[int, list]:
    """Each school's graded and report-card inspections, as light rows the outcome rules read
    (ungraded inspections decide nothing). With no ids, every school's."""
    inspections = Inspection.objects.filter(kind__in=["graded", "report_card"])
    if school_ids is not None:
        inspections = inspections.filter(school_id__in=school_ids)
    by_school: dict[int, list] = {}
    for values in inspections.values(*outcomes.DECIDING_FIELDS):
        by_school.setdefault(values["school_id"], []).append(SimpleNamespace(**values))
    return by_school


def stuck_schools(*, viewer) -> QuerySet[School]:
    return (
        school_list(viewer=viewer).exclude(status=Status.CLOSED).filter(stuck=True).order_by("name")
    )
