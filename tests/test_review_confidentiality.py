"""Peer review findings belong to the host school (DESIGN.md §4): who sees them at each sharing
level, through every page, list, export and PDF a role can reach; and the themes that board
members see, with small numbers suppressed so that no school can be identified."""

import html
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from reviews import themes
from reviews.models import Review

from .factories import SchoolFactory, peer_review, review_cycle

pytestmark = pytest.mark.django_db

MARKER = "ZEBRA-7731-CONFIDENTIAL"
ROLES = ["officer", "headteacher", "other_headteacher", "system_leader", "board_member", "admin"]


def may_read(role: str, sharing: str) -> bool:
    """The rule of DESIGN.md §4, third row, written out independently of the code under test."""
    if role in ("headteacher", "system_leader", "admin"):  # host, team, administrator
        return True
    return role == "officer" and sharing == "la"


def body(response) -> str:
    if response.get("Content-Type") == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages)
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return html.unescape(response.content.decode("utf-8", "replace"))


@pytest.fixture
def marked_review(users, school):
    """An agreed review of the headteacher's school, led by the system leader, with the
    marker planted in every confidential field."""
    review = peer_review(school, status="agreed", lead=users["system_leader"].person)
    for evaluation in review.evaluations.all():
        evaluation.self_evaluation = f"Self {MARKER}"
        evaluation.evidence = f"Evidence {MARKER}"
        evaluation.strengths = f"Strength {MARKER}"
        evaluation.areas_for_development = f"Development {MARKER}"
        evaluation.team_grade = "expected"
        evaluation.save()
    review.priorities.create(description=f"Priority {MARKER}")
    review.actions.create(description=f"Action {MARKER}", owner="Head", due_on="2026-12-01")
    review.follow_up_notes = f"Follow-up {MARKER}"
    review.save()
    return review


def reachable_urls(review, school):
    return [
        reverse("dashboard"),
        reverse("reviews:home"),
        reverse("reviews:home") + f"?cycle={review.cycle_id}&status=agreed",
        reverse("reviews:review", args=[review.pk]),
        reverse("reviews:pdf", args=[review.pk]),
        reverse("reviews:themes"),
        reverse("reviews:sharing", args=[review.pk]),
        reverse("reviews:workshop", args=[review.pk]),
        reverse("reviews:cycle", args=[review.cycle_id]),
        reverse("schools:list") + "?q=" + school.name,
        reverse("schools:detail", args=[school.urn]),
        reverse("schools:export", args=["csv"]),
        reverse("schools:export", args=["xlsx"]),
        reverse("support:list"),
        reverse("support:deployments"),
    ]


@pytest.mark.parametrize("sharing", ["private", "themes", "la"])
def test_findings_appear_only_where_the_sharing_level_allows(
    sharing, marked_review, client_for, school
):
    Review.objects.filter(pk=marked_review.pk).update(sharing=sharing)
    review = Review.objects.get(pk=marked_review.pk)
    checked = 0
    for role in ROLES:
        client = client_for(role)
        for url in reachable_urls(review, school):
            response = client.get(url)
            if response.status_code != 200:
                continue
            checked += 1
            text = body(response)
            where = f"{role} at {sharing}: {url}"
            is_review = url in (
                reverse("reviews:review", args=[review.pk]),
                reverse("reviews:pdf", args=[review.pk]),
                reverse("reviews:workshop", args=[review.pk]),
            )
            if MARKER in text:
                assert is_review and may_read(role, sharing), f"leaked to {where}"
            elif is_review and url != reverse("reviews:workshop", args=[review.pk]):
                assert not may_read(role, sharing), f"hidden from {where}"
    assert checked > 40


