"""Surveys: one response per invited school, open dates, results, reminders, export, themes."""

import html
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnership import surveys
from partnership.models import Question, Survey, SurveyResponse, SurveyTheme
from schools.models import Cluster

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def survey(users):
    today = timezone.localdate()
    survey = Survey.objects.create(
        title="School improvement offer survey",
        audience="schools",
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=12),
        created_by=users["officer"],
    )
    Question.objects.create(
        survey=survey, order=1, text="How useful were the briefings?", kind="scale"
    )
    Question.objects.create(
        survey=survey,
        order=2,
        text="Which support did you use?",
        kind="multiple",
        choices="Peer review\nBriefings\nSystem leader support",
    )
    Question.objects.create(
        survey=survey, order=3, text="What should we do next?", kind="text", required=False
    )
    return survey


def answer_data(survey, **overrides):
    q1, q2, q3 = survey.questions.all()
    data = {f"q{q1.pk}": "4", f"q{q2.pk}": ["Peer review", "Briefings"], f"q{q3.pk}": "More CPD"}
    data.update(overrides)
    return data


def test_a_headteacher_answers_once_for_their_school(client_for, survey, school):
    client = client_for("headteacher")
    response = client.post(reverse("surveys:answer", args=[survey.pk]), answer_data(survey))
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.school == school
    assert sorted(saved.answers.values_list("question__order", flat=True)) == [1, 2, 3]
    second = client.post(
        reverse("surveys:answer", args=[survey.pk]), answer_data(survey), follow=True
    )
    assert "Your school answered this survey on" in text(second)
    assert "one response per school" in text(second)
    assert SurveyResponse.objects.count() == 1


def test_a_response_after_the_close_date_is_refused(client_for, survey):
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    response = client_for("headteacher").post(
        reverse("surveys:answer", args=[survey.pk]), answer_data(survey), follow=True
    )
    assert "answers are no longer accepted" in text(response)
    assert not SurveyResponse.objects.exists()


def test_a_missing_required_answer_names_the_question(client_for, survey):
    q1 = survey.questions.get(order=1)
    response = client_for("headteacher").post(
        reverse("surveys:answer", args=[survey.pk]), answer_data(survey, **{f"q{q1.pk}": ""})
    )
    assert response.status_code == 200
    assert "Answer question 1" in text(response)
    assert not SurveyResponse.objects.exists()


def test_the_service_refuses_a_choice_not_on_the_list(survey, users):
    q2 = survey.questions.get(order=2)
    answers = {q.pk: None for q in survey.questions.all()}
    answers[survey.questions.get(order=1).pk] = 3
    answers[q2.pk] = ["Something else"]
    with pytest.raises(surveys.SurveyRefused, match="choose from the list"):
        surveys.respond(survey=survey, user=users["headteacher"], answers=answers)
    assert not SurveyResponse.objects.exists()


def test_a_cluster_survey_is_only_for_that_clusters_schools(client_for, users, school, survey):
    cluster = Cluster.objects.create(name="North")
    cluster.schools.add(school)
    Survey.objects.filter(pk=survey.pk).update(audience="cluster", cluster=cluster)
    assert (
        client_for("headteacher").get(reverse("surveys:detail", args=[survey.pk])).status_code
        == 200
    )
    other = client_for("other_headteacher")
    assert other.get(reverse("surveys:detail", args=[survey.pk])).status_code == 404
    assert other.get(reverse("surveys:answer", args=[survey.pk])).status_code == 404
    assert "School improvement offer survey" not in text(other.get(reverse("surveys:list")))


def test_results_count_each_answer(client_for, survey, users):
    client_for("headteacher").post(reverse("surveys:answer", args=[survey.pk]), answer_data(survey))
    client_for("other_headteacher").post(
        reverse("surveys:answer", args=[survey.pk]),
        answer_data(survey, **{f"q{survey.questions.get(order=2).pk}": ["Briefings"]}),
    )
    results = {row["question"].order: row for row in surveys.results(survey)}
    assert dict(results[2]["options"]) == {
        "Peer review": 1,
        "Briefings": 2,
        "System leader support": 0,
    }
    assert dict(results[1]["options"])["Agree"] == 2
    page = text(client_for("officer").get(reverse("surveys:results", args=[survey.pk])))
    assert "2 of 2 schools answered" in page or "2 of" in page
    assert "More CPD" in page


