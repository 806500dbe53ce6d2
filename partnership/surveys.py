"""Surveys and consultations: who is invited, answering once, results, reminders, exports.

Each function checks its rule and raises `SurveyRefused` with a message for the user before
anything is written. Who may call which is decided in `partnership/permissions.py`.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter

from django.conf import settings
from django.core import signing
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from schools.exports import safe_cell
from schools.models import School, Status

from .models import (
    Person,
    Question,
    Role,
    Survey,
    SurveyAnswer,
    SurveyReminder,
    SurveyResponse,
    User,
)
from .refusals import Refused
from .terms import long_date

SCALE = [(1, "Strongly disagree"), (2, "Disagree"), (3, "Neither"), (4, "Agree"),
         (5, "Strongly agree")]  # fmt: skip


class SurveyRefused(Refused):
    """A request the rules refuse; the message says why, for the user."""


# ----------------------------------------------------------------------------- who answers


def invited_schools(survey: Survey) -> QuerySet[School]:
    schools = School.objects.exclude(status=Status.CLOSED)
    if survey.audience == Survey.Audience.CLUSTER:
        schools = schools.filter(clusters=survey.cluster_id)
    return schools.order_by("name", "urn")


def invited_heads(survey: Survey) -> QuerySet[Person]:
    return (
        Person.objects.filter(
            user__is_active=True,
            user__role_grants__role=Role.HEADTEACHER,
        )
        .select_related("school")
        .distinct()
        .order_by("last_name", "first_name")
    )


def invited_governors(survey: Survey) -> QuerySet[Person]:
    """Chairs of governors (and other governors) of open schools, with an email address."""
    return (
        Person.objects.filter(job_title__icontains="governor")
        .exclude(email="")
        .exclude(school__status=Status.CLOSED)
        .select_related("school")
        .order_by("last_name", "first_name")
    )


def invited_people(survey: Survey) -> QuerySet[Person]:
    if survey.audience == Survey.Audience.GOVERNORS:
        return invited_governors(survey)
    return invited_heads(survey)


INVITATION_SALT = "partnership.surveys.invitation"


def invitation_token(survey: Survey, person: Person) -> str:
    return signing.dumps({"s": survey.pk, "p": person.pk}, salt=INVITATION_SALT)


def invitation(token: str) -> tuple[Survey, Person] | None:
    """The survey and governor a link was sent for, or None for a link that is not ours."""
    try:
        found = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    survey = Survey.objects.filter(pk=found.get("s"), audience=Survey.Audience.GOVERNORS).first()
    person = invited_governors(survey).filter(pk=found.get("p")).first() if survey else None
    return (survey, person) if person else None


def respondent_for(survey: Survey, user) -> School | Person | None:
    """Whom the user answers for: their school (if invited) or themselves; else None."""
    if not user.has_role(Role.HEADTEACHER):
        return None
    if survey.by_school:
        return invited_schools(survey).filter(pk__in=user.school_ids).first()
    if user.person_id is None:
        return None
    return Person.objects.filter(pk=user.person_id).first()


def existing_response(survey: Survey, respondent) -> SurveyResponse | None:
    if respondent is None:
        return None
    key = "school" if isinstance(respondent, School) else "person"
    return survey.responses.filter(**{key: respondent}).first()


def surveys_for(user) -> QuerySet[Survey]:
    """The surveys a headteacher is invited to answer (officers see all)."""
    from . import permissions

    if permissions.is_officer_or_admin(user):
        return Survey.objects.all()
    if not user.has_role(Role.HEADTEACHER):
        return Survey.objects.none()
    clusters = School.objects.filter(pk__in=user.school_ids).values("clusters")
    return Survey.objects.filter(
        Q(audience__in=[Survey.Audience.SCHOOLS, Survey.Audience.HEADTEACHERS])
        | Q(audience=Survey.Audience.CLUSTER, cluster__in=clusters)
    )


# ---------------------------------------------------------------------------------- answers


def check_answers(survey: Survey, answers: dict[int, object]) -> None:
    """Answers keyed by question id: list of choices, a 1–5 number, or text."""
    for question in survey.questions.all():
        value = answers.get(question.pk)
        empty = value in (None, "", [])
        if empty:
            if question.required:
                raise SurveyRefused(
                    f"Answer question {question.order}: {question.text}", question.pk
                )
            continue
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            values = value if isinstance(value, list) else [value]
            unknown = [v for v in values if v not in question.choice_list]
            if unknown or (question.kind == Question.Kind.SINGLE and len(values) > 1):
                raise SurveyRefused(
                    f"Question {question.order}: choose from the list given", question.pk
                )
        if question.kind == Question.Kind.SCALE and value not in (1, 2, 3, 4, 5):
            raise SurveyRefused(f"Question {question.order}: choose from 1 to 5", question.pk)


def check_can_answer(survey: Survey, user, respondent=None):
    """The school or person the user answers for, or SurveyRefused saying why not. A governor
    answering through their link is the `respondent` (no user)."""
    today = timezone.localdate()
    if today < survey.opens_on:
        raise SurveyRefused(f"This survey opens on {long_date(survey.opens_on)}.")
    if today > survey.closes_on:
        raise SurveyRefused(
            f"This survey closed on {long_date(survey.closes_on)}: answers are no longer accepted."
        )
    respondent = respondent or respondent_for(survey, user)
    if respondent is None:
        raise SurveyRefused("This survey is not for you or your school.")
    earlier = existing_response(survey, respondent)
    if earlier is not None:
        raise SurveyRefused(
            f"{'Your school' if survey.by_school else 'You'} answered this survey on "
            f"{long_date(timezone.localtime(earlier.submitted_at).date())}: there is one response "
            f"per {'school' if survey.by_school else 'person'}."
        )
    return respondent


@transaction.atomic
def respond(*, survey: Survey, user, answers: dict[int, object], respondent=None) -> SurveyResponse:
    respondent = check_can_answer(survey, user, respondent)
    check_answers(survey, answers)
    key = "school" if survey.by_school else "person"
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey, submitted_by=user, **{key: respondent}
            )
    except IntegrityError:
        raise SurveyRefused("Your school's answers have just been sent by someone else.") from None
    rows = []
    for question in survey.questions.all():
        value = answers.get(question.pk)
        if value in (None, "", []):
            continue
        answer = SurveyAnswer(response=response, question=question)
        if question.kind == Question.Kind.SCALE:
            answer.number = value
        elif question.kind == Question.Kind.TEXT:
            answer.text = value
        else:
            answer.choices = value if isinstance(value, list) else [value]
        rows.append(answer)
    SurveyAnswer.objects.bulk_create(rows)
    return response


# ---------------------------------------------------------------------------------- results


def results(survey: Survey) -> list[dict]:
    """Per question: counts of each choice (or scale point), or the text answers."""
    questions = list(survey.questions.all())
    answers = SurveyAnswer.objects.filter(response__survey=survey).values_list(
        "question_id", "choices", "number"
    )
    tallies: dict[int, Counter] = {question.pk: Counter() for question in questions}
    answered: Counter = Counter()
    for question_id, choices, number in answers:
        answered[question_id] += 1
        if number is not None:
            tallies[question_id][number] += 1
        for choice in choices or []:
            tallies[question_id][choice] += 1
    out = []
    for question in questions:
        if question.kind == Question.Kind.SCALE:
            options = [(label, tallies[question.pk][value]) for value, label in SCALE]
        elif question.kind == Question.Kind.TEXT:
            options = []
        else:
            options = [(choice, tallies[question.pk][choice]) for choice in question.choice_list]
        out.append({"question": question, "answered": answered[question.pk], "options": options})
    return out


def non_responders(survey: Survey) -> list:
    if survey.by_school:
        answered = survey.responses.values("school_id")
        return list(invited_schools(survey).exclude(pk__in=answered))
    answered = survey.responses.values("person_id")
    return list(invited_people(survey).exclude(pk__in=answered))


def invited_count(survey: Survey) -> int:
    return (invited_schools(survey) if survey.by_school else invited_people(survey)).count()


@transaction.atomic
def remind(*, survey: Survey, by, survey_url: str, link_for=None) -> int:
    """Email those who have not answered; returns how many were sent. Governors get their
    own link (`link_for(token)`), which is also how they are first invited."""
    if timezone.localdate() > survey.closes_on:
        raise SurveyRefused("The survey has closed: there is no one to remind.")
    missing = non_responders(survey)
    if survey.audience == Survey.Audience.GOVERNORS:
        subject = f"{survey.title}: your answers by {long_date(survey.closes_on)}"
        messages = [
            (
                subject,
                f"Dear {person.full_name},\n\n{survey.introduction}\n\nYour personal link (please "
                f"do not forward it):\n\n{link_for(invitation_token(survey, person))}\n\n"
                f"The survey closes on {long_date(survey.closes_on)}.\n\n"
                f"{settings.SERVICE_NAME}, {settings.COUNCIL_NAME}",
                settings.DEFAULT_FROM_EMAIL,
                [person.email],
            )
            for person in missing
        ]
        send_mass_mail(messages, fail_silently=False)
        SurveyReminder.objects.create(survey=survey, sent_by=by, recipients=len(messages))
        return len(messages)
    if survey.by_school:
        users = User.objects.filter(
            is_active=True, role_grants__role=Role.HEADTEACHER, schools__in=missing
        ).distinct()
    else:
        users = User.objects.filter(is_active=True, person__in=missing)
    emails = sorted({user.email for user in users})
    subject = f"Reminder: {survey.title} closes on {long_date(survey.closes_on)}"
    body = (
        f"Your answers to “{survey.title}” have not reached us yet. It takes a few minutes:\n\n"
        f"{survey_url}\n\nThe survey closes on {long_date(survey.closes_on)}.\n\n"
        f"{settings.SERVICE_NAME}, {settings.COUNCIL_NAME}"
    )
    send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails],
        fail_silently=False,
    )
    SurveyReminder.objects.create(survey=survey, sent_by=by, recipients=len(emails))
    return len(emails)


class _Echo:
    def write(self, value):
        return value


def csv_response(survey: Survey) -> StreamingHttpResponse:
    """Every response, one row each, with formula-like cells made safe for spreadsheets."""
    questions = list(survey.questions.all())
    responses = survey.responses.select_related("school", "person", "submitted_by")
    answers: dict[tuple[int, int], SurveyAnswer] = {
        (answer.response_id, answer.question_id): answer
        for answer in SurveyAnswer.objects.filter(response__survey=survey)
    }

    def value(answer):
        if answer is None:
            return ""
        if answer.number is not None:
            return f"{answer.number} {dict(SCALE)[answer.number]}"
        return "; ".join(answer.choices) if answer.choices else answer.text

    def rows():
        yield ["Respondent", "URN", "Submitted by", "Submitted at",
               *[f"Q{q.order} {q.text}" for q in questions]]  # fmt: skip
        for response in responses:
            who = response.school.name if response.school_id else response.person.full_name
            urn = response.school.urn if response.school_id else ""
            yield [
                who,
                urn,
                response.submitted_by.full_name if response.submitted_by_id else "Their own link",
                timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M"),
                *[value(answers.get((response.pk, q.pk))) for q in questions],
            ]

    writer = csv.writer(_Echo())
    stream = (writer.writerow([safe_cell(cell) for cell in row]) for row in rows())
    response = StreamingHttpResponse(
        itertools.chain(["\ufeff"], stream), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    return response