def test_the_pdf_has_the_findings_for_the_host(marked_review, client_for):
    response = client_for("headteacher").get(reverse("reviews:pdf", args=[marked_review.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    text = body(response)
    for expected in (
        "Peer review report",
        marked_review.host_school.name,
        "1. Findings by area",
        "1.1 Inclusion",
        f"Strength {MARKER}",
        "2. Agreed priorities",
        "Page 1 of",
    ):
        assert expected in text, expected


def test_a_closed_review_can_still_be_read_and_downloaded(marked_review, client_for):
    Review.objects.filter(pk=marked_review.pk).update(status="closed")
    client = client_for("headteacher")
    assert client.get(reverse("reviews:review", args=[marked_review.pk])).status_code == 200
    response = client.get(reverse("reviews:pdf", args=[marked_review.pk]))
    assert response["Content-Type"] == "application/pdf"


def test_a_headteacher_of_another_school_is_told_the_review_does_not_exist(
    marked_review, client_for
):
    client = client_for("other_headteacher")
    for name in ("reviews:review", "reviews:pdf", "reviews:sharing", "reviews:self_evaluation"):
        assert client.get(reverse(name, args=[marked_review.pk])).status_code == 404, name
    assert marked_review.host_school.name not in body(client.get(reverse("reviews:home")))


def test_the_officer_sees_the_schedule_but_not_private_findings(marked_review, client_for):
    page = body(client_for("officer").get(reverse("reviews:review", args=[marked_review.pk])))
    assert marked_review.host_school.name in page
    assert "has not shared them with the LA" in page
    assert MARKER not in page


def test_every_view_of_findings_is_in_the_access_log(marked_review, client_for, users):
    from partnership.models import AccessEvent

    client_for("headteacher").get(reverse("reviews:review", args=[marked_review.pk]))
    client_for("headteacher").get(reverse("reviews:pdf", args=[marked_review.pk]))
    details = list(
        AccessEvent.objects.filter(user=users["headteacher"]).values_list("detail", flat=True)
    )
    assert "Viewed a peer review's findings" in details
    assert "Downloaded a peer review report" in details


# ----------------------------------------------------------------------------------- themes


def agreed_reviews(cycle, schools, *, development=(), strengths=(), sharing="themes", **dates):
    """An agreed review per school; `development`/`strengths` are area codes recorded."""
    reviews = []
    for school in schools:
        review = peer_review(school, cycle=cycle, status="agreed", sharing=sharing, **dates)
        for evaluation in review.evaluations.select_related("area"):
            if evaluation.area.code in development:
                evaluation.areas_for_development = "Something to develop"
            if evaluation.area.code in strengths:
                evaluation.strengths = "Something strong"
            evaluation.save()
        reviews.append(review)
    return reviews


def test_small_groups_and_small_counts_are_suppressed():
    cycle = review_cycle()
    primaries = SchoolFactory.create_batch(5)
    secondaries = SchoolFactory.create_batch(2, phase="secondary")
    agreed_reviews(cycle, primaries[:3], development=["inclusion", "achievement"])
    agreed_reviews(cycle, primaries[3:], development=["achievement"], strengths=["inclusion"])
    agreed_reviews(cycle, secondaries, development=["achievement"])
    result = themes.themes(cycle)
    assert result.overall.schools == 7
    assert result.overall.development("inclusion").count == 3
    assert result.overall.development("achievement").count == 7
    assert result.overall.strengths("inclusion").suppressed  # 2 schools
    assert result.overall.strengths("inclusion").text == "fewer than 3"
    assert result.overall.development("curriculum_teaching").count == 0
    primary, secondary, special = result.phases
    assert not primary.suppressed and primary.schools == 5
    assert secondary.suppressed  # a group of 2 schools is not shown at all
    assert special.schools == 0 and special.suppressed


def test_private_and_unagreed_reviews_are_never_counted():
    cycle = review_cycle()
    schools = SchoolFactory.create_batch(6)
    agreed_reviews(cycle, schools[:3], development=["inclusion"], sharing="private")
    for school in schools[3:]:
        review = peer_review(school, cycle=cycle, status="draft_report")
        review.evaluations.update(areas_for_development="Draft")
    result = themes.themes(cycle)
    assert result.overall.schools == 0
    assert result.overall.suppressed


def test_the_themes_page_names_no_school(client_for):
    cycle = review_cycle()
    schools = SchoolFactory.create_batch(4)
    agreed_reviews(cycle, schools, development=["achievement"], strengths=["inclusion"])
    response = client_for("board_member").get(reverse("reviews:themes"))
    page = body(response)
    assert "<strong>4</strong> schools counted" in page
    assert "fewer than 3" in page or "–" in page
    for school in schools:
        assert school.name not in page
    assert "Something to develop" not in page


def test_the_trend_suppresses_small_cycles():
    old = review_cycle("2025/26", "2025-09-01", "2026-07-22")
    new = review_cycle()
    agreed_reviews(
        old,
        SchoolFactory.create_batch(2),
        development=["achievement"],
        starts_on="2025-10-06",
        ends_on="2025-10-06",
    )
    for school in SchoolFactory.create_batch(4):
        peer_review(school, cycle=new, status="agreed").evaluations.filter(
            area__code="achievement"
        ).update(areas_for_development="x")
    areas = [("achievement", "Achievement")]
    chart, rows = themes.trend([new, old], areas, "achievement")
    assert [row["cycle"].name for row in rows] == ["2025/26", "2026/27"]
    assert rows[0]["suppressed"] and rows[0]["values"] == [None]
    assert rows[1]["values"] == [100.0]


def test_the_themes_page_takes_the_same_queries_however_many_reviews(client_for):
    cycle = review_cycle()
    client = client_for("board_member")
    agreed_reviews(cycle, SchoolFactory.create_batch(3), development=["inclusion"])
    from django.core.cache import cache

    cache.clear()  # both requests compute the figures (a later one reads them from the cache)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reviews:themes"))
    agreed_reviews(
        cycle, SchoolFactory.create_batch(12, phase="secondary"), strengths=["achievement"]
    )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reviews:themes"))
    assert len(many) == len(few)


def test_the_programme_page_takes_the_same_queries_however_many_reviews(client_for, users):
    cycle = review_cycle()
    client = client_for("officer")
    for school in SchoolFactory.create_batch(2):
        peer_review(school, cycle=cycle, lead=users["system_leader"].person)
    client.get(reverse("reviews:home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reviews:home"))
    for school in SchoolFactory.create_batch(10):
        review = peer_review(school, cycle=cycle, lead=users["system_leader"].person)
        review.reviewing_schools.add(SchoolFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reviews:home"))
    assert len(many) == len(few)