def test_the_export_escapes_formulas(client_for, survey):
    q3 = survey.questions.get(order=3)
    client_for("headteacher").post(
        reverse("surveys:answer", args=[survey.pk]),
        answer_data(survey, **{f"q{q3.pk}": '=HYPERLINK("http://evil.example","x")'}),
    )
    response = client_for("officer").get(reverse("surveys:export", args=[survey.pk]))
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert "Ashcombe Primary School" in body


def test_reminders_go_to_the_heads_who_have_not_answered(client_for, survey, users):
    client_for("headteacher").post(reverse("surveys:answer", args=[survey.pk]), answer_data(survey))
    client_for("officer").post(reverse("surveys:remind", args=[survey.pk]))
    assert [message.to for message in mail.outbox] == [[users["other_headteacher"].email]]
    assert survey.reminders.get().recipients == 1


def test_you_said_we_did_is_shown_to_heads_once_closed(client_for, survey, users):
    client_for("headteacher").post(reverse("surveys:answer", args=[survey.pk]), answer_data(survey))
    theme = SurveyTheme.objects.create(survey=survey, name="More CPD wanted")
    answer = survey.questions.get(order=3).answers.get()
    officer = client_for("officer")
    officer.post(reverse("surveys:tag", args=[survey.pk, answer.pk]), {"themes": [theme.pk]})
    assert list(answer.themes.all()) == [theme]
    officer.post(
        reverse("surveys:theme", args=[survey.pk, theme.pk]),
        {"la_response": "A CPD programme for middle leaders from January."},
    )
    head = client_for("headteacher")
    assert "A CPD programme" not in text(head.get(reverse("surveys:detail", args=[survey.pk])))
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    page = text(head.get(reverse("surveys:detail", args=[survey.pk])))
    assert "You said, we did" in page and "A CPD programme for middle leaders" in page


def test_the_survey_list_takes_the_same_queries_however_many_surveys(client_for, users, survey):
    client = client_for("headteacher")
    client.get(reverse("surveys:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("surveys:list"))
    for index in range(8):
        Survey.objects.create(
            title=f"Survey {index}",
            audience="headteachers",
            opens_on=survey.opens_on,
            closes_on=survey.closes_on,
            created_by=users["officer"],
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("surveys:list"))
    assert len(many) == len(few)


@pytest.fixture
def governors_survey(users, school):
    from .factories import PersonFactory

    today = timezone.localdate()
    survey = Survey.objects.create(
        title="Governance survey",
        introduction="How well are governors supported?",
        audience="governors",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=10),
        created_by=users["officer"],
    )
    Question.objects.create(survey=survey, order=1, text="Training meets our needs.", kind="scale")
    chair = PersonFactory(
        school=school, job_title="Chair of governors", email="chair@example.invalid"
    )
    PersonFactory(job_title="Chair of governors", email="")  # no email: cannot be invited
    return survey, chair


def test_governors_answer_through_their_emailed_link_once(client, client_for, governors_survey):
    survey, chair = governors_survey
    client_for("officer").post(reverse("surveys:remind", args=[survey.pk]))
    assert [m.to for m in mail.outbox] == [["chair@example.invalid"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/answer/" in line)
    path = link[link.index("/partnership/") :]
    client.logout()
    q1 = survey.questions.get()
    page = text(client.get(path))
    assert "Training meets our needs." in page and chair.full_name in page
    response = client.post(path, {f"q{q1.pk}": "5"})
    assert "Thank you: your answers have been sent to the LA." in text(response)
    saved = SurveyResponse.objects.get()
    assert saved.person == chair and saved.submitted_by is None
    again = text(client.post(path, {f"q{q1.pk}": "1"}))
    assert "answered this survey on" in again
    assert SurveyResponse.objects.count() == 1
    # A governors' survey is not offered to headteachers.
    assert "Governance survey" not in text(client_for("headteacher").get(reverse("surveys:list")))


def test_a_forged_or_closed_link_is_refused(client, governors_survey):
    survey, chair = governors_survey
    assert client.get(reverse("surveys:link_answer", args=["forged"])).status_code == 404
    token = surveys.invitation_token(survey, chair)
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    page = text(client.get(reverse("surveys:link_answer", args=[token])))
    assert "answers are no longer accepted" in page
    assert 'name="q' not in page
