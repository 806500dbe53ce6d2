"""The LA's self-evaluation: nine criteria, versions, live figures kept when finalised."""

import html

import pytest
from django.urls import reverse

from partnership import self_evaluation
from partnership.models import SELF_EVALUATION_CRITERIA, SelfEvaluation

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_version_has_the_nine_criteria_and_the_next_starts_from_it(users):
    assert len(SELF_EVALUATION_CRITERIA) == 9
    first = self_evaluation.version_create(by=users["officer"], title="Autumn 2025")
    assert first.entries.count() == 9
    entry = first.entries.get(criterion=6)
    entry.strengths = "Brokerage reaches every school in a category of concern."
    entry.grade = "good"
    entry.save()
    second = self_evaluation.version_create(by=users["officer"], title="Autumn 2026")
    copied = second.entries.get(criterion=6)
    assert copied.strengths == entry.strengths and copied.grade == "good"
    copied.strengths = "Changed."
    copied.save()
    entry.refresh_from_db()
    assert entry.strengths.startswith("Brokerage")  # the earlier version is kept


def test_the_page_shows_live_figures_beside_each_criterion(client_for, users, school):
    version = self_evaluation.version_create(by=users["officer"], title="Autumn 2026")
    page = text(client_for("officer").get(reverse("self_evaluation:detail", args=[version.pk])))
    assert "3. The extent to which the LA knows its schools" in page
    assert "Open schools good or better (of those inspected)" in page
    assert "Headteachers trained in peer review" in page


def test_finalising_keeps_the_figures_and_stops_changes(client_for, users):
    version = self_evaluation.version_create(by=users["officer"], title="Autumn 2026")
    client = client_for("officer")
    client.post(reverse("self_evaluation:finalise", args=[version.pk]))
    version.refresh_from_db()
    assert version.finalised_at is not None
    assert any(
        figure["label"].startswith("Open schools good or better") for figure in version.figures["3"]
    )
    response = client.post(
        reverse("self_evaluation:entry", args=[version.pk, 1]), {"position": "Rewritten"}
    )
    assert response.status_code == 302
    assert "This version is final" in text(client.get(response["Location"]))
    assert version.entries.get(criterion=1).position == ""
    assert SelfEvaluation.objects.count() == 1
