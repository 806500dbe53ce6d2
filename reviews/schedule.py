"""A proposed schedule for a cycle: who reviews whom, and when.

Within each cluster every school hosts one review; each review gets the cycle's number of
reviewing schools from the same cluster; no school reviews itself; pairs an officer marked as
conflicted never meet; and reviewing is spread fairly (no school reviews more often than it must:
with n schools and k reviewers each, every school reviews k times when the conflicts allow it).
Schools that already have a review this cycle keep it, and count towards the spread.
Dates are spread evenly through the cycle, cluster by cluster, on weekdays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from .models import Cycle, Review
from .services import conflicted_pairs, review_create


@dataclass
class Proposal:
    cluster: object
    host: object
    reviewers: list
    starts_on: date
    problem: str = ""


@dataclass
class Plan:
    proposals: list[Proposal] = field(default_factory=list)
    # Schools that already have a review in the cycle (left as they are).
    kept: int = 0
    problems: list[str] = field(default_factory=list)


def assign(
    hosts: list[int],
    schools: list[int],
    k: int,
    conflicts: set[frozenset[int]],
    load: dict[int, int] | None = None,
) -> dict[int, list[int]]:
    """Reviewers for each host: a fair assignment found by depth-first search.

    `load` is how many reviews each school already gives this cycle. The cap on reviews given
    starts at the fair share and rises only if no assignment fits under it; a host with fewer
    than k eligible schools gets all it can.
    """
    load = dict(load or {})
    eligible = {
        host: [s for s in schools if s != host and frozenset((s, host)) not in conflicts]
        for host in hosts
    }
    want = {host: min(k, len(eligible[host])) for host in hosts}
    total = sum(want.values()) + sum(load.get(s, 0) for s in schools)
    cap = max(1, math.ceil(total / max(len(schools), 1)))
    # Hosts with fewest choices first: the search fails fast where it must.
    order = sorted(hosts, key=lambda host: (len(eligible[host]), hosts.index(host)))
    position = {school: index for index, school in enumerate(schools)}

    def search(index: int, counts: dict[int, int], chosen: dict[int, list[int]]):
        if index == len(order):
            return dict(chosen)
        host = order[index]
        n = len(schools)

        def preference(school):
            reciprocal = host in chosen.get(school, [])
            # The next schools round the circle first, so a clean rotation is the first tried.
            return (counts.get(school, 0), reciprocal, (position[school] - position[host]) % n)

        candidates = sorted((s for s in eligible[host] if counts.get(s, 0) < cap), key=preference)
        for combo in _combinations(candidates, want[host]):
            for school in combo:
                counts[school] = counts.get(school, 0) + 1
            chosen[host] = list(combo)
            found = search(index + 1, counts, chosen)
            if found is not None:
                return found
            for school in combo:
                counts[school] -= 1
            del chosen[host]
        return None

    while True:
        found = search(0, dict(load), {})
        if found is not None:
            return found
        cap += 1


def _combinations(items: list, r: int):
    """Like itertools.combinations, in the order of `items` (best first)."""
    if r == 0:
        yield ()
        return
    for index, item in enumerate(items):
        for rest in _combinations(items[index + 1 :], r - 1):
            yield (item, *rest)


def _weekday(day: date) -> date:
    """The day, or the next weekday outside the Christmas holiday."""
    if (day.month == 12 and day.day >= 19) or (day.month == 1 and day.day <= 5):
        day = date(day.year + (day.month == 12), 1, 6)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _dates(cycle: Cycle, count: int, offset: int) -> list[date]:
    """`count` dates spread through the cycle, leaving the last six weeks for workshops."""
    first = cycle.starts_on + timedelta(days=14)
    last = max(cycle.ends_on - timedelta(days=42), first)
    span = (last - first).days
    step = span / max(count, 1)
    # Clusters start a few days apart, so their reviews do not all fall on the same days.
    shift = offset % max(int(step), 1)
    days = [_weekday(first + timedelta(days=int(step * index) + shift)) for index in range(count)]
    return [min(day, cycle.ends_on) for day in days]


def propose(cycle: Cycle) -> Plan:
    plan = Plan()
    conflicts = conflicted_pairs(cycle)
    existing = {
        review.host_school_id: review
        for review in Review.objects.filter(cycle=cycle).prefetch_related("reviewing_schools")
    }
    for offset, cluster in enumerate(
        cycle.clusters.prefetch_related("members__school").order_by("name")
    ):
        schools = [member.school for member in cluster.members.all()]
        by_id = {school.pk: school for school in schools}
        ids = [school.pk for school in schools]
        load = {}
        for review in existing.values():
            for school in review.reviewing_schools.all():
                if school.pk in by_id:
                    load[school.pk] = load.get(school.pk, 0) + 1
        hosts = [pk for pk in ids if pk not in existing]
        plan.kept += len(ids) - len(hosts)
        if not hosts:
            continue
        chosen = assign(hosts, ids, cycle.reviewers_per_review, conflicts, load)
        days = _dates(cycle, len(hosts), offset * 3)
        for host_id, day in zip(hosts, days, strict=True):
            reviewers = [by_id[pk] for pk in chosen[host_id]]
            proposal = Proposal(cluster, by_id[host_id], reviewers, day)
            if len(reviewers) < cycle.reviewers_per_review:
                proposal.problem = (
                    f"Only {len(reviewers)} school(s) in the cluster may review "
                    f"{by_id[host_id].name}: the others are marked as conflicted."
                )
                plan.problems.append(proposal.problem)
            plan.proposals.append(proposal)
    return plan


@transaction.atomic
def apply(cycle: Cycle) -> int:
    """Create the proposed reviews (planned). Run twice, the second run creates nothing."""
    created = 0
    for proposal in propose(cycle).proposals:
        review_create(
            cycle=cycle,
            host=proposal.host,
            starts_on=proposal.starts_on,
            ends_on=proposal.starts_on,
            reviewing_schools=proposal.reviewers,
            cluster=proposal.cluster,
        )
        created += 1
    return created
