"""The demo borough's peer-review programme: last year's cycle, closed, and this year's, with
reviews at every stage. Idempotent: a second run creates and changes nothing."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from partnership.demo_support import demo_head_accounts
from partnership.models import Person, User
from partnership.terms import academic_year_start
from schools.models import School, Status

from . import schedule, services
from .models import (
    Cycle,
    Framework,
    Priority,
    Review,
    SharingDecision,
    TeamMember,
    TrainingRecord,
    TrainingSession,
    WorkshopAction,
)

SEED = 5
LA_CODE = 997

# Per area: (how often it is a strength, how often an area for development), and sample text.
PATTERN = {
    "inclusion": (0.5, 0.45),
    "curriculum_teaching": (0.6, 0.4),
    "achievement": (0.35, 0.6),
    "attendance_behaviour": (0.3, 0.65),
    "personal_development": (0.8, 0.15),
    "early_years": (0.55, 0.3),
    "post_16": (0.5, 0.3),
    "leadership_governance": (0.65, 0.3),
    "safeguarding": (0.7, 0.1),
}
STRENGTHS = {
    "inclusion": "Pupils with SEND are known well; adaptations in lessons are precise.",
    "curriculum_teaching": "A well-sequenced curriculum; teachers check understanding often.",
    "achievement": "Reading outcomes have risen for three years, for disadvantaged pupils too.",
    "attendance_behaviour": "Calm, orderly corridors; routines are consistent across classes.",
    "personal_development": "A rich offer of clubs and trips, taken up by disadvantaged pupils.",
    "early_years": "Communication and language are prioritised from the first day.",
    "post_16": "Strong careers guidance; students progress to ambitious destinations.",
    "leadership_governance": "Leaders know the school's strengths and weaknesses accurately.",
    "safeguarding": "A strong culture of vigilance; records are timely and thorough.",
}
DEVELOPMENT = {
    "inclusion": "Plans for pupils with SEND are not always used in foundation subjects.",
    "curriculum_teaching": "Foundation subjects are less well sequenced than English and maths.",
    "achievement": "Disadvantaged pupils' outcomes in maths lag behind their peers'.",
    "attendance_behaviour": "Persistent absence remains above the national figure.",
    "personal_development": "Pupils' understanding of other faiths and cultures is patchy.",
    "early_years": "Outdoor provision is not used well to develop early mathematics.",
    "post_16": "Attendance in Year 13 is lower than in the rest of the school.",
    "leadership_governance": "Governors do not yet challenge leaders on the curriculum.",
    "safeguarding": "Training records for new staff were not all up to date.",
}
GRADES = ["exceptional", "strong", "expected", "needs_attention"]


def _heads(schools: list[School]) -> dict[int, Person]:
    """Each open school's headteacher as a person (from the register's head name)."""
    heads = {}
    existing = {
        person.school_id: person
        for person in Person.objects.filter(
            school__in=schools, job_title__iexact="Headteacher"
        ).order_by("pk")
    }
    for school in schools:
        person = existing.get(school.pk)
        if person is None:
            words = (school.head_name or "Head Teacher").split()
            title = words.pop(0) if len(words) > 2 else ""
            person = Person.objects.create(
                title=title,
                first_name=" ".join(words[:-1]) or "Head",
                last_name=words[-1],
                job_title="Headteacher",
                school=school,
            )
        heads[school.pk] = person
    return heads


def _training(heads: dict[int, Person], officer, rng: random.Random) -> None:
    sessions = [
        TrainingSession.objects.get_or_create(
            title=title, held_on=held_on, defaults={"venue": venue, "trainer": trainer}
        )[0]
        for title, held_on, venue, trainer in (
            (
                "Peer review training: cohort 1",
                date(2025, 6, 18),
                "Harrowdale Professional Development Centre",
                "Education Development Trust",
            ),
            (
                "Peer review training: cohort 2",
                date(2026, 9, 23),
                "Riverside Teaching School Hub",
                "LA school-improvement team",
            ),
        )
    ]
    for index, (_school_id, person) in enumerate(sorted(heads.items())):
        # Most heads trained; a few (not the demo headteacher's school, the first) not yet.
        if index and rng.random() < 0.12:
            continue
        session = sessions[0] if index % 3 else sessions[1]
        TrainingRecord.objects.get_or_create(
            person=person,
            session=session,
            defaults={"completed_on": session.held_on, "recorded_by": officer},
        )


def _stage(review: Review, today: date) -> str:
    days = (today - review.starts_on).days
    if days > 45:
        return Review.Status.CLOSED
    if days > 25:
        return Review.Status.AGREED
    if days > 10:
        return Review.Status.DRAFT_REPORT
    if days >= -3:
        return Review.Status.IN_PROGRESS
    return Review.Status.PLANNED


def _fill(review: Review, stage: str, heads, officer, head_users, rng: random.Random):
    """Team, findings and workshop as far as the review's stage."""
    trained = set(TrainingRecord.objects.values_list("person_id", flat=True))
    reviewers = [
        heads[school.pk]
        for school in review.reviewing_schools.order_by("name")
        if school.pk in heads and heads[school.pk].pk in trained
    ]
    for index, person in enumerate(reviewers):
        role = TeamMember.Role.LEAD if index == 0 else TeamMember.Role.REVIEWER
        TeamMember.objects.get_or_create(review=review, person=person, defaults={"role": role})
    roll = rng.random()
    sharing = (
        Review.Sharing.PRIVATE
        if roll < 0.1
        else Review.Sharing.LA
        if roll < 0.35
        else Review.Sharing.THEMES
    )
    host_user = head_users.get(review.host_school_id)
    if sharing != review.sharing:
        review.sharing = sharing
        if host_user is not None:
            SharingDecision.objects.create(review=review, level=sharing, decided_by=host_user)
    if stage == Review.Status.PLANNED:
        review.save()
        return
    order = list(Review.Status.values)
    reached = order.index(stage)
    is_primary = review.host_school.phase in ("primary", "nursery")
    for evaluation in review.evaluations.select_related("area"):
        code = evaluation.area.code
        strength_rate, development_rate = PATTERN.get(code, (0.5, 0.3))
        if evaluation.area.only_where_applicable and (
            (code == "post_16") == is_primary or rng.random() < 0.2
        ):
            evaluation.not_applicable = True
        evaluation.self_grade = rng.choice(GRADES[:3]) if code != "safeguarding" else "met"
        evaluation.self_evaluation = f"We judge {evaluation.area.name.lower()} to be secure."
        if reached >= order.index(Review.Status.DRAFT_REPORT) or rng.random() < 0.5:
            if code == "safeguarding":
                evaluation.team_grade = "met"
            else:
                evaluation.team_grade = rng.choice(GRADES)
            evaluation.evidence = "Learning walks, work scrutiny and meetings with leaders."
            if rng.random() < strength_rate:
                evaluation.strengths = STRENGTHS.get(code, "")
            if rng.random() < development_rate:
                evaluation.areas_for_development = DEVELOPMENT.get(code, "")
        evaluation.save()
    if reached >= order.index(Review.Status.DRAFT_REPORT) or stage == Review.Status.IN_PROGRESS:
        developing = [e for e in review.evaluations.all() if e.areas_for_development][:2]
        for index, evaluation in enumerate(developing):
            Priority.objects.get_or_create(
                review=review,
                order=index,
                defaults={"area": evaluation.area, "description": evaluation.areas_for_development},
            )

    def moment(days: int):
        return timezone.make_aware(
            datetime.combine(review.ends_on + timedelta(days=days), time(16))
        )

    if reached >= order.index(Review.Status.AGREED):
        review.agreed_at = moment(12)
        review.workshop_on = review.ends_on + timedelta(days=14)
        WorkshopAction.objects.get_or_create(
            review=review,
            description="Share the priorities with staff and governors",
            defaults={"owner": "Headteacher", "due_on": review.ends_on + timedelta(days=28)},
        )
    if stage == Review.Status.CLOSED:
        review.closed_at = moment(45)
        review.follow_up_on = review.ends_on + timedelta(days=42)
        review.follow_up_notes = "Cluster heads revisited: first priority on track."
    review.status = stage
    review.save()


@transaction.atomic
def load(*, officer: User) -> dict:
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo data, not security
    framework = Framework.objects.filter(is_default=True).order_by("-version").first()
    schools = list(
        School.objects.filter(la_code=LA_CODE).exclude(status=Status.CLOSED).order_by("urn")
    )
    heads = _heads(schools)
    _training(heads, officer, rng)
    head_users = demo_head_accounts()
    today = timezone.localdate()
    year = academic_year_start(today)
    created = 0
    for first, current in ((year - 1, False), (year, True)):
        cycle, _ = Cycle.objects.get_or_create(
            name=f"{first}/{str(first + 1)[2:]}",
            defaults={
                "starts_on": date(first, 9, 1),
                "ends_on": date(first + 1, 7, 22),
                "framework": framework,
            },
        )
        if cycle.reviews.exists():
            continue
        services.clusters_from_register(cycle=cycle)
        schedule.apply(cycle)
        for review in cycle.reviews.select_related("host_school").order_by("starts_on", "pk"):
            stage = _stage(review, today) if current else Review.Status.CLOSED
            _fill(review, stage, heads, officer, head_users, rng)
            created += 1
    return {"peer_reviews": created}
