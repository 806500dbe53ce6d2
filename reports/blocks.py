"""The data sections a committee report can include, in the report's running order.

Each builder reads the whole local authority for a `Period` and returns a `DataSection` of plain
sentences, charts and tables (reports/sections.py). The figures come from the same rules and
selectors the pages use (schools.outcomes, schools.selectors, partnership.impact, reviews.themes),
so a report never counts differently from the service. Every builder runs a fixed number of
queries, whatever the size of the register: counts are grouped in the database.

Confidentiality (DESIGN.md §4): a body section is read by the board, so it holds aggregate
figures only. Schools in a category of concern are named only in the appendix, and never with
the rationale for their category or any LA note. Peer-review themes come only from
reviews.themes, with its suppression of small numbers. No notes, findings, free-text answers or
visit logs are read at all.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import rules
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models import F as Field
from django.utils import timezone

from partnership import brokerage, events, impact
from partnership import selectors as partnership_selectors
from partnership import surveys as survey_rules
from partnership.models import (
    SELF_EVALUATION_CRITERIA,
    Booking,
    Deployment,
    DeploymentLeader,
    DeploymentVisit,
    Designation,
    Event,
    FundingAllocation,
    Milestone,
    Person,
    Question,
    Role,
    SelfEvaluation,
    SelfEvaluationEntry,
    SupportRequest,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    SurveyTheme,
    SystemLeader,
)
from partnership.terms import long_date, term_of
from reviews import themes
from reviews.models import Cycle
from reviews.selectors import is_head
from schools import outcomes
from schools import selectors as school_selectors
from schools.models import Governance, Outcome, RiskAssessment, School, Status

from .charts import Chart, Series, format_value
from .sections import DataSection, Period, Table, block
from .wording import and_list

GOVERNANCE_NOUNS = {
    Governance.MAINTAINED: "LA maintained schools",
    Governance.ACADEMY: "academies and free schools",
}
# What happened to a support request, for "Of these, 3 have been brokered and 1 has been withdrawn".
REQUEST_STATES = {
    SupportRequest.Status.OPEN: ("is waiting to be brokered", "are waiting to be brokered"),
    SupportRequest.Status.BROKERED: ("has been brokered", "have been brokered"),
    SupportRequest.Status.CLOSED: ("has been closed", "have been closed"),
    SupportRequest.Status.WITHDRAWN: ("has been withdrawn", "have been withdrawn"),
}
# Risk categories whose schools are "causing concern": named in the appendix, counted in the body.
CONCERN_COLOURS = ("red", "amber")
# Designations that lapse within this many days of the period's end are "lapsing soon".
LAPSING_DAYS = 90
# How many peer-review cycles the trend goes back (the themes page shows the same).
TREND_CYCLES = 6


class _Board:
    """Who a committee report is for: the partnership board, which sees the register and risk
    categories as counts only (DESIGN.md §4). The selectors are asked as a board member asks
    them, so a report can never hold more than a board member may see."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    pk = None
    person_id = None
    school_ids = frozenset()
    role_codes = frozenset({Role.BOARD_MEMBER})

    def has_role(self, role: str) -> bool:
        return role in self.role_codes

    def has_perm(self, perm: str, obj=None) -> bool:
        return rules.has_perm(perm, self, obj)


BOARD = _Board()


# ------------------------------------------------------------------------------ wording


def _n(value) -> str:
    """1,204: a count as the site writes it."""
    return format_value(value)


def _percent(part: int, whole: int) -> str:
    """62.5%: one decimal place at most, as the site writes it."""
    return format_value(outcomes.percentage(part, whole), "%")


def _count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 school', '2 schools'."""
    return f"{_n(number)} {singular if number == 1 else plural or singular + 's'}"


def _money(amount) -> str:
    """£12,500 (whole pounds), or £1,234.50."""
    amount = Decimal(amount or 0)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def _span(period: Period) -> str:
    return f"{long_date(period.starts_on)} to {long_date(period.ends_on)}"


def _today() -> date:
    return timezone.localdate()


def _in(period: Period, field: str) -> Q:
    """`field` (a date, or a date-time's local date) falls in the period."""
    return Q(**{f"{field}__gte": period.starts_on, f"{field}__lte": period.ends_on})


def _not_yet(period: Period, now: str, then: str) -> str:
    """`now` ("has not yet been") for a period that runs to today, else `then` ("had not
    been") and "by 31 March 2026"."""
    if period.ends_on >= _today():
        return now
    return f"{then} by {long_date(period.ends_on)}"


def _as_held(period: Period) -> str:
    """How standing figures are dated: today's, whatever the period."""
    today = _today()
    if period.ends_on >= today:
        return f"as held on {long_date(today)}"
    return f"as held on {long_date(today)} (the service keeps current figures, not past ones)"


# ------------------------------------------------------------------------ 1. Ofsted profile


