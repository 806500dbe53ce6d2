"""Writes to the schools register: derived outcomes and risk assessments."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from . import outcomes
from .models import RiskAssessment, RiskCategory, School
from .selectors import deciding_histories

CHUNK = 2000


def refresh_outcomes(school_ids: Iterable[int] | None = None) -> int:
    """Recompute each school's current outcome, good-or-better and stuck flags.

    With no ids, every school. Returns how many schools changed.
    """
    ids = (
        sorted(set(school_ids))
        if school_ids is not None
        else list(School.objects.order_by("pk").values_list("pk", flat=True))
    )
    changed = 0
    fields = ["outcome", "good_or_better", "stuck", "last_inspected"]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        inspections = deciding_histories(chunk)
        dirty = []
        for school in School.objects.filter(pk__in=chunk).only("pk", *fields):
            current = outcomes.current_outcome(inspections.get(school.pk, []))
            values = {
                "outcome": current.outcome,
                "good_or_better": current.good_or_better,
                "stuck": current.stuck,
                "last_inspected": current.last_inspected,
            }
            if any(getattr(school, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(school, key, value)
                dirty.append(school)
        if dirty:
            School.objects.bulk_update(dirty, fields, batch_size=500)
            changed += len(dirty)
    return changed


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def next_review_default(category: RiskCategory, assessed_on: date) -> date:
    return add_months(assessed_on, category.review_months)


@transaction.atomic
def risk_assess(
    *,
    school: School,
    category: RiskCategory,
    assessed_on: date,
    rationale: str,
    next_review_on: date | None,
    officer,
) -> RiskAssessment:
    """Record the LA's risk category for a school; the newest assessment becomes current."""
    if not category.applies_to_school(school):
        raise ValueError(f"{category.name} is not used for {school.get_governance_display()}")
    assessment = RiskAssessment.objects.create(
        school=school,
        category=category,
        assessed_on=assessed_on,
        rationale=rationale.strip(),
        next_review_on=next_review_on or next_review_default(category, assessed_on),
        assessed_by=officer,
    )
    latest = (
        RiskAssessment.objects.filter(school=school)
        .order_by("-assessed_on", "-pk")
        .values("category_id", "next_review_on")
        .first()
    )
    School.objects.filter(pk=school.pk).update(
        risk_category_id=latest["category_id"], risk_review_due=latest["next_review_on"]
    )
    school.risk_category_id = latest["category_id"]
    school.risk_review_due = latest["next_review_on"]
    return assessment
