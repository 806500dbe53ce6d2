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

from django.db.models import Count, Q

from reports.charts import Chart, Series

from .models import AreaEvaluation, Cycle, Review

THRESHOLD = 3
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


def themes(cycle: Cycle, *, phase: str = "", cluster_id: int | None = None) -> Themes:
    """Three grouped queries, whatever the number of reviews."""
    reviews = counted_reviews(cycle)
    if cluster_id:
        reviews = reviews.filter(cluster_id=cluster_id)
    sizes = reviews.values(
        "host_school__phase", "host_school__type_group", "cluster_id", "cluster__name"
    ).annotate(n=Count("pk"))
    evaluations = (
        AreaEvaluation.objects.filter(review__in=reviews.values("pk"), not_applicable=False)
        .values(
            "area__code",
            "review__host_school__phase",
            "review__host_school__type_group",
            "review__cluster_id",
        )
        .annotate(
            strengths=Count("pk", filter=~Q(strengths="")),
            development=Count("pk", filter=~Q(areas_for_development="")),
        )
    )
    overall = Group("All reviewed schools", 0)
    phases = {code: Group(label, 0) for code, label in PHASE_GROUPS.items()}
    clusters: dict[int | None, Group] = {}

    def add(group: Group, code: str, strengths: int, development: int):
        s, d = group.counts.get(code, (0, 0))
        group.counts[code] = (s + strengths, d + development)

    for row in sizes:
        group_code = phase_group(row["host_school__phase"], row["host_school__type_group"])
        if phase and group_code != phase:
            continue
        overall.schools += row["n"]
        phases[group_code].schools += row["n"]
        cluster = clusters.setdefault(
            row["cluster_id"], Group(row["cluster__name"] or "No cluster", 0)
        )
        cluster.schools += row["n"]
    for row in evaluations:
        group_code = phase_group(
            row["review__host_school__phase"], row["review__host_school__type_group"]
        )
        if phase and group_code != phase:
            continue
        values = (row["area__code"], row["strengths"], row["development"])
        add(overall, *values)
        add(phases[group_code], *values)
        add(clusters[row["review__cluster_id"]], *values)
    return Themes(
        cycle=cycle,
        areas=_areas(cycle),
        overall=overall,
        phases=[group for code, group in phases.items() if not phase or code == phase],
        clusters=sorted(clusters.values(), key=lambda group: group.label),
        reviews_in_cycle=Review.objects.filter(cycle=cycle).count(),
    )


def trend(cycles: list[Cycle], areas: list[tuple[str, str]], focus: str) -> tuple[Chart, list]:
    """% of counted schools with an area for development in each area, cycle by cycle (oldest
    first), and a chart of one area (`focus`) with its strengths too. A cycle with fewer than
    3 counted schools, or a figure about 1 or 2 schools, is not shown."""
    cycles = sorted(cycles, key=lambda cycle: cycle.starts_on)
    reviews = counted_reviews().filter(cycle_id__in=[cycle.pk for cycle in cycles])
    sizes = dict(reviews.values("cycle_id").annotate(n=Count("pk")).values_list("cycle_id", "n"))
    counts = defaultdict(lambda: [0, 0])
    for cycle_id, code, strengths, development in (
        AreaEvaluation.objects.filter(review__in=reviews.values("pk"), not_applicable=False)
        .values("review__cycle_id", "area__code")
        .annotate(
            strengths=Count("pk", filter=~Q(strengths="")),
            development=Count("pk", filter=~Q(areas_for_development="")),
        )
        .values_list("review__cycle_id", "area__code", "strengths", "development")
    ):
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