@block(
    "ofsted_profile",
    "Ofsted profile",
    "Open schools good or better, by phase and by maintained or academy, and their outcomes.",
)
def ofsted_profile(period: Period) -> DataSection:
    section = DataSection("ofsted_profile", "Ofsted profile")
    shares = school_selectors.register_figures(viewer=BOARD)
    if not shares["open"]:
        section.empty = "The register holds no open schools, so there is no Ofsted profile."
        return section
    total = shares["all"]
    if not total.schools:
        section.empty = (
            f"None of the {_count(shares['open'], 'open school')} has had a graded inspection "
            "or report card yet, so there is no Ofsted profile to report."
        )
        return section
    open_schools = School.objects.exclude(status=Status.CLOSED)
    outcome_rows = list(
        open_schools.values("outcome", "good_or_better").annotate(n=Count("pk")).order_by()
    )
    since = open_schools.filter(last_inspected__gt=period.ends_on).count()

    section.paragraphs.append(
        f"Of the {_count(total.schools, 'open school')} with a graded inspection or report card, "
        f"{_n(total.good_schools)} ({_percent(total.good_schools, total.schools)}) are good or "
        f"better at their most recent one, {_as_held(period)}."
    )
    if total.pupils:
        section.paragraphs.append(
            f"{_percent(total.good_pupils, total.pupils)} of the pupils in these schools "
            f"({_n(total.good_pupils)} of {_n(total.pupils)}) attend a good or better school."
        )
    governance = [
        f"{_n(share.good_schools)} of {_n(share.schools)} {GOVERNANCE_NOUNS[code]} "
        f"({_percent(share.good_schools, share.schools)})"
        for code, share in zip(Governance.values, shares["by_governance"], strict=True)
        if share.schools
    ]
    if len(governance) > 1:
        section.paragraphs.append(f"Good or better: {and_list(governance)}.")
    phases = []
    for row in shares["by_phase"]:
        good = row["maintained"].good_schools + row["academy"].good_schools
        inspected = row["maintained"].schools + row["academy"].schools
        phases.append(
            f"{row['label'].lower()}, {_n(good)} of {_n(inspected)} ({_percent(good, inspected)})"
        )
    section.paragraphs.append(f"By phase, the schools good or better were: {'; '.join(phases)}.")
    if shares["stuck"]:
        section.paragraphs.append(
            f"{_count(shares['stuck'], 'open school is', 'open schools are')} stuck: below good "
            "at their latest graded inspection or report card and at the one before it."
        )
    else:
        section.paragraphs.append("No open school is stuck.")
    if shares["not_inspected"]:
        section.paragraphs.append(
            f"{_count(shares['not_inspected'], 'open school has', 'open schools have')} not yet "
            "had a graded inspection or report card, and "
            f"{'is' if shares['not_inspected'] == 1 else 'are'} left out of the percentages."
        )
    if since:
        section.paragraphs.append(
            f"{_count(since, 'school was', 'schools were')} inspected after "
            f"{long_date(period.ends_on)}; the figures include those inspections."
        )

    section.charts.append(
        Chart(
            title="Open schools good or better, by phase (%)",
            category_label="Phase",
            categories=[row["label"] for row in shares["by_phase"]],
            series=[
                Series(
                    "All schools",
                    [
                        outcomes.percentage(
                            row["maintained"].good_schools + row["academy"].good_schools,
                            row["maintained"].schools + row["academy"].schools,
                        )
                        for row in shares["by_phase"]
                    ],
                ),
                Series(
                    "LA maintained",
                    [row["maintained"].schools_percent for row in shares["by_phase"]],
                ),
                Series(
                    "Academies and free schools",
                    [row["academy"].schools_percent for row in shares["by_phase"]],
                ),
            ],
            unit="%",
            y_max=100,
        )
    )
    by_outcome: dict[str, list[int]] = {code: [0, 0] for code in Outcome.values}
    for row in outcome_rows:
        by_outcome[row["outcome"]][0] += row["n"]
        by_outcome[row["outcome"]][1] += row["n"] if row["good_or_better"] else 0
    section.tables.append(
        Table(
            caption="Open schools by current Ofsted outcome",
            headers=["Current outcome", "Open schools", "% of open schools", "Good or better"],
            rows=[
                [
                    label,
                    _n(by_outcome[code][0]),
                    _percent(by_outcome[code][0], shares["open"]),
                    "–" if code == Outcome.NONE else _n(by_outcome[code][1]),
                ]
                for code, label in Outcome.choices
                if by_outcome[code][0]
            ]
            + [["All open schools", _n(shares["open"]), "100%", _n(total.good_schools)]],
        )
    )
    section.basis = (
        f"{outcomes.GOOD_OR_BETTER_RULE} {outcomes.STUCK_RULE} Open schools only, counted from "
        f"the register {_as_held(period)}. Percentages are of the schools inspected."
    )
    return section


# --------------------------------------------------------------- 2. Schools causing concern


def _concern_appendix(period: Period) -> list[dict]:
    """Open schools in a category of concern, most serious first: one query. Only the fields
    named here are read; the rationale and any notes are never selected."""
    assessments = RiskAssessment.objects.filter(school=OuterRef("pk"))
    # The current run of the school's category: no later assessment put it elsewhere.
    run = RiskAssessment.objects.filter(
        school=OuterRef("pk"), category_id=OuterRef("risk_category_id")
    ).exclude(
        Exists(
            RiskAssessment.objects.filter(
                school=OuterRef("school"), assessed_on__gt=OuterRef("assessed_on")
            ).exclude(category_id=OuterRef("category_id"))
        )
    )
    support = Deployment.objects.filter(
        school=OuterRef("pk"), status=Deployment.Status.ACTIVE, ends_on__gte=period.ends_on
    )
    return list(
        School.objects.exclude(status=Status.CLOSED)
        .filter(risk_category__colour__in=CONCERN_COLOURS)
        .annotate(
            last_reviewed=Subquery(
                assessments.order_by("-assessed_on", "-pk").values("assessed_on")[:1]
            ),
            since=Subquery(run.order_by("assessed_on", "pk").values("assessed_on")[:1]),
            support_from=Subquery(support.order_by("starts_on").values("starts_on")[:1]),
            support_to=Subquery(support.order_by("-ends_on").values("ends_on")[:1]),
            requested=Exists(
                SupportRequest.objects.filter(
                    school=OuterRef("pk"), status=SupportRequest.Status.OPEN
                )
            ),
        )
        .order_by("-risk_category__order", "name", "urn")
        .values(
            "name",
            "urn",
            "phase",
            "type_group",
            "establishment_type",
            "governance",
            "outcome",
            "good_or_better",
            "last_inspected",
            "risk_category__name",
            "risk_review_due",
            "last_reviewed",
            "since",
            "support_from",
            "support_to",
            "requested",
        )
    )


def _outcome_text(row: dict) -> str:
    """'Good, 22 March 2017'; outcomes with no single grade say how they count."""
    text = Outcome(row["outcome"]).label
    if row["outcome"] in (Outcome.GRADED_NO_OVERALL, Outcome.REPORT_CARD):
        text += ": good or better" if row["good_or_better"] else ": below good"
    if row["last_inspected"]:
        text += f", {long_date(row['last_inspected'])}"
    return text


def _support_text(row: dict, period: Period) -> str:
    if row["support_to"] is not None:
        if row["support_from"] is not None and row["support_from"] > period.ends_on:
            return f"Agreed, from {long_date(row['support_from'])}"
        return f"Yes, until {long_date(row['support_to'])}"
    if row["requested"]:
        return "Requested, not yet brokered"
    return "No"


