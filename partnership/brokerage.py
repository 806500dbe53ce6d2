"""Brokerage rules: matching leaders to a need, capacity, funding and deployments.

Everything here is deterministic and unit-tested (tests/test_brokerage.py). Writes happen in one
transaction each and refuse bad input with BrokerageError, whose message names the problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from math import hypot

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum

from .models import (
    Deployment,
    DeploymentLeader,
    DeploymentVisit,
    Designation,
    FundingAllocation,
    FundingStream,
    SupportRequest,
    SystemLeader,
)
from .terms import term_of

# How much each reason counts. Specialism matters most; distance least.
WEIGHT_SPECIALISM = 40
WEIGHT_PHASE = 25
WEIGHT_CAPACITY = 20
WEIGHT_DISTANCE = 15
NEAR_KM = 5
FAR_KM = 40


class BrokerageError(Exception):
    """A rule was broken; the message says which, in words for the user."""


@dataclass
class Candidate:
    leader_id: int
    name: tuple[str, str]
    leader: SystemLeader | None = None
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    days_left: int = 0
    distance_km: float | None = None

    @property
    def excluded(self) -> bool:
        return bool(self.exclusions)


def school_phase(school) -> str:
    """The PhaseServed a school's need is usually in."""
    if school.type_group == "special" or "special" in school.establishment_type.lower():
        return "special"
    if school.phase == "nursery":
        return "early_years"
    if school.phase in {"secondary", "middle_secondary", "all_through"}:
        return "secondary"
    if school.phase == "16_plus":
        return "post_16"
    if school.phase == "not_applicable":
        return "special"
    return "primary"


def days_committed(leaders, on: date) -> dict[int, int]:
    """Days each leader has agreed in deployments active during the term containing `on`."""
    term = term_of(on)
    rows = (
        DeploymentLeader.objects.filter(
            leader__in=leaders,
            deployment__status=Deployment.Status.ACTIVE,
            deployment__starts_on__lte=term.ends_on,
            deployment__ends_on__gte=term.starts_on,
        )
        .values("leader_id")
        .annotate(days=Sum("days_agreed"))
    )
    return {row["leader_id"]: row["days"] for row in rows}


PHASE_FIELDS = ["early_years", "primary", "secondary", "special", "post_16"]


def distance_km(a: tuple, b: tuple) -> float | None:
    """Straight-line distance between two (easting, northing) points in British National Grid
    metres, as GIAS gives them for schools; None if either is not known."""
    if None in a or None in b:
        return None
    return round(hypot(a[0] - b[0], a[1] - b[1]) / 1000, 1)


