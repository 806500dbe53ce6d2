"""The LA's self-evaluation against the 9 criteria: versions, and the live figures beside
each criterion (what the service knows, so that the evidence is never retyped)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from .models import (
    SELF_EVALUATION_CRITERIA,
    BoardAction,
    Deployment,
    FundingAllocation,
    SelfEvaluation,
    SelfEvaluationEntry,
    SupportRequest,
)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "no data"


def live_figures(viewer) -> dict[int, list[dict]]:
    """Per criterion: figures the service holds, each with a label, a value and a link."""
    from reviews import selectors as review_selectors
    from schools import selectors as school_selectors
    from schools.outcomes import GOOD_OR_BETTER_RULE

    from . import events, impact

    register = school_selectors.register_figures(viewer=viewer)
    share = register["all"]
    today = timezone.localdate()
    risk_due = school_selectors.risk_reviews(viewer=viewer).filter(risk_review_due__lt=today)
    deployments = Deployment.objects.aggregate(
        active=Count("pk", filter=Q(status="active")), total=Count("pk")
    )
    days = Deployment.objects.filter(status="active").aggregate(
        days=Sum("assignments__days_agreed")
    )["days"]
    funding = FundingAllocation.objects.aggregate(total=Sum("amount"))["total"] or 0
    open_requests = SupportRequest.objects.filter(status="open").count()
    overdue = BoardAction.objects.filter(status="open", due_on__lt=today).count()
    reach = review_selectors.reach(review_selectors.current_cycle(today))
    event_reach = events.reach(today)
    effect = impact.summary(include_risk=False)
    below = impact.START_LABELS[False]
    below_good = next((row for row in effect["rows"] if row["start"] == below), None)
    schools = reverse("schools:list")
    return {
        1: [
            {"label": "Board actions overdue", "value": overdue, "url": reverse("boards:overdue")},
        ],
        2: [],
        3: [
            {
                "label": "Open schools good or better (of those inspected)",
                "value": f"{share.good_schools} of {share.schools} "
                f"({_percent(share.good_schools, share.schools)})",
                "url": schools,
                "note": GOOD_OR_BETTER_RULE,
            },
            {
                "label": "Schools with a risk review overdue",
                "value": risk_due.count(),
                "url": reverse("schools:risk_reviews"),
            },
        ],
        4: [
            {
                "label": "Stuck schools (below good at the last two graded inspections)",
                "value": register["stuck"],
                "url": f"{schools}?stuck=yes",
            },
            {
                "label": "Support requests waiting to be brokered",
                "value": open_requests,
                "url": reverse("support:list"),
            },
        ],  # fmt: skip
        5: [
            {
                "label": "Supported schools below good at the start that are good or better now",
                "value": (
                    f"{below_good['supported'].good_now} of {below_good['supported'].schools} "
                    f"(unsupported from the same start: {below_good['comparison'].good_now} of "
                    f"{below_good['comparison'].schools})"
                )
                if below_good
                else "no supported schools yet",
                "url": reverse("dashboard"),
                "note": impact.IMPACT_METHOD,
            },
        ],
        6: [
            {
                "label": "Deployments of system leaders active (of all)",
                "value": f"{deployments['active']} of {deployments['total']}",
                "url": reverse("support:deployments"),
            },
            {
                "label": "Days of support agreed in active deployments",
                "value": days or 0,
                "url": reverse("support:deployments"),
            },
        ],  # fmt: skip
        7: [
            {
                "label": "Headteachers trained in peer review (schools in the programme)",
                "value": f"{reach.get('heads_trained', 0)} of {reach.get('schools', 0)}",
                "url": reverse("reviews:home"),
            },
            {
                "label": "Schools reviewed this cycle",
                "value": f"{reach.get('reviewed', 0)} of {reach.get('schools', 0)}",
                "url": reverse("reviews:home"),
            },
            {
                "label": f"Open schools at a headteacher briefing in {event_reach['year']}",
                "value": f"{event_reach['schools_at_briefing']} of {event_reach['schools']}",
                "url": reverse("events:list"),
            },
        ],
        8: [],
        9: [
            {
                "label": "Funding allocated to deployments",
                "value": f"£{funding:,.0f}",
                "url": reverse("support:funding"),
            },
        ],  # fmt: skip
    }


@transaction.atomic
def version_create(*, by, title: str) -> SelfEvaluation:
    """A new version, starting from the latest one's text (or blank)."""
    latest = SelfEvaluation.objects.order_by("-created_at", "-pk").first()
    version = SelfEvaluation.objects.create(title=title, created_by=by)
    earlier = {entry.criterion: entry for entry in latest.entries.all()} if latest else {}
    SelfEvaluationEntry.objects.bulk_create(
        [
            SelfEvaluationEntry(
                evaluation=version,
                criterion=number,
                grade=getattr(earlier.get(number), "grade", ""),
                position=getattr(earlier.get(number), "position", ""),
                strengths=getattr(earlier.get(number), "strengths", ""),
                areas_for_development=getattr(earlier.get(number), "areas_for_development", ""),
                evidence=getattr(earlier.get(number), "evidence", ""),
            )
            for number in range(1, len(SELF_EVALUATION_CRITERIA) + 1)
        ]
    )
    return version


@transaction.atomic
def finalise(*, version: SelfEvaluation, viewer) -> SelfEvaluation:
    """Fix the version and keep the figures as they were today."""
    if version.finalised_at is not None:
        return version
    figures = live_figures(viewer)
    version.figures = {
        str(number): [{"label": f["label"], "value": str(f["value"])} for f in rows]
        for number, rows in figures.items()
    }
    version.finalised_at = timezone.now()
    version.save(update_fields=["figures", "finalised_at"])
    return version