@block(
    "schools_causing_concern",
    "Schools causing concern",
    "Open schools by LA risk category; the schools of concern listed in an appendix.",
    exempt_by_default=True,
)
def schools_causing_concern(period: Period) -> DataSection:
    section = DataSection("schools_causing_concern", "Schools causing concern")
    figures = school_selectors.register_figures(viewer=BOARD)
    risk = figures["risk"]
    assessed = sum(row["count"] for row in risk if row["category"] is not None)
    if not figures["open"] or not assessed:
        section.empty = (
            "No open school has an LA risk category yet, so there are no schools causing "
            "concern to report."
        )
        return section
    rows = _concern_appendix(period)
    concern = [
        row
        for row in risk
        if row["category"] is not None and row["category"].colour in CONCERN_COLOURS
    ]
    in_concern = sum(row["count"] for row in concern)
    not_assessed = next((row["count"] for row in risk if row["category"] is None), 0)

    section.paragraphs.append(
        f"Of the {_count(figures['open'], 'open school')}, {_n(assessed)} "
        f"{'has' if assessed == 1 else 'have'} an LA risk category, {_as_held(period)}."
    )
    if in_concern:
        parts = [f"{_n(row['count'])} in {row['category'].name}" for row in concern if row["count"]]
        section.paragraphs.append(
            f"{_count(in_concern, 'school is', 'schools are')} in a category of concern: "
            f"{and_list(parts)}."
        )
        supported = sum(1 for row in rows if row["support_to"] is not None)
        requested = sum(1 for row in rows if row["support_to"] is None and row["requested"])
        sentence = (
            f"{_n(supported)} of these {_count(len(rows), 'school')} "
            f"{'has' if supported == 1 else 'have'} brokered support agreed"
        )
        if requested:
            sentence += f", and {_n(requested)} more {'has' if requested == 1 else 'have'} "
            sentence += "asked for support that is not yet brokered"
        section.paragraphs.append(sentence + ".")
    else:
        section.paragraphs.append("No open school is in a category of concern.")
    overdue = sum(
        1 for row in rows if row["risk_review_due"] and row["risk_review_due"] < period.ends_on
    )
    if overdue:
        section.paragraphs.append(
            f"The termly review of {_count(overdue, 'school')} in a category of concern was "
            f"overdue on {long_date(period.ends_on)}."
        )
    if not_assessed:
        section.paragraphs.append(
            f"{_count(not_assessed, 'open school has', 'open schools have')} no risk category yet."
        )
    categories = [row for row in risk if row["count"] or row["category"] is not None]
    section.charts.append(
        Chart(
            title="Open schools by risk category",
            category_label="Risk category",
            categories=[
                row["category"].name if row["category"] else "Not assessed" for row in categories
            ],
            series=[Series("Schools", [row["count"] for row in categories])],
        )
    )
    section.basis = (
        "Open schools, by the LA's current risk category for each (its latest risk assessment), "
        f"{_as_held(period)}. Schools causing concern are those in a red or amber category. "
        "Support is brokered support: an active deployment of system leaders."
    )
    if rows:
        section.appendix = DataSection(
            "schools_causing_concern_appendix",
            "Schools causing concern",
            paragraphs=[
                f"The {_count(len(rows), 'open school')} in a category of concern, "
                f"{_as_held(period)}, most serious category first."
            ],
            tables=[
                Table(
                    caption="Schools in a category of concern",
                    headers=[
                        "School",
                        "URN",
                        "Phase",
                        "Risk category",
                        "In this category since",
                        "Last reviewed",
                        "Current Ofsted outcome",
                        "Support in place",
                    ],
                    rows=[
                        [
                            row["name"],
                            str(row["urn"]),
                            school_selectors.phase_group(
                                row["phase"], row["type_group"], row["establishment_type"]
                            ),
                            row["risk_category__name"],
                            long_date(row["since"]) if row["since"] else "–",
                            long_date(row["last_reviewed"]) if row["last_reviewed"] else "–",
                            _outcome_text(row),
                            _support_text(row, period),
                        ]
                        for row in rows
                    ],
                    numeric_from=8,
                )
            ],
            basis=section.basis,
        )
    return section


# ----------------------------------------------------------- 3. System leadership capacity


@block(
    "system_leadership",
    "System leadership capacity",
    "System leaders by designation: current, new and lapsing; days available and agreed.",
)
def system_leadership(period: Period) -> DataSection:
    section = DataSection("system_leadership", "System leadership capacity")
    start, end = period.starts_on, period.ends_on
    lapse_by = end + timedelta(days=LAPSING_DAYS)
    current = Q(leader__active=True, starts_on__lte=end) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=end)
    )
    rows = list(
        Designation.objects.values("kind_id", "kind__name", "kind__order")
        .annotate(
            current=Count("leader", distinct=True, filter=current),
            new=Count("pk", filter=_in(period, "starts_on")),
            lapsing=Count("pk", filter=current & Q(ends_on__gt=end, ends_on__lte=lapse_by)),
            lapsed=Count("pk", filter=Q(ends_on__gte=start, ends_on__lt=end)),
        )
        .order_by("kind__order", "kind__name")
    )
    new = sum(row["new"] for row in rows)
    lapsing = sum(row["lapsing"] for row in rows)
    lapsed = sum(row["lapsed"] for row in rows)
    if not any(row["current"] for row in rows) and not (new or lapsed):
        section.empty = (
            f"No system leader held a current designation on {long_date(end)}, so there is no "
            "capacity to report."
        )
        return section
    designated = SystemLeader.objects.filter(
        active=True, pk__in=Designation.objects.filter(current).values("leader_id")
    )
    leaders = designated.aggregate(n=Count("pk"), days=Sum("days_per_term"))
    committed = sum(brokerage.days_committed(designated, end).values())
    used = DeploymentVisit.objects.filter(_in(period, "visited_on")).aggregate(
        days=Sum("days_used"), leaders=Count("assignment__leader", distinct=True)
    )
    term = term_of(end)
    if not leaders["n"]:
        section.paragraphs.append(
            f"No system leader held a current designation on {long_date(end)}."
        )
    else:
        section.paragraphs.append(
            f"On {long_date(end)}, {_count(leaders['n'], 'system leader')} "
            f"{'holds' if leaders['n'] == 1 else 'hold'} a current designation."
        )
        days = leaders["days"] or 0
        section.paragraphs.append(
            f"Together they offer {_count(days, 'day')} a term to other schools; "
            f"{_n(committed)} ({_percent(committed, days)}) are agreed in active deployments in "
            f"the {term.name.lower()} term {term.academic_year}, leaving "
            f"{_n(max(days - committed, 0))}."
        )
    if used["days"]:
        section.paragraphs.append(
            f"From {_span(period)}, {_count(used['leaders'], 'system leader')} logged "
            f"{_count(used['days'], 'day')} of support in schools."
        )
    changes = []
    if new:
        changes.append(f"{_count(new, 'designation')} began")
    if lapsed:
        changes.append(f"{_count(lapsed, 'designation')} lapsed")
    if changes:
        section.paragraphs.append(f"In the period, {and_list(changes)}.")
    else:
        section.paragraphs.append("No designation began or lapsed in the period.")
    if lapsing:
        section.paragraphs.append(
            f"{_count(lapsing, 'current designation')} will lapse by {long_date(lapse_by)} "
            "unless renewed."
        )
    shown = [row for row in rows if row["current"] or row["new"] or row["lapsing"] or row["lapsed"]]
    if shown:
        section.charts.append(
            Chart(
                title=f"System leaders by current designation, {long_date(end)}",
                category_label="Designation",
                categories=[row["kind__name"] for row in shown],
                series=[Series("System leaders", [row["current"] for row in shown])],
            )
        )
        section.tables.append(
            Table(
                caption="Designations",
                headers=[
                    "Designation",
                    "Current",
                    "New in the period",
                    "Lapsed in the period",
                    f"Lapsing within {LAPSING_DAYS} days",
                ],
                rows=[
                    [
                        row["kind__name"],
                        _n(row["current"]),
                        _n(row["new"]),
                        _n(row["lapsed"]),
                        _n(row["lapsing"]),
                    ]
                    for row in shown
                ],
            )
        )
    section.basis = (
        "Active system leaders with a designation valid on the last day of the period; a leader "
        "with two designations is counted under each. Days available are the days a term each "
        "leader can give; days agreed are those in active deployments during that term; days "
        "used are those logged on visits in the period."
    )
    return section


