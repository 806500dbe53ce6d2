"""The schools dashboard: figures and charts, built once for the page and the PDF reports."""

from __future__ import annotations

from django.utils import timezone

from reports import charts

from . import outcomes, selectors

RAG_COLOURS = {"red": "#ca3535", "amber": "#f47738", "green": "#0f7a52", "grey": "#505a5f"}


def build(*, viewer) -> dict:
    """Everything the dashboard shows to this viewer, with confidential parts only if allowed."""
    today = timezone.localdate()
    shares = selectors.register_figures(viewer=viewer)
    trend = selectors.good_or_better_trend(viewer=viewer, today=today)
    context = {
        "shares": shares,
        "trend": trend,
        "rule": outcomes.GOOD_OR_BETTER_RULE,
        "stuck_rule": outcomes.STUCK_RULE,
        "stuck": list(selectors.stuck_schools(viewer=viewer)[:25]),
        "stuck_count": shares["stuck"],
    }
    if shares["by_phase"]:
        chart = charts.Chart(
            title="Schools good or better, by phase (%)",
            category_label="Phase",
            categories=[row["label"] for row in shares["by_phase"]],
            series=[
                charts.Series(
                    "LA maintained",
                    [row["maintained"].schools_percent for row in shares["by_phase"]],
                ),
                charts.Series(
                    "Academies and free schools",
                    [row["academy"].schools_percent for row in shares["by_phase"]],
                ),
            ],
            unit="%",
            y_max=100,
        )
        context["phase_chart"] = {"chart": chart, "svg": charts.bar_chart(chart)}
    if any(point["inspected"] for point in trend):
        chart = charts.Chart(
            title="Schools good or better at the end of each school year (%)",
            category_label="Year",
            categories=[point["label"] for point in trend],
            series=[charts.Series("Schools good or better", [p["percent"] for p in trend])],
            unit="%",
            y_max=100,
        )
        context["trend_chart"] = {"chart": chart, "svg": charts.line_chart(chart)}
    risk = shares["risk"]
    if risk:
        labels = [row["category"].name if row["category"] else "Not assessed" for row in risk]
        chart = charts.Chart(
            title="Open schools by risk category",
            category_label="Risk category",
            categories=labels,
            series=[charts.Series("Schools", [row["count"] for row in risk])],
        )
        colours = [
            RAG_COLOURS.get(row["category"].colour if row["category"] else "grey", "#505a5f")
            for row in risk
        ]
        context["risk_chart"] = {
            "chart": chart,
            "svg": charts.horizontal_bar_chart(chart, colours=colours),
        }
    if viewer.has_perm("schools.view_risk"):
        context["overdue_reviews"] = (
            selectors.risk_reviews(viewer=viewer).filter(risk_review_due__lt=today).count()
        )
    return context