def candidates(
    request: SupportRequest, leaders=None, *, limit: int | None = None
) -> list[Candidate]:
    """Every active leader for the request, best first, with the reasons for each place.

    Excluded leaders are listed last, with why: their own school, the same trust (when the LA
    has that rule), no designation valid for the whole period, or no days left this term.
    Ties are broken by name, then id, so the order never changes between runs. Scores are
    worked out from plain rows (a few queries, whatever the number of leaders); only the first
    `limit` candidates get their full leader record.
    """
    school = request.school
    needed = dict(request.specialisms.values_list("pk", "name"))
    if leaders is None:
        leaders = SystemLeader.objects.filter(active=True)
    rows = list(
        leaders.order_by().values(
            "pk",
            "days_per_term",
            *PHASE_FIELDS,
            "person__first_name",
            "person__last_name",
            "home_school_id",
            "home_school__easting",
            "home_school__northing",
            "home_school__trust_id",
        )
    )
    offered: dict[int, set[int]] = {}
    through = SystemLeader.specialisms.through
    for leader_id, specialism_id in through.objects.filter(
        systemleader__in=leaders, specialism_id__in=needed
    ).values_list("systemleader_id", "specialism_id"):
        offered.setdefault(leader_id, set()).add(specialism_id)
    designations: dict[int, list[tuple]] = {}
    for leader_id, kind, starts_on, ends_on in Designation.objects.filter(
        leader__in=leaders
    ).values_list("leader_id", "kind__name", "starts_on", "ends_on"):
        designations.setdefault(leader_id, []).append((kind, starts_on, ends_on))
    committed = days_committed(leaders, request.needed_from)
    same_trust_rule = settings.BROKERAGE_EXCLUDE_SAME_TRUST
    school_point = (school.easting, school.northing)
    phase_label = request.get_phase_display().lower()
    period = f"({request.needed_from:%d %b %Y} to {request.needed_to:%d %b %Y})"
    results = []
    for row in rows:
        candidate = Candidate(row["pk"], (row["person__last_name"], row["person__first_name"]))
        home_id = row["home_school_id"]
        if home_id is not None and home_id == school.pk:
            candidate.exclusions.append("This is the leader's own school.")
        elif (
            same_trust_rule
            and home_id is not None
            and row["home_school__trust_id"]
            and row["home_school__trust_id"] == school.trust_id
        ):
            candidate.exclusions.append("The leader's school is in the same trust.")
        valid = sorted(
            {
                kind
                for kind, starts_on, ends_on in designations.get(row["pk"], [])
                if starts_on <= request.needed_from
                and (ends_on is None or ends_on >= request.needed_to)
            }
        )
        if not valid:
            candidate.exclusions.append(f"No designation is valid for the whole period {period}.")
        days = row["days_per_term"]
        candidate.days_left = days - committed.get(row["pk"], 0)
        if candidate.days_left <= 0:
            candidate.exclusions.append(f"At capacity: all {days} days this term are agreed.")
        matched = sorted(needed[pk] for pk in offered.get(row["pk"], ()))
        if needed:
            candidate.score += round(WEIGHT_SPECIALISM * len(matched) / len(needed))
            if matched:
                candidate.reasons.append(
                    f"Specialisms: {', '.join(matched)} ({len(matched)} of {len(needed)} needed)."
                )
            else:
                candidate.reasons.append("None of the specialisms needed.")
        if row.get(request.phase):
            candidate.score += WEIGHT_PHASE
            candidate.reasons.append(f"Works in {phase_label}.")
        else:
            candidate.reasons.append(f"Does not list {phase_label}.")
        if candidate.days_left > 0:
            candidate.score += round(
                WEIGHT_CAPACITY * min(candidate.days_left, days) / max(days, 1)
            )
            candidate.reasons.append(f"{candidate.days_left} of {days} days left this term.")
        if home_id is not None:
            candidate.distance_km = distance_km(
                (row["home_school__easting"], row["home_school__northing"]), school_point
            )
        if candidate.distance_km is None:
            candidate.reasons.append("Distance not known.")
        else:
            span = min(max(candidate.distance_km, NEAR_KM), FAR_KM) - NEAR_KM
            candidate.score += round(WEIGHT_DISTANCE * (1 - span / (FAR_KM - NEAR_KM)))
            candidate.reasons.append(f"{candidate.distance_km:g} km away.")
        if valid:
            candidate.reasons.append("Designated " + ", ".join(valid) + " for the whole period.")
        results.append(candidate)
    results.sort(key=lambda c: (c.excluded, -c.score, c.name, c.leader_id))
    if limit is not None:
        results = results[:limit]
    records = SystemLeader.objects.select_related("person", "home_school").in_bulk(
        [c.leader_id for c in results]
    )
    for candidate in results:
        candidate.leader = records[candidate.leader_id]
    return results


# ------------------------------------------------------------------------------ writes


def _check_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise BrokerageError("The end date must be on or after the start date.")


def _check_leader(leader, *, days: int, school_id: int, starts_on: date, ends_on: date) -> None:
    """What every leader on a deployment must meet, the first or a later one."""
    if days < 1:
        raise BrokerageError(f"Days agreed for {leader} must be a whole number of at least 1.")
    if leader.home_school_id and leader.home_school_id == school_id:
        raise BrokerageError(f"{leader} cannot support their own school.")
    if not any(d.covers(starts_on, ends_on) for d in leader.designations.all()):
        raise BrokerageError(
            f"{leader} has no designation valid from {starts_on:%d %b %Y} to "
            f"{ends_on:%d %b %Y}: renew it first."
        )


def fund_balance(stream: FundingStream) -> Decimal:
    spent = stream.allocations.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return stream.amount - spent


@transaction.atomic
def allocate(
    *, stream: FundingStream, deployment: Deployment, amount: Decimal, user
) -> FundingAllocation:
    """Allocate money from a fund; refuse an allocation the fund cannot cover."""
    if amount <= 0:
        raise BrokerageError("The amount must be more than £0.")
    stream = FundingStream.objects.select_for_update().get(pk=stream.pk)
    balance = fund_balance(stream)
    if amount > balance:
        raise BrokerageError(
            f"{stream.name} has £{balance:,.2f} left; £{amount:,.2f} would overspend it by "
            f"£{amount - balance:,.2f}."
        )
    if deployment.ends_on < stream.starts_on or deployment.starts_on > stream.ends_on:
        raise BrokerageError(
            f"{stream.name} runs from {stream.starts_on:%d %b %Y} to {stream.ends_on:%d %b %Y}, "
            "outside the deployment's dates."
        )
    return FundingAllocation.objects.create(
        stream=stream, deployment=deployment, amount=amount, allocated_by=user
    )