# ----------------------------------------------------------- 4. Brokerage, funding, impact


@block(
    "brokerage",
    "Brokerage, funding and impact",
    "Support requests and deployments in the period, days, funding, impact ratings and outcomes.",
)
def brokerage_block(period: Period) -> DataSection:
    section = DataSection("brokerage", "Brokerage, funding and impact")
    start, end = period.starts_on, period.ends_on
    raised = _in(period, "created_at__date")
    requests = SupportRequest.objects.aggregate(
        raised=Count("pk", filter=raised),
        schools=Count("school", distinct=True, filter=raised),
        open_now=Count("pk", filter=Q(status=SupportRequest.Status.OPEN)),
        **{
            f"status_{code}": Count("pk", filter=raised & Q(status=code))
            for code in SupportRequest.Status.values
        },
    )
    running = Q(starts_on__lte=end, ends_on__gte=start)
    deployments = Deployment.objects.aggregate(
        started=Count("pk", filter=_in(period, "starts_on")),
        running=Count("pk", filter=running),
        schools=Count("school", distinct=True, filter=running),
        closed=Count("pk", filter=_in(period, "closed_on")),
    )
    agreed = (
        DeploymentLeader.objects.filter(
            deployment__starts_on__lte=end, deployment__ends_on__gte=start
        ).aggregate(days=Sum("days_agreed"))["days"]
        or 0
    )
    visits = DeploymentVisit.objects.filter(_in(period, "visited_on")).aggregate(
        days=Sum("days_used"),
        value=Sum(Field("days_used") * Field("assignment__deployment__day_rate")),
    )
    allocated = FundingAllocation.objects.filter(_in(period, "created_at__date")).aggregate(
        total=Sum("amount"), deployments=Count("deployment", distinct=True)
    )
    streams = list(
        partnership_selectors.funding_streams()
        .filter(starts_on__lte=end, ends_on__gte=start)
        .values("amount", "allocated", "balance")
    )
    judged = _in(period, "judged_on") & ~Q(rag="")
    ratings = Milestone.objects.aggregate(
        **{code: Count("pk", filter=judged & Q(rag=code)) for code in Milestone.Rag.values},
        due=Count("pk", filter=_in(period, "due_on") & Q(rag="")),
    )
    if not (requests["raised"] or deployments["running"] or allocated["total"]):
        section.empty = (
            f"No support was requested, brokered or funded from {_span(period)}, so there is "
            "no brokerage to report."
        )
        return section

    if requests["raised"]:
        statuses = [
            f"{_n(requests[f'status_{code}'])} "
            f"{REQUEST_STATES[code][requests[f'status_{code}'] != 1]}"
            for code in SupportRequest.Status.values
            if requests[f"status_{code}"]
        ]
        section.paragraphs.append(
            f"From {_span(period)}, {_count(requests['raised'], 'support request')} "
            f"{'was' if requests['raised'] == 1 else 'were'} raised for "
            f"{_count(requests['schools'], 'school')}. Of these, {and_list(statuses)}."
        )
    else:
        section.paragraphs.append(f"No support request was raised from {_span(period)}.")
    older = requests["open_now"] - requests[f"status_{SupportRequest.Status.OPEN}"]
    if older > 0:
        section.paragraphs.append(
            f"A further {_count(older, 'request')} raised before the period "
            f"{'is' if older == 1 else 'are'} still waiting to be brokered."
        )
    if deployments["running"]:
        section.paragraphs.append(
            f"{_count(deployments['running'], 'deployment')} of system leaders supported "
            f"{_count(deployments['schools'], 'school')} during the period "
            f"({_n(deployments['started'])} started and {_n(deployments['closed'])} closed in "
            f"it), with {_count(agreed, 'day')} of support agreed."
        )
    if visits["days"]:
        section.paragraphs.append(
            f"System leaders logged {_count(visits['days'], 'day')} of support in the period, "
            f"worth {_money(visits['value'])} at the agreed day rates."
        )
    if allocated["total"]:
        section.paragraphs.append(
            f"{_money(allocated['total'])} was allocated from funding streams to "
            f"{_count(allocated['deployments'], 'deployment')} in the period."
        )
    if streams:
        amount = sum(row["amount"] for row in streams)
        spent = sum(row["allocated"] for row in streams)
        section.paragraphs.append(
            f"The {_count(len(streams), 'funding stream')} running in the period "
            f"{'holds' if len(streams) == 1 else 'hold'} {_money(amount)}, of which "
            f"{_money(spent)} ({_percent(spent, amount)}) is allocated and "
            f"{_money(amount - spent)} is left."
        )
    rated = sum(ratings[code] for code in Milestone.Rag.values)
    if rated:
        parts = [
            f"{_n(ratings[code])} {label.lower().replace(': ', ' (', 1)})"
            for code, label in Milestone.Rag.choices
            if ratings[code]
        ]
        section.paragraphs.append(
            f"{_count(rated, 'milestone was', 'milestones were')} rated for impact in the "
            f"period: {and_list(parts)}."
        )
    if ratings["due"]:
        section.paragraphs.append(
            f"{_count(ratings['due'], 'milestone')} due in the period "
            f"{'has' if ratings['due'] == 1 else 'have'} not yet been rated."
        )
    if requests["raised"]:
        section.tables.append(
            Table(
                caption="Support requests raised in the period, by status now",
                headers=["Status", "Requests"],
                rows=[
                    [label, _n(requests[f"status_{code}"])]
                    for code, label in SupportRequest.Status.choices
                ]
                + [["All requests", _n(requests["raised"])]],
            )
        )
    if rated:
        section.charts.append(
            Chart(
                title="Milestones rated for impact in the period",
                category_label="Impact rating",
                categories=[label for _code, label in Milestone.Rag.choices],
                series=[Series("Milestones", [ratings[code] for code in Milestone.Rag.values])],
            )
        )

    effect = impact.summary(include_risk=True)
    for row in effect["rows"]:
        supported, comparison = row["supported"], row["comparison"]
        start = "good or better" if row["start"] == impact.START_LABELS[True] else "below good"
        if supported.schools == 1:
            sentence = (
                f"The one supported school that was {start} when its support started "
                f"{'is' if supported.good_now else 'is not'} good or better today"
            )
        else:
            sentence = (
                f"Of the {_n(supported.schools)} supported schools that were {start} when their "
                f"support started, {_n(supported.good_now)} "
                f"({_percent(supported.good_now, supported.schools)}) "
                f"{'is' if supported.good_now == 1 else 'are'} good or better today"
            )
        if comparison.schools:
            sentence += (
                f"; of schools with no support that started from the same point, "
                f"{_percent(comparison.good_now, comparison.schools)} are"
            )
        section.paragraphs.append(sentence + ".")
    if effect["rows"]:
        section.tables.append(
            Table(
                caption="Good or better today, by starting point",
                headers=[
                    "Starting point",
                    "Supported schools",
                    "Good or better today",
                    "Inspected since",
                    "Schools with no support: good or better today",
                ],
                rows=[
                    [
                        row["start"],
                        _n(row["supported"].schools),
                        f"{_n(row['supported'].good_now)} "
                        f"({format_value(row['supported'].good_now_percent, '%')})",
                        _n(row["supported"].inspected_since),
                        format_value(row["comparison"].good_now_percent, "%")
                        + f" of {_n(row['comparison'].schools)}"
                        if row["comparison"].schools
                        else "No comparable schools",
                    ]
                    for row in effect["rows"]
                ],
            )
        )
    risk = effect.get("risk")
    if risk and effect["supported"]:
        sentence = (
            f"Since their support started, {_n(risk['better'])} of the "
            f"{_count(effect['supported'], 'supported school')} have moved to a lower LA risk "
            f"category, {_n(risk['worse'])} to a higher one and {_n(risk['same'])} stayed in "
            "the same one"
        )
        if risk["unknown"]:
            sentence += (
                f"; {_n(risk['unknown'])} had no category when support started or have none now"
            )
        section.paragraphs.append(sentence + ".")
    section.basis = (
        "Requests are counted by the date they were raised, deployments if they ran at any time "
        "in the period, days used and their value by the date of the visit (days used × the "
        "deployment's day rate), allocations by the date they were made. Impact ratings are "
        "the milestones judged in the period. "
        f"{impact.IMPACT_METHOD} The before-and-after comparison covers all support to date."
    )
    return section


