"""Did support work? Outcomes before and after, beside schools that had none.

The method, in the words every page shows (IMPACT_METHOD): for each school that received
support, its Ofsted outcome (by the good-or-better rule of schools.outcomes) and its LA risk
category on the day the support started, and again today. Beside them, the schools that had no
support and stood at the same starting point on the same day, and where they are today.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils import timezone

from schools import outcomes
from schools.models import Inspection, RiskAssessment, School, Status
from schools.selectors import deciding_histories

from .models import Deployment

IMPACT_METHOD = (
    "For each school that has had support, we compare its Ofsted outcome (counted by the "
    "good-or-better rule) and its LA risk category on the day the support started with today's. "
    "Beside them are the schools that had no support and stood at the same starting point on "
    "the same day, and where those schools are today. Schools are not chosen for support at "
    "random and many are not re-inspected for years, so the comparison describes what happened; "
    "it does not prove that support caused it."
)

START_LABELS = {True: "Good or better at the start", False: "Below good at the start"}


@dataclass
class Group:
    label: str
    schools: int = 0
    good_now: int = 0
    inspected_since: int = 0

    @property
    def good_now_percent(self) -> float | None:
        return outcomes.percentage(self.good_now, self.schools)


def _good_on(history: list, day: date) -> bool | None:
    return outcomes.current_outcome([i for i in history if i.start_date <= day]).good_or_better


def _risk_orders_on(school_ids, day_by_school: dict[int, date]) -> dict[int, tuple]:
    """Each school's risk category (order, name) on its day, and today."""
    rows = (
        RiskAssessment.objects.filter(school_id__in=school_ids)
        .select_related("category")
        .order_by("school_id", "assessed_on", "pk")
    )
    by_school: dict[int, list] = defaultdict(list)
    for row in rows:
        by_school[row.school_id].append(row)
    result = {}
    for school_id, day in day_by_school.items():
        assessments = by_school.get(school_id, [])
        before = [a for a in assessments if a.assessed_on <= day]
        result[school_id] = (
            before[-1].category if before else None,
            assessments[-1].category if assessments else None,
        )
    return result


def summary(*, include_risk: bool) -> dict:
    """Supported schools against unsupported ones with the same start, by starting point."""
    deployments = list(
        Deployment.objects.order_by("school_id", "starts_on").values("school_id", "starts_on")
    )
    if not deployments:
        return {"method": IMPACT_METHOD, "rows": [], "risk": None, "supported": 0}
    key = (
        "impact:"
        + str(Deployment.objects.order_by("-pk").values_list("pk", flat=True).first())
        + ":"
        + str(Inspection.objects.order_by("-pk").values_list("pk", flat=True).first())
        + f":{include_risk}:{timezone.localdate()}"
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    first_start: dict[int, date] = {}
    for row in deployments:
        first_start.setdefault(row["school_id"], row["starts_on"])
    histories = deciding_histories()
    open_schools = {}
    good_now = {}
    for pk, opened, good in School.objects.exclude(status=Status.CLOSED).values_list(
        "pk", "open_date", "good_or_better"
    ):
        open_schools[pk] = opened
        good_now[pk] = good
    supported = {True: Group(START_LABELS[True]), False: Group(START_LABELS[False])}
    comparison = {True: Group(START_LABELS[True]), False: Group(START_LABELS[False])}
    start_days = sorted(set(first_start.values()))
    for school_id, start in first_start.items():
        if school_id not in open_schools:
            continue
        history = histories.get(school_id, [])
        before = _good_on(history, start)
        if before is None:
            continue
        group = supported[before]
        group.schools += 1
        group.good_now += bool(good_now[school_id])
        group.inspected_since += any(i.start_date > start for i in history)
    # Each unsupported school is compared once for each support start date, weighted equally.
    unsupported = [pk for pk in open_schools if pk not in first_start]
    for start in start_days:
        for school_id in unsupported:
            opened = open_schools[school_id]
            if opened and opened > start:
                continue
            history = histories.get(school_id, [])
            before = _good_on(history, start)
            if before is None:
                continue
            group = comparison[before]
            group.schools += 1
            group.good_now += bool(good_now[school_id])
            group.inspected_since += any(i.start_date > start for i in history)
    rows = [
        {
            "start": START_LABELS[start],
            "supported": supported[start],
            "comparison": comparison[start],
        }
        for start in (False, True)
        if supported[start].schools
    ]
    risk = None
    if include_risk:
        categories = _risk_orders_on(first_start, first_start)
        risk = {"better": 0, "same": 0, "worse": 0, "unknown": 0}
        for before, now in categories.values():
            if before is None or now is None:
                risk["unknown"] += 1
            elif now.order < before.order:
                risk["better"] += 1
            elif now.order > before.order:
                risk["worse"] += 1
            else:
                risk["same"] += 1
    result = {
        "method": IMPACT_METHOD,
        "rows": rows,
        "risk": risk,
        "supported": len(first_start),
        "comparisons": len(start_days),
    }
    cache.set(key, result, 60 * 60)
    return result


def for_school(*, school, include_risk: bool) -> list[dict]:
    """Before and after for each deployment at one school."""
    history = deciding_histories([school.pk]).get(school.pk, [])
    now = outcomes.current_outcome(history)
    rows = []
    for deployment in Deployment.objects.filter(school=school).order_by("starts_on"):
        start = deployment.starts_on
        row = {
            "deployment": deployment,
            "before": outcomes.current_outcome([i for i in history if i.start_date <= start]),
            "now": now,
            "inspected_since": any(i.start_date > start for i in history),
        }
        if include_risk:
            day_risks = _risk_orders_on([school.pk], {school.pk: start})
            row["risk_before"], row["risk_now"] = day_risks.get(school.pk, (None, None))
        rows.append(row)
    return rows
