"""Anonymised themes across a cycle: what the partnership board sees of peer review.

A review counts once the host school has agreed its report (agreed or closed), and only if the
host lets it count (sharing "themes" or "LA"; never "private"). For each framework area we count
the reviewed schools whose review recorded a strength, and those that recorded an area for
development, overall, by phase and by cluster, and the trend across cycles.

Small numbers are suppressed (SUPPRESSION_RULE): a group of fewer than 3 reviewed schools is
not shown at all, and within a group any count of 1 or 2 schools is shown as "fewer than 3".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Q

from reports.charts import Chart, Series

from .models import AreaEvaluation, Cycle, Review

THRESHOLD = 3
CACHE_SECONDS = 24 * 3600
SUPPRESSION_RULE = (
    "To keep every school anonymous, a group with fewer than 3 reviewed schools is not shown, "
    "and any figure about 1 or 2 schools is shown as “fewer than 3”."
)
COUNTING_RULE = (
    "Counted: reviews whose report the host school has agreed, where the host has chosen to "
    "contribute to anonymised themes or to share with the LA. Private reviews are never counted. "
    "A school counts once per area if its review recorded at least one strength (or area for "
    "development) there."
)
FINISHED = (Review.Status.AGREED, Review.Status.CLOSED)
COUNTED_SHARING = (Review.Sharing.THEMES, Review.Sharing.LA)

PHASE_GROUPS = {
    "primary": "Primary",
    "secondary": "Secondary",
    "special": "Special and alternative",
}


def phase_group(phase: str, type_group: str) -> str:
    if type_group == "special" or phase == "not_applicable":
        return "special"
    if phase in {"nursery", "primary", "middle_primary"}:
        return "primary"
    return "secondary"


def counted_reviews(cycle=None):
    reviews = Review.objects.filter(status__in=FINISHED, sharing__in=COUNTED_SHARING)
    return reviews if cycle is None else reviews.filter(cycle=cycle)


@dataclass(frozen=True)
class Figure:
    """A count of schools, or None where suppressed."""

    count: int | None

    @property
    def text(self) -> str:
        return "fewer than 3" if self.count is None else f"{self.count:,}"

    @property
    def suppressed(self) -> bool:
        return self.count is None


def figure(count: int) -> Figure:
    return Figure(None if 0 < count < THRESHOLD else count)


@dataclass
class Group:
    """A set of reviewed schools (a phase, a cluster, the whole cycle) and its area counts."""

    label: str
    schools: int
    # area code -> (strengths, development)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    key: int | None = None  # the cluster's id, for a cluster

    @property
    def suppressed(self) -> bool:
        return self.schools < THRESHOLD

    def strengths(self, code: str) -> Figure:
        return figure(self.counts.get(code, (0, 0))[0])

    def development(self, code: str) -> Figure:
        return figure(self.counts.get(code, (0, 0))[1])


@dataclass
class Themes:
    cycle: Cycle
    areas: list[tuple[str, str]]  # (code, name) in framework order
    overall: Group
    phases: list[Group]
    clusters: list[Group]
    reviews_in_cycle: int

    def rows(self, group: Group) -> list[dict]:
        return [
            {
                "name": name,
                "strengths": group.strengths(code),
                "development": group.development(code),
            }
            for code, name in self.areas
        ]

    @property
    def overall_rows(self) -> list[dict]:
        return self.rows(self.overall)

    def chart(self) -> Chart | None:
        """Schools with each area as a strength and for development (suppressed ones left out)."""
        if self.overall.suppressed:
            return None
        shown = [
            (name, self.overall.strengths(code), self.overall.development(code))
            for code, name in self.areas
        ]
        return Chart(
            title=f"Schools with a strength or an area for development, by area, {self.cycle}",
            categories=[name for name, _s, _d in shown],
            series=[
                Series("Strength", [s.count for _n, s, _d in shown]),
                Series("Area for development", [d.count for _n, _s, d in shown]),
            ],
            unit="",
            category_label="Area",
        )


def _areas(cycle: Cycle) -> list[tuple[str, str]]:
    return list(cycle.framework.areas.order_by("order", "pk").values_list("code", "name"))


PRIMARY_PHASES = ("nursery", "primary", "middle_primary")


def phase_q(code: str, prefix: str = "host_school__") -> Q:
    """The schools of a phase group, as a filter (the same rule as `phase_group`)."""
    special = Q(**{f"{prefix}type_group": "special"}) | Q(**{f"{prefix}phase": "not_applicable"})
    primary = Q(**{f"{prefix}phase__in": PRIMARY_PHASES})
    return {"special": special, "primary": primary & ~special, "secondary": ~special & ~primary}[
        code
    ]


def _version(cycle_ids) -> str:
    """Changes whenever a review of these cycles is added or saved (stage, sharing, findings),
    so cached figures are never stale."""
    found = Review.objects.filter(cycle_id__in=cycle_ids).aggregate(
        n=Count("pk"), top=Max("pk"), latest=Max("updated_at")
    )
    latest = found["latest"].timestamp() if found["latest"] else 0
    return f"{found['n']}-{found['top']}-{latest}"


def _cached(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _counts():
    return {
        "strengths": Count("pk", filter=~Q(strengths="")),
        "development": Count("pk", filter=~Q(areas_for_development="")),
    }


def themes(cycle: Cycle, *, phase: str = "", cluster_id: int | None = None) -> Themes:
    """Grouped queries whose number does not grow with the reviews, cached until a review of
    the cycle changes. Cluster figures are read for the clusters shown (`fill_clusters`)."""
    reviews = counted_reviews(cycle)
    if cluster_id:
        reviews = reviews.filter(cluster_id=cluster_id)
    if phase:
        reviews = reviews.filter(phase_q(phase))
    version = _version([cycle.pk])
    school = ("host_school__phase", "host_school__type_group")

    def compute():
        sizes = list(reviews.values(*school).annotate(n=Count("pk")).values_list(*school, "n"))
        evaluations = list(
            AreaEvaluation.objects.filter(review__in=reviews.values("pk"), not_applicable=False)
            .values("area__code", *(f"review__{name}" for name in school))
            .annotate(**_counts())
            .values_list(
                "area__code", *(f"review__{name}" for name in school), "strengths", "development"
            )
        )
        clusters = list(
            reviews.values("cluster_id", "cluster__name")
            .annotate(n=Count("pk"))
            .order_by("cluster__name")
            .values_list("cluster_id", "cluster__name", "n")
        )
        return sizes, evaluations, clusters, Review.objects.filter(cycle=cycle).count()

    sizes, evaluations, cluster_sizes, total = _cached(
        f"reviews:themes:{cycle.pk}:{phase}:{cluster_id}:{version}", compute
    )
    overall = Group("All reviewed schools", 0)
    phases = {code: Group(label, 0) for code, label in PHASE_GROUPS.items()}
    for school_phase, type_group, n in sizes:
        overall.schools += n
        phases[phase_group(school_phase, type_group)].schools += n
    for code, school_phase, type_group, strengths, development in evaluations:
        for group in (overall, phases[phase_group(school_phase, type_group)]):
            s, d = group.counts.get(code, (0, 0))
            group.counts[code] = (s + strengths, d + development)
    result = Themes(
        cycle=cycle,
        areas=_areas(cycle),
        overall=overall,
        phases=[group for code, group in phases.items() if not phase or code == phase],
        clusters=[Group(name or "No cluster", n, key=pk) for pk, name, n in cluster_sizes],
        reviews_in_cycle=total,
    )
    result.reviews, result.version = reviews, version
    return result


def fill_clusters(result: Themes, groups: list[Group]) -> None:
    """Read the area counts of the given clusters (a page of them) in one query."""
    ids = sorted(group.key for group in groups if group.key is not None and not group.suppressed)
    if not ids:
        return
    rows = _cached(
        f"reviews:themes-clusters:{result.cycle.pk}:{hash((str(result.reviews.query), tuple(ids)))}"
        f":{result.version}",
        lambda: list(
            AreaEvaluation.objects.filter(
                review__in=result.reviews.filter(cluster_id__in=ids).values("pk"),
                not_applicable=False,
            )
            .values("area__code", "review__cluster_id")
            .annotate(**_counts())
            .values_list("area__code", "review__cluster_id", "strengths", "development")
        ),
    )
    by_key = {group.key: group for group in groups}
    for code, key, strengths, development in rows:
        by_key[key].counts[code] = (strengths, development)


def trend(cycles: list[Cycle], areas: list[tuple[str, str]], focus: str) -> tuple[Chart, list]:
    """% of counted schools with an area for development in each area, cycle by cycle (oldest
    first), and a chart of one area (`focus`) with its strengths too. A cycle with fewer than
    3 counted schools, or a figure about 1 or 2 schools, is not shown."""
    cycles = sorted(cycles, key=lambda cycle: cycle.starts_on)
    ids = [cycle.pk for cycle in cycles]
    reviews = counted_reviews().filter(cycle_id__in=ids)

    def compute(cycle_id):
        def run():
            counted = reviews.filter(cycle_id=cycle_id)
            rows = list(
                AreaEvaluation.objects.filter(review__in=counted.values("pk"), not_applicable=False)
                .values("area__code")
                .annotate(**_counts())
                .values_list("area__code", "strengths", "development")
            )
            return counted.count(), rows

        # Each cycle is cached on its own: past cycles rarely change.
        return _cached(f"reviews:trend:{cycle_id}:{_version([cycle_id])}", run)

    sizes, rows = {}, []
    for cycle_id in ids:
        sizes[cycle_id], found = compute(cycle_id)
        rows += [(cycle_id, *row) for row in found]
    counts = defaultdict(lambda: [0, 0])
    for cycle_id, code, strengths, development in rows:
        counts[(cycle_id, code)][0] += strengths
        counts[(cycle_id, code)][1] += development

    def percent(cycle_id, code, which):
        n, count = sizes.get(cycle_id, 0), counts[(cycle_id, code)][which]
        if n < THRESHOLD or 0 < count < THRESHOLD:
            return None
        return round(100 * count / n, 1)

    rows = [
        {
            "cycle": cycle,
            "schools": sizes.get(cycle.pk, 0),
            "suppressed": sizes.get(cycle.pk, 0) < THRESHOLD,
            "values": [percent(cycle.pk, code, 1) for code, _name in areas],
        }
        for cycle in cycles
    ]
    name = dict(areas).get(focus, focus)
    chart = Chart(
        title=f"{name}: % of reviewed schools with a strength or an area for development",
        categories=[cycle.name for cycle in cycles],
        series=[
            Series("Strength", [percent(cycle.pk, focus, 0) for cycle in cycles]),
            Series("Area for development", [percent(cycle.pk, focus, 1) for cycle in cycles]),
        ],
        unit="%",
        y_max=100,
        category_label="Cycle",
    )
    return chart, rows
