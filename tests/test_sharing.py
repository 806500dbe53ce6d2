"""CPD offers, good-practice case studies and projects."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partnership.models import CaseStudy, CpdOffer, Project, ProjectSchool

from .factories import SchoolFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def offer_data(**overrides):
    day = timezone.localdate() + timedelta(days=10)
    data = {
        "title": "Phonics for Year 1",
        "provider_kind": "hub",
        "provider_name": "Riverside Teaching School Hub",
        "description": "Two twilight sessions.",
        "audience": "Year 1 teachers",
        "starts_on_0": str(day.day),
        "starts_on_1": str(day.month),
        "starts_on_2": str(day.year),
    }
    data.update(overrides)
    return data


def test_a_head_posts_an_offer_that_everyone_sees_and_only_they_change(client_for):
    client_for("headteacher").post(reverse("cpd:create"), offer_data())
    offer = CpdOffer.objects.get()
    assert "Phonics for Year 1" in text(client_for("board_member").get(reverse("cpd:list")))
    assert (
        client_for("other_headteacher").get(reverse("cpd:edit", args=[offer.pk])).status_code == 403
    )
    client_for("headteacher").post(reverse("cpd:withdraw", args=[offer.pk]))
    assert "Phonics for Year 1" not in text(client_for("board_member").get(reverse("cpd:list")))


def test_an_offer_with_a_negative_cost_is_refused(client_for):
    response = client_for("officer").post(reverse("cpd:create"), offer_data(cost="-5"))
    assert "Enter a cost of £0 or more" in text(response)
    assert not CpdOffer.objects.exists()


def test_past_offers_leave_the_list(client_for, users):
    CpdOffer.objects.create(
        title="Last year's course",
        provider_kind="la",
        provider_name="LA",
        description="x",
        audience="All",
        starts_on=timezone.localdate() - timedelta(days=30),
        posted_by=users["officer"],
    )
    assert "Last year's course" not in text(client_for("officer").get(reverse("cpd:list")))


def test_a_case_study_is_reviewed_before_everyone_sees_it(client_for, users, school):
    head = client_for("headteacher")
    head.post(
        reverse("good_practice:create"),
        {"school": school.pk, "title": "Reading for pleasure", "theme": "Reading",
         "summary": "A library in every classroom.", "body": "How we did it."},
    )  # fmt: skip
    study = CaseStudy.objects.get()
    assert study.status == "draft"
    board = client_for("board_member")
    assert board.get(reverse("good_practice:detail", args=[study.pk])).status_code == 404
    client_for("headteacher").post(reverse("good_practice:submit", args=[study.pk]))
    officer = client_for("officer")
    response = officer.post(
        reverse("good_practice:review", args=[study.pk]), {"decision": "return"}
    )
    assert "Say what to change before returning it" in text(response)
    officer.post(
        reverse("good_practice:review", args=[study.pk]),
        {"decision": "return", "comment": "Add the impact on reading ages."},
    )
    study.refresh_from_db()
    assert study.status == "returned"
    page = text(client_for("headteacher").get(reverse("good_practice:detail", args=[study.pk])))
    assert "Add the impact on reading ages." in page
    client_for("headteacher").post(reverse("good_practice:submit", args=[study.pk]))
    client_for("officer").post(
        reverse("good_practice:review", args=[study.pk]), {"decision": "publish"}
    )
    study.refresh_from_db()
    assert study.status == "published" and study.published_at is not None
    assert "Reading for pleasure" in text(
        client_for("board_member").get(reverse("good_practice:list"))
    )
    # Published: no longer the school's to change.
    assert (
        client_for("headteacher").get(reverse("good_practice:edit", args=[study.pk])).status_code
        == 403
    )


def test_a_head_cannot_write_for_another_school(client_for, other_school):
    response = client_for("headteacher").post(
        reverse("good_practice:create"),
        {"school": other_school.pk, "title": "T", "theme": "T", "summary": "S", "body": "B"},
    )
    assert "Select your own school" in text(response)
    assert not CaseStudy.objects.exists()


def test_schools_join_a_project_by_urn_and_a_bad_urn_changes_nothing(client_for, users):
    project = Project.objects.create(
        title="EEF trial",
        kind="research",
        description="D",
        starts_on=timezone.localdate(),
        lead=users["officer"].person,
    )
    schools = SchoolFactory.create_batch(3)
    client = client_for("officer")
    url = reverse("projects:detail", args=[project.pk])
    joined = {"schools-joined_on_0": "1", "schools-joined_on_1": "9", "schools-joined_on_2": "2026"}
    urns = " ".join(str(s.urn) for s in schools)
    response = client.post(url, {"schools-urns": f"{urns}, 999998, 12ab", **joined})
    assert "Not a six-digit URN: 12ab" in text(response)
    response = client.post(url, {"schools-urns": f"{urns} 999998", **joined})
    assert "No school with URN 999998" in text(response)
    assert not ProjectSchool.objects.exists()
    client.post(url, {"schools-urns": urns, **joined})
    client.post(url, {"schools-urns": str(schools[0].urn), **joined})  # again: no duplicate
    assert project.schools.count() == 3