# --------------------------------------------------------------------- 5. Peer review themes


@block(
    "peer_review_themes",
    "Peer review themes",
    "Anonymised strengths and areas for development across the latest peer-review cycle.",
)
def peer_review_themes(period: Period) -> DataSection:
    section = DataSection("peer_review_themes", "Peer review themes")
    cycles = list(
        Cycle.objects.filter(starts_on__lte=period.ends_on)
        .select_related("framework")
        .order_by("-starts_on")
    )
    counted = dict(
        themes.counted_reviews()
        .filter(cycle__in=cycles)
        .values("cycle_id")
        .annotate(n=Count("pk"))
        .values_list("cycle_id", "n")
    )
    chosen = next((c for c in cycles if counted.get(c.pk, 0) >= themes.THRESHOLD), None)
    if chosen is None:
        if any(counted.values()):
            section.empty = (
                "Fewer than 3 peer reviews have been agreed for themes, too few to report "
                "without identifying the schools."
            )
        else:
            section.empty = (
                f"No peer reviews {_not_yet(period, 'have been agreed yet', 'had been agreed')}, "
                "so there are no themes to report."
            )
        return section
    result = themes.themes(chosen)
    overall = result.overall
    section.paragraphs.append(
        f"In the {chosen.name} cycle, the agreed peer reviews of "
        f"{_count(overall.schools, 'school')} contribute to the anonymised themes "
        f"({_count(result.reviews_in_cycle, 'review')} in the cycle in all)."
    )
    later = [c for c in cycles if c.starts_on > chosen.starts_on]
    for cycle in later:
        n = counted.get(cycle.pk, 0)
        section.paragraphs.append(
            f"So far in {cycle.name}, "
            + ("no review has" if not n else "fewer than 3 reviews have")
            + " been agreed for themes; the cycle will be reported when there are enough."
        )

    def ranked(which: str) -> list[tuple[int, str, str]]:
        """The areas most often recorded: every area tied at the top, then the runners-up if
        that makes no more than three. Suppressed figures are never ranked."""
        shown = sorted(
            (
                (figure.count, name, code)
                for code, name in result.areas
                if (figure := getattr(overall, which)(code)).count
            ),
            key=lambda item: (-item[0], item[1]),
        )
        counts = sorted({count for count, _name, _code in shown}, reverse=True)
        top = [item for item in shown if counts and item[0] == counts[0]]
        if len(counts) > 1:
            more = [item for item in shown if item[0] == counts[1]]
            if len(top) + len(more) <= 3:
                top += more
        return top

    def described(items) -> str:
        return and_list(
            [
                f"{name} ({_count(count, 'school') if index == 0 else _n(count)})"
                for index, (count, name, _code) in enumerate(items)
            ]
        )

    development = ranked("development")
    strengths = ranked("strengths")
    if development:
        section.paragraphs.append(
            f"The areas most often recorded for development were {described(development)}."
            if len(development) > 1
            else f"The area most often recorded for development was {described(development)}."
        )
    if strengths:
        section.paragraphs.append(
            f"The areas most often recorded as strengths were {described(strengths)}."
            if len(strengths) > 1
            else f"The area most often recorded as a strength was {described(strengths)}."
        )
    rows = result.overall_rows
    suppressed = any(row["strengths"].suppressed or row["development"].suppressed for row in rows)
    chart = result.chart()
    if chart is not None and not suppressed:
        section.charts.append(chart)
    else:
        section.tables.append(
            Table(
                caption=f"Schools with a strength or an area for development, by area, {chosen}",
                headers=["Area", "Strength", "Area for development"],
                rows=[
                    [row["name"], row["strengths"].text, row["development"].text] for row in rows
                ],
            )
        )
    phases = [group for group in result.phases if not group.suppressed]
    if len(phases) > 1:
        section.tables.append(
            Table(
                caption=f"Schools with an area for development, by phase, {chosen}",
                headers=["Area", *[f"{group.label} ({_n(group.schools)})" for group in phases]],
                rows=[
                    [name, *[group.development(code).text for group in phases]]
                    for code, name in result.areas
                ],
            )
        )
        if len(phases) < len(result.phases):
            section.paragraphs.append(
                "Phases with fewer than 3 reviewed schools are not shown separately."
            )
    history = [c for c in cycles if c.starts_on <= chosen.starts_on][:TREND_CYCLES]
    if len(history) > 1 and result.areas:
        focus = development[0][2] if development else result.areas[0][0]
        trend_chart, trend_rows = themes.trend(history, result.areas, focus)
        if sum(not row["suppressed"] for row in trend_rows) > 1:
            section.charts.append(trend_chart)
            section.tables.append(
                Table(
                    caption="Reviewed schools with an area for development, by cycle (%)",
                    headers=[
                        "Area",
                        *[f"{row['cycle'].name} ({_n(row['schools'])})" for row in trend_rows],
                    ],
                    rows=[
                        [
                            name,
                            *[
                                "–"
                                if row["values"][index] is None
                                else format_value(row["values"][index], "%")
                                for row in trend_rows
                            ],
                        ]
                        for index, (_code, name) in enumerate(result.areas)
                    ],
                )
            )
    section.basis = (
        f"{themes.COUNTING_RULE} {themes.SUPPRESSION_RULE} In the trend, a dash or “no data” "
        "marks a figure not shown for that reason."
    )
    return section