@transaction.atomic
def deployment_create(
    *,
    request: SupportRequest | None,
    school,
    leaders_days: list[tuple[SystemLeader, int]],
    starts_on: date,
    ends_on: date,
    objectives: str,
    day_rate: Decimal,
    override_reason: str,
    user,
) -> Deployment:
    """Agree support. A leader the matching excludes, or not the best match, needs a reason."""
    _check_period(starts_on, ends_on)
    if not leaders_days:
        raise BrokerageError("Choose at least one system leader.")
    for leader, days in leaders_days:
        _check_leader(leader, days=days, school_id=school.pk, starts_on=starts_on, ends_on=ends_on)
    if request is not None and not override_reason.strip():
        ranked = [c for c in candidates(request, limit=1) if not c.excluded]
        best = ranked[0].leader_id if ranked else None
        chosen = {leader.pk for leader, _days in leaders_days}
        if best not in chosen:
            raise BrokerageError(
                "You chose a leader other than the best match: give the reason for the choice."
            )
    deployment = Deployment.objects.create(
        request=request,
        school=school,
        starts_on=starts_on,
        ends_on=ends_on,
        objectives=objectives.strip(),
        day_rate=day_rate,
        override_reason=override_reason.strip(),
        created_by=user,
    )
    for leader, days in leaders_days:
        DeploymentLeader.objects.create(deployment=deployment, leader=leader, days_agreed=days)
    if request is not None:
        SupportRequest.objects.filter(pk=request.pk).update(status=SupportRequest.Status.BROKERED)
    return deployment


@transaction.atomic
def leader_add(*, deployment: Deployment, leader: SystemLeader, days: int) -> DeploymentLeader:
    """Add a second (or further) leader to agreed support, by the same rules as the first."""
    if deployment.status != Deployment.Status.ACTIVE:
        raise BrokerageError("This deployment is closed: leaders can no longer be added.")
    _check_leader(
        leader,
        days=days,
        school_id=deployment.school_id,
        starts_on=deployment.starts_on,
        ends_on=deployment.ends_on,
    )
    if deployment.assignments.filter(leader=leader).exists():
        raise BrokerageError(f"{leader} is already on this deployment.")
    return DeploymentLeader.objects.create(deployment=deployment, leader=leader, days_agreed=days)


@transaction.atomic
def visit_log(
    *, assignment: DeploymentLeader, visited_on: date, days_used: int, notes: str, user
) -> DeploymentVisit:
    """Log a leader's visit; days used may never exceed the days agreed."""
    assignment = (
        DeploymentLeader.objects.select_for_update()
        .select_related("deployment")
        .get(pk=assignment.pk)
    )
    deployment = assignment.deployment
    if deployment.status != Deployment.Status.ACTIVE:
        raise BrokerageError("This deployment is closed: visits can no longer be logged.")
    if days_used < 1:
        raise BrokerageError("Days used must be a whole number of at least 1.")
    if not deployment.starts_on <= visited_on <= deployment.ends_on:
        raise BrokerageError(
            f"The visit date must be within the deployment, {deployment.starts_on:%d %b %Y} to "
            f"{deployment.ends_on:%d %b %Y}."
        )
    used = assignment.visits.aggregate(total=Sum("days_used"))["total"] or 0
    if used + days_used > assignment.days_agreed:
        raise BrokerageError(
            f"{days_used} more days would use {used + days_used} of the {assignment.days_agreed} "
            f"days agreed ({assignment.days_agreed - used} left). Ask the LA to agree more days."
        )
    return DeploymentVisit.objects.create(
        assignment=assignment,
        visited_on=visited_on,
        days_used=days_used,
        notes=notes.strip(),
        logged_by=user,
    )


@transaction.atomic
def deployment_update(*, deployment: Deployment, version: int, **changes) -> Deployment:
    """Change a deployment only if nobody else has since: otherwise say so and change nothing."""
    if "starts_on" in changes or "ends_on" in changes:
        _check_period(
            changes.get("starts_on", deployment.starts_on),
            changes.get("ends_on", deployment.ends_on),
        )
    updated = Deployment.objects.filter(pk=deployment.pk, version=version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise BrokerageError(
            "Someone else changed this deployment while you were editing it. Nothing was saved: "
            "reload the page to see their changes, then make yours again."
        )
    deployment.refresh_from_db()
    return deployment
