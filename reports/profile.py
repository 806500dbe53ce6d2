"""The school profile: one or two pages per school for preparing a visit.

Drawn for the person who asked, with what they may see and nothing else: the register and
inspection history (every role), the risk history (officers and the school's own head), support
(as the support pages scope it) and the peer reviews they may know of (dates and status only;
findings stay on the review's own pages).
"""

from __future__ import annotations

from partnership import selectors as partnership_selectors
from reviews import selectors as review_selectors
from schools import outcomes
from schools import selectors as school_selectors
from schools.models import School

INSPECTIONS_SHOWN = 8


def profile_context(*, urn, viewer) -> dict:
    try:
        school = school_selectors.school_detail(viewer=viewer, urn=urn)
    except (School.DoesNotExist, ValueError, TypeError):
        from .jobs import ReportRefused

        raise ReportRefused(f"There is no school with URN {urn} that you may see.") from None
    inspections = school_selectors.inspection_history(school=school)
    can_see_risk = viewer.has_perm("schools.view_school_risk", school)
    context = {
        "school": school,
        "viewer": viewer,
        "inspections": [
            {
                "inspection": inspection,
                "era": outcomes.era_label(inspection),
                "headline": outcomes.headline(inspection),
                "good": outcomes.judgement_is_good_or_better(inspection),
            }
            for inspection in inspections[:INSPECTIONS_SHOWN]
        ],
        "more_inspections": max(0, len(inspections) - INSPECTIONS_SHOWN),
        "good_or_better_rule": outcomes.GOOD_OR_BETTER_RULE,
        "can_see_risk": can_see_risk,
        "risk_history": school_selectors.risk_history(viewer=viewer, school=school)[:6]
        if can_see_risk
        else [],
        "deployments": [],
        "requests": [],
        "reviews": [],
    }
    if viewer.has_perm("partnership.view_support"):
        support = partnership_selectors.school_support(viewer=viewer, school=school, limit=10)
        context.update(deployments=support["deployments"], requests=support["requests"])
    if viewer.has_perm("reviews.view_programme"):
        context["reviews"] = list(
            review_selectors.reviews_of_school(viewer=viewer, school=school)[:6]
        )
    return context