# ------------------------------------------------------------------------ 6. Training reach


@block(
    "training_reach",
    "Training reach",
    "Events and training held in the period: bookings, attendance, schools and heads reached.",
)
def training_reach(period: Period) -> DataSection:
    section = DataSection("training_reach", "Training reach")
    now = timezone.now()
    in_period = _in(period, "starts_at__date")
    live = Q(cancelled_at__isnull=True)
    by_kind = {
        row["kind"]: row
        for row in Event.objects.filter(in_period)
        .values("kind")
        .annotate(
            held=Count("pk", filter=live & Q(starts_at__lte=now)),
            coming=Count("pk", filter=live & Q(starts_at__gt=now)),
            cancelled=Count("pk", filter=Q(cancelled_at__isnull=False)),
        )
        .order_by()
    }
    held = sum(row["held"] for row in by_kind.values())
    coming = sum(row["coming"] for row in by_kind.values())
    if not (held or coming):
        section.empty = f"No events or training were held or planned from {_span(period)}."
        return section
    bookings = Booking.objects.filter(
        cancelled_at__isnull=True,
        event__cancelled_at__isnull=True,
        event__starts_at__date__gte=period.starts_on,
        event__starts_at__date__lte=period.ends_on,
    )
    was_held = Q(event__starts_at__lte=now)
    came = was_held & Q(attended=True)
    booked = {
        row["event__kind"]: row
        for row in bookings.values("event__kind")
        .annotate(
            booked=Count("pk", filter=was_held),
            recorded=Count("pk", filter=was_held & Q(attended__isnull=False)),
            came=Count("pk", filter=came),
            schools=Count("school", distinct=True, filter=came),
            ahead=Count("pk", filter=Q(event__starts_at__gt=now)),
        )
        .order_by()
    }
    reached = bookings.filter(came).aggregate(
        people=Count("person", distinct=True),
        schools=Count("school", distinct=True, filter=~Q(school__status=Status.CLOSED)),
    )
    heads = (
        Person.objects.filter(is_head(), pk__in=bookings.filter(came).values("person_id"))
        .values("pk")
        .distinct()
        .count()
    )
    open_schools = School.objects.exclude(status=Status.CLOSED).count()
    year = events.reach(period.ends_on)

    total_booked = sum(row["booked"] for row in booked.values())
    recorded = sum(row["recorded"] for row in booked.values())
    attended = sum(row["came"] for row in booked.values())
    ahead = sum(row["ahead"] for row in booked.values())
    if held:
        section.paragraphs.append(
            f"From {_span(period)}, the partnership held {_count(held, 'event')}, with "
            f"{_count(total_booked, 'place')} booked."
        )
        if recorded:
            section.paragraphs.append(
                f"Of the {_count(recorded, 'booking')} with attendance recorded, "
                f"{_n(attended)} ({_percent(attended, recorded)}) came."
            )
        section.paragraphs.append(
            f"{_count(reached['people'], 'person', 'people')} attended, from "
            f"{_n(reached['schools'])} of the {_count(open_schools, 'open school')} "
            f"({_percent(reached['schools'], open_schools)}), including "
            f"{_count(heads, 'headteacher')}."
        )
    if coming:
        section.paragraphs.append(
            f"{_count(coming, 'more event is', 'more events are')} planned before "
            f"{long_date(period.ends_on)}, with {_count(ahead, 'place')} booked so far."
        )
    cancelled = sum(row["cancelled"] for row in by_kind.values())
    if cancelled:
        section.paragraphs.append(f"{_count(cancelled, 'event was', 'events were')} cancelled.")
    section.paragraphs.append(
        f"Across {year['year']}, {_n(year['schools_at_briefing'])} of the "
        f"{_count(year['schools'], 'open school')} "
        f"({_percent(year['schools_at_briefing'], year['schools'])}) have attended a "
        f"headteacher briefing, and {_n(year['heads_trained'])} of "
        f"{_count(year['heads'], 'headteacher')} have been trained in peer review."
    )
    kinds = [(code, label) for code, label in Event.Kind.choices if code in by_kind]
    section.tables.append(
        Table(
            caption="Events in the period, by kind",
            headers=["Kind of event", "Held", "Places booked", "Attended", "Schools attending"],
            rows=[
                [
                    label,
                    _n(by_kind[code]["held"]),
                    _n(booked.get(code, {}).get("booked", 0)),
                    _n(booked.get(code, {}).get("came", 0)),
                    _n(booked.get(code, {}).get("schools", 0)),
                ]
                for code, label in kinds
            ],
        )
    )
    if held:
        section.charts.append(
            Chart(
                title="Attendance at events held in the period, by kind",
                category_label="Kind of event",
                categories=[label for code, label in kinds if by_kind[code]["held"]],
                series=[
                    Series(
                        "Places booked",
                        [
                            booked.get(code, {}).get("booked", 0)
                            for code, _l in kinds
                            if by_kind[code]["held"]
                        ],
                    ),
                    Series(
                        "Attended",
                        [
                            booked.get(code, {}).get("came", 0)
                            for code, _l in kinds
                            if by_kind[code]["held"]
                        ],
                    ),
                ],
            )
        )
    section.basis = (
        "Events that started in the period and were not cancelled; places are live bookings; "
        "attendance is as the LA team recorded it. Schools and headteachers reached are counted "
        "once however many events they came to. The year's figures count open schools at any "
        "headteacher briefing in the academic year, and headteachers with a record of "
        "peer-review training."
    )
    return section


