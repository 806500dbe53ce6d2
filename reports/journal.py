"""The termly journal: an issue per term, drafted from what the partnership holds.

Celery beat calls `draft_issue` each morning; on the first morning of a term the issue for that
term is made and filled: CPD offers running in the term, good-practice case studies published
since the last term began, events in the term, system leaders designated (new or renewed) since
the last term began, and a draft of board highlights from the last term's meetings. An officer
then edits it, writes the editorial and publishes it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from partnership.models import BoardPriority, CaseStudy, CpdOffer, Designation, Event, Meeting
from partnership.terms import Term, academic_year_start, long_date, term_of

from .jobs import ReportRefused
from .models import JournalIssue
from .wording import and_list, paragraphs


class JournalRefused(ReportRefused):
    """A request the rules refuse; the message says why, for the user."""


def draft_issue(day: date) -> tuple[JournalIssue, bool]:
    """The issue for the term `day` falls in, drafted and filled if it did not exist."""
    term = term_of(day)
    year, key = academic_year_start(term.starts_on), term.name.lower()
    existing = JournalIssue.objects.filter(academic_year=year, term=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            issue = JournalIssue.objects.create(
                academic_year=year, term=key, starts_on=term.starts_on, ends_on=term.ends_on
            )
            fill(issue, term)
    except IntegrityError:  # drafted at the same moment elsewhere
        return JournalIssue.objects.get(academic_year=year, term=key), False
    return issue, True


def previous_term(term: Term) -> Term:
    return term_of(term.starts_on - timedelta(days=1))


def fill(issue: JournalIssue, term: Term) -> None:
    """Choose the issue's contents from what is in the system (the officer can change them)."""
    since = previous_term(term).starts_on
    issue.cpd_offers.set(
        CpdOffer.objects.filter(withdrawn_at__isnull=True, starts_on__lte=term.ends_on).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=term.starts_on)
        )
    )
    issue.case_studies.set(
        CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED, published_at__date__gte=since)
    )
    issue.events.set(
        Event.objects.filter(
            cancelled_at__isnull=True,
            starts_at__date__gte=max(term.starts_on, timezone.localdate()),
            starts_at__date__lte=term.ends_on,
        ).exclude(audience=Event.Audience.SYSTEM_LEADERS)
    )
    issue.designations.set(
        Designation.objects.filter(starts_on__gte=since, starts_on__lte=term.ends_on)
    )
    # Drafted on the first morning of term this is last term's meetings; drafted later, it
    # also takes in this term's meetings so far.
    issue.board_highlights = board_highlights(since, max(term.starts_on, timezone.localdate()))
    issue.save(update_fields=["board_highlights"])


def board_highlights(since: date, until: date) -> str:
    """A first draft: which boards met, and the priorities they set, since `since`."""
    meetings = (
        Meeting.objects.filter(held_at__date__gte=since, held_at__date__lt=until)
        .select_related("board")
        .order_by("held_at")
    )
    priorities = (
        BoardPriority.objects.filter(set_on__gte=since, set_on__lt=until)
        .select_related("board")
        .order_by("board__name", "order")
    )
    lines = []
    met: dict[str, list[str]] = {}
    for meeting in meetings:
        met.setdefault(meeting.board.name, []).append(
            long_date(timezone.localtime(meeting.held_at).date())
        )
    for board, dates in met.items():
        lines.append(f"The {board} met on {and_list(dates)}.")
    by_board: dict[str, list[str]] = {}
    for priority in priorities:
        by_board.setdefault(priority.board.name, []).append(priority.title)
    for board, titles in by_board.items():
        lines.append(f"The {board} set its priorities: {and_list(titles)}.")
    return "\n\n".join(lines)


def new_or_renewed(designations) -> dict[int, str]:
    """Designation pk -> "New" or "Renewed" (the leader held the same designation before)."""
    designations = list(designations)
    if not designations:
        return {}
    earlier = set(
        Designation.objects.filter(
            leader_id__in={d.leader_id for d in designations},
            kind_id__in={d.kind_id for d in designations},
        ).values_list("pk", "leader_id", "kind_id", "starts_on")
    )
    labels = {}
    for designation in designations:
        renewed = any(
            pk != designation.pk
            and leader == designation.leader_id
            and kind == designation.kind_id
            and starts < designation.starts_on
            for pk, leader, kind, starts in earlier
        )
        labels[designation.pk] = "Renewed" if renewed else "New"
    return labels


def check_publishable(issue: JournalIssue) -> None:
    if not issue.editorial.strip():
        raise JournalRefused("Write the editorial before you publish the issue.", "editorial")
    if not (
        issue.cpd_offers.exists()
        or issue.case_studies.exists()
        or issue.events.exists()
        or issue.designations.exists()
        or issue.board_highlights.strip()
    ):
        raise JournalRefused(
            "The issue has nothing in it but the editorial: choose CPD offers, case studies, "
            "events or system leaders, or write board highlights."
        )


def issue_context(issue: JournalIssue) -> dict:
    """What the journal's PDF prints, in its order."""
    designations = list(
        issue.designations.select_related("leader__person", "leader__home_school", "kind").order_by(
            "kind__order", "leader__person__last_name"
        )
    )
    labels = new_or_renewed(designations)
    return {
        "issue": issue,
        "editorial": paragraphs(issue.editorial),
        "offers": list(issue.cpd_offers.order_by("starts_on", "title")),
        "studies": list(issue.case_studies.select_related("school").order_by("-published_at")),
        "events": list(issue.events.order_by("starts_at")),
        "leaders": [(designation, labels[designation.pk]) for designation in designations],
        "highlights": paragraphs(issue.board_highlights),
    }