# --------------------------------------------------------------------------------- 7. Surveys


def _headline(question, tally: Counter, answered: int) -> str:
    if not answered:
        return "No answers"
    if question.kind == Question.Kind.SCALE:
        agree = tally[4] + tally[5]
        disagree = tally[1] + tally[2]
        return (
            f"{_percent(agree, answered)} agree or strongly agree; "
            f"{_percent(disagree, answered)} disagree or strongly disagree"
        )
    options = [(choice, tally[choice]) for choice in question.choice_list]
    if not options:
        return "–"
    top = max(count for _choice, count in options)
    leaders = [choice for choice, count in options if count == top]
    what = "Chosen most often" if question.kind == Question.Kind.MULTIPLE else "Most common answer"
    names = and_list([f"“{choice}”" for choice in leaders])
    return f"{what}: {names} ({_n(top)}, {_percent(top, answered)})"


@block(
    "surveys",
    "Surveys",
    "Surveys open or closed in the period: response rates and headline results.",
)
def surveys(period: Period) -> DataSection:
    section = DataSection("surveys", "Surveys")
    start, end = period.starts_on, period.ends_on
    found = list(
        Survey.objects.filter(
            Q(opens_on__lte=end, closes_on__gte=start)
            | Q(
                pk__in=Survey.objects.filter(closes_on__lt=start)
                .order_by("-closes_on", "-pk")
                .values("pk")[:1]
            )
        ).order_by("closes_on", "pk")
    )
    in_period = [s for s in found if s.opens_on <= end and s.closes_on >= start]
    earlier = [s for s in found if s not in in_period]
    if not in_period and not earlier:
        section.empty = (
            f"No survey {_not_yet(period, 'has been run yet', 'had been run')}, so there are "
            "no results to report."
        )
        return section
    if in_period and any(s.closes_on <= end for s in in_period):
        earlier = []
    chosen = earlier + in_period
    ids = [s.pk for s in chosen]
    questions = list(
        Question.objects.filter(survey_id__in=ids)
        .exclude(kind=Question.Kind.TEXT)
        .order_by("survey_id", "order", "pk")
    )
    responses = dict(
        SurveyResponse.objects.filter(survey_id__in=ids)
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    tallies: dict[int, Counter] = {q.pk: Counter() for q in questions}
    answered: Counter = Counter()
    for question_id, number, choices, n in (
        SurveyAnswer.objects.filter(question__in=questions)
        .values("question_id", "number", "choices")
        .annotate(n=Count("pk"))
        .values_list("question_id", "number", "choices", "n")
        .order_by()
    ):
        answered[question_id] += n
        if number is not None:
            tallies[question_id][number] += n
        for choice in choices or []:
            tallies[question_id][choice] += n
    # Who was invited, by audience (surveys.invited_*): the same for every survey of a kind.
    open_schools = survey_rules.invited_schools(Survey(audience=Survey.Audience.SCHOOLS)).count()
    by_cluster = dict(
        School.objects.exclude(status=Status.CLOSED)
        .filter(clusters__in=[s.cluster_id for s in chosen if s.cluster_id])
        .values("clusters")
        .annotate(n=Count("pk"))
        .values_list("clusters", "n")
    )
    heads = survey_rules.invited_heads(None).count()
    governors = survey_rules.invited_governors(None).count()
    themes_by_survey: dict[int, list] = {}
    for theme in (
        SurveyTheme.objects.filter(survey_id__in=ids)
        .exclude(la_response="")
        .annotate(n=Count("answers"))
        .order_by("survey_id", "-n", "name")
    ):
        themes_by_survey.setdefault(theme.survey_id, []).append(theme)

    def invited(survey: Survey) -> int:
        return {
            Survey.Audience.SCHOOLS: open_schools,
            Survey.Audience.CLUSTER: by_cluster.get(survey.cluster_id, 0),
            Survey.Audience.HEADTEACHERS: heads,
            Survey.Audience.GOVERNORS: governors,
        }[survey.audience]

    if earlier:
        section.paragraphs.append(
            f"No survey closed from {_span(period)}, so the results of the most recent one to "
            "close are included."
        )
    for survey in chosen:
        n, whole = responses.get(survey.pk, 0), invited(survey)
        state = survey.state(end)
        when = (
            f"closed on {long_date(survey.closes_on)}"
            if state == "closed"
            else f"is open until {long_date(survey.closes_on)}"
        )
        section.paragraphs.append(
            f"“{survey.title}” {when}: {_n(n)} of the {_n(whole)} {survey.respondents} invited "
            f"{'have answered so far' if state == 'open' else 'answered'} ({_percent(n, whole)})."
            if whole
            else f"“{survey.title}” {when}: {_count(n, 'response')}."
        )
    section.tables.append(
        Table(
            caption="Response rates",
            headers=["Survey", "Open", "Invited", "Responses", "Response rate"],
            rows=[
                [
                    survey.title,
                    f"{long_date(survey.opens_on)} to {long_date(survey.closes_on)}",
                    _n(invited(survey)),
                    _n(responses.get(survey.pk, 0)),
                    _percent(responses.get(survey.pk, 0), invited(survey)),
                ]
                for survey in chosen
            ],
            numeric_from=2,
        )
    )
    for survey in chosen:
        rows = [
            [
                f"{q.order}. {q.text}",
                _n(answered[q.pk]),
                _headline(q, tallies[q.pk], answered[q.pk]),
            ]
            for q in questions
            if q.survey_id == survey.pk
        ]
        if rows and responses.get(survey.pk):
            section.tables.append(
                Table(
                    caption=f"Headline results: {survey.title}",
                    headers=["Question", "Answered", "Result"],
                    rows=rows,
                    numeric_from=1,
                )
            )
        found_themes = themes_by_survey.get(survey.pk, [])
        if found_themes:
            section.tables.append(
                Table(
                    caption=f"You said, we did: {survey.title}",
                    headers=["Theme in the comments", "Comments", "The LA's response"],
                    rows=[[t.name, _n(t.n), t.la_response] for t in found_themes],
                    numeric_from=1,
                )
            )
    scale = [q for q in questions if q.kind == Question.Kind.SCALE and answered[q.pk]]
    if scale:
        section.charts.append(
            Chart(
                title="Agreement with each statement (%)",
                category_label="Statement",
                categories=[q.text for q in scale],
                series=[
                    Series(
                        "Agree or strongly agree",
                        [
                            outcomes.percentage(tallies[q.pk][4] + tallies[q.pk][5], answered[q.pk])
                            for q in scale
                        ],
                    )
                ],
                unit="%",
                y_max=100,
            )
        )
    section.basis = (
        "Response rates are of those invited now: every open school, the schools of a cluster, "
        "every headteacher with an account, or chairs of governors with an email address. "
        "Percentages are of those who answered each question. Comments are not reproduced; the "
        "LA's responses to the themes officers found in them are."
    )
    return section


# -------------------------------------------------------------------- 8. LA self-evaluation


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return "No position statement recorded."
    for end in (". ", "? ", "! "):
        if end in text:
            text = text.split(end, 1)[0] + end.strip()
            break
    return text


@block(
    "self_evaluation",
    "The LA's self-evaluation",
    "The latest finalised self-evaluation: the LA's judgement against each of the 9 criteria.",
)
def self_evaluation(period: Period) -> DataSection:
    section = DataSection("self_evaluation", "The LA's self-evaluation")
    finalised = SelfEvaluation.objects.filter(
        finalised_at__isnull=False, finalised_at__date__lte=period.ends_on
    )
    version = finalised.order_by("-finalised_at", "-pk").first()
    if version is None:
        section.empty = (
            "The LA "
            + _not_yet(
                period,
                "has not yet finalised a self-evaluation",
                "had not finalised a self-evaluation",
            )
            + ", so there are no judgements to report."
        )
        return section
    entries = {
        entry.criterion: entry
        for entry in SelfEvaluationEntry.objects.filter(evaluation=version).only(
            "criterion", "grade", "position"
        )
    }
    newer = (
        SelfEvaluation.objects.order_by("-created_at", "-pk")
        .values("pk", "title", "finalised_at")
        .first()
    )
    if newer["pk"] == version.pk:
        newer = None
    grades = Counter(entry.grade for entry in entries.values() if entry.grade)
    labels = dict(SelfEvaluationEntry.Grade.choices)
    judged = [
        f"{_n(grades[code])} {label.lower()}"
        for code, label in SelfEvaluationEntry.Grade.choices
        if grades[code]
    ]
    section.paragraphs.append(
        f"The LA's self-evaluation, “{version.title}”, was finalised on "
        f"{long_date(timezone.localtime(version.finalised_at).date())}."
    )
    total = len(SELF_EVALUATION_CRITERIA)
    ungraded = total - sum(grades.values())
    sentence = (
        f"Of the {total} criteria, the LA judged {and_list(judged)}"
        if judged
        else f"It records no judgement against any of the {total} criteria"
    )
    if judged and ungraded:
        sentence += f"; {_n(ungraded)} {'is' if ungraded == 1 else 'are'} not yet judged"
    section.paragraphs.append(sentence + ".")
    if newer:
        section.paragraphs.append(
            f"A later version, “{newer['title']}”, is "
            + ("also finalised." if newer["finalised_at"] else "in preparation.")
        )
    section.tables.append(
        Table(
            caption=f"Judgements against the criteria, {version.title}",
            headers=["Criterion", "Our judgement", "Position"],
            rows=[
                [
                    f"{number}. {text}",
                    labels.get(entries[number].grade, "Not judged")
                    if number in entries and entries[number].grade
                    else "Not judged",
                    _first_sentence(entries[number].position if number in entries else ""),
                ]
                for number, text in enumerate(SELF_EVALUATION_CRITERIA, start=1)
            ],
            numeric_from=3,
        )
    )
    if judged:
        section.charts.append(
            Chart(
                title="Criteria by the LA's own judgement",
                category_label="Judgement",
                categories=[*labels.values(), "Not judged"],
                series=[Series("Criteria", [*[grades[code] for code in labels], ungraded])],
            )
        )
    section.basis = (
        "The LA's own judgements against Ofsted's 2013 criteria for LA school-improvement "
        "services, as finalised; each position is the first sentence of the LA's statement."
    )
    return section
