"""A year of the demo borough's events: briefings each term, the annual conference, courses and
peer-review training, with bookings and, for past events, attendance. Idempotent."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from schools.models import School, Status

from .demo_support import demo_head_accounts
from .models import Booking, Event, Person, User
from .terms import academic_year_start

SEED = 6

EVENTS = [
    # (title, kind, month, day, start hour, hours, venue, places, audience)
    ("Autumn headteacher briefing", "briefing", 10, 8, 9, 3, "Harrowdale Civic Centre", 120,
     "headteachers"),
    ("Peer review training: cohort 2", "peer_review_training", 9, 23, 9, 6,
     "Riverside Teaching School Hub", 30, "everyone"),
    ("Leading a curriculum review", "training", 11, 12, 13, 3, "Harrowdale PDC", 25, "everyone"),
    ("Spring headteacher briefing", "briefing", 2, 4, 9, 3, "Harrowdale Civic Centre", 120,
     "headteachers"),
    ("System leaders' network", "network", 1, 20, 16, 2, "Northgate Academy", None,
     "system_leaders"),
    ("Partnership annual conference: inclusion", "conference", 3, 18, 9, 7,
     "Harrowdale Town Hall", 200, "everyone"),
    ("Attendance: what works", "training", 4, 29, 13, 3, "Harrowdale PDC", 2, "everyone"),
    ("Summer headteacher briefing", "briefing", 6, 10, 9, 3, "Harrowdale Civic Centre", 120,
     "headteachers"),
]  # fmt: skip


def _when(first_year: int, month: int, day: int, hour: int, hours: int):
    year = first_year if month >= 9 else first_year + 1
    zone = timezone.get_current_timezone()
    starts = datetime.combine(date(year, month, day), time(hour), tzinfo=zone)
    return starts, starts + timedelta(hours=hours)


@transaction.atomic
def load(*, officer: User) -> dict:
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo data, not security
    today = timezone.localdate()
    first_year = academic_year_start(today)
    heads = list(
        Person.objects.filter(
            school__la_code=997, job_title__iexact="Headteacher", school__status=Status.OPEN
        )
        .select_related("school")
        .order_by("school__urn", "pk")
    )
    created = 0
    for title, kind, month, day, hour, hours, venue, places, audience in EVENTS:
        starts, ends = _when(first_year, month, day, hour, hours)
        event, made = Event.objects.get_or_create(
            title=title,
            starts_at=starts,
            defaults={
                "kind": kind,
                "ends_at": ends,
                "venue": venue,
                "places": places,
                "audience": audience,
                "created_by": officer,
                "description": f"{title}. Lunch provided for full-day events; parking on site.",
            },
        )
        if not made:
            continue
        created += 1
        if audience == "system_leaders":
            chosen = list(Person.objects.filter(leader__isnull=False).select_related("school")[:20])
        else:
            chosen = [head for head in heads if rng.random() < 0.6]
        if places is not None:
            chosen = chosen[:places]
        past = starts < timezone.now()
        bookings = Booking.objects.bulk_create(
            Booking(event=event, person=head, school=head.school, booked_by=officer)
            for head in chosen
        )
        if past:
            # As an officer would: who came, and (for peer-review training) who is trained.
            from .events import attendance_save

            came = {booking.pk for booking in bookings if rng.random() < 0.85}
            attendance_save(event=event, attended_ids=came, by=officer)
    return {"events_created": created}


DEMO_TEXTS = [
    ("More training for middle leaders, especially new subject leads.", "Middle leaders' CPD"),
    ("Briefings clash with governors' meetings on Thursdays.", "Timing of briefings"),
    ("Peer review has been the most useful thing this year.", None),
    ("Help with attendance: persistent absence is our biggest issue.", "Attendance support"),
    ("More time to visit other schools.", "Middle leaders' CPD"),
]
LA_RESPONSES = {
    "Middle leaders' CPD": "A middle leaders' programme with the teaching school hub starts in "
    "January: six sessions, free to partnership schools.",
    "Timing of briefings": "Briefings have moved to Tuesday mornings from the spring term.",
    "Attendance support": "An attendance network meets each half term, and the attendance "
    "course runs in April.",
}


@transaction.atomic
def load_surveys(*, officer: User) -> dict:
    """A closed survey of every school with responses, themes and the LA's responses, and an
    open consultation for the headteachers to answer. Idempotent."""
    from .models import (
        Question,
        Survey,
        SurveyAction,
        SurveyAnswer,
        SurveyResponse,
        SurveyTheme,
    )

    rng = random.Random(SEED + 1)  # noqa: S311 - repeatable demo data, not security
    today = timezone.localdate()
    first_year = academic_year_start(today)
    closed, made = Survey.objects.get_or_create(
        title="Summer survey of schools: the school-improvement offer",
        defaults={
            "audience": Survey.Audience.SCHOOLS,
            "introduction": "The questions Ofsted asks about the LA's support, so that we hear "
            "your view first. Your answers shape next year's offer.",
            "opens_on": date(first_year, 6, 2),
            "closes_on": date(first_year, 7, 4),
            "created_by": officer,
        },
    )
    if made:
        scale = Question.objects.create(
            survey=closed, order=1, kind="scale", text="The LA knows my school well."
        )
        used = Question.objects.create(
            survey=closed,
            order=2,
            kind="multiple",
            text="Which support did your school use this year?",
            choices="Peer review\nHeadteacher briefings\nSystem leader support\nLA visits\n"
            "Training courses",
        )
        rating = Question.objects.create(
            survey=closed,
            order=3,
            kind="single",
            text="How useful were the termly briefings?",
            choices="Very useful\nUseful\nNot useful",
        )
        more = Question.objects.create(
            survey=closed,
            order=4,
            kind="text",
            required=False,
            text="What should the partnership do more of?",
        )
        themes = {
            name: SurveyTheme.objects.create(
                survey=closed, name=name, la_response=LA_RESPONSES[name]
            )
            for name in LA_RESPONSES
        }
        head_users = demo_head_accounts()
        schools = list(School.objects.filter(la_code=997, status=Status.OPEN).order_by("urn"))
        options = used.choice_list
        for index, school in enumerate(schools):
            if rng.random() < 0.25:
                continue  # a quarter did not answer
            response = SurveyResponse.objects.create(
                survey=closed,
                school=school,
                # Paper returns were entered by the LA team.
                submitted_by=head_users.get(school.pk, officer),
            )
            answers = [
                SurveyAnswer(response=response, question=scale, number=rng.choice([2, 3, 4, 4, 5])),
                SurveyAnswer(
                    response=response,
                    question=used,
                    choices=[option for option in options if rng.random() < 0.55] or options[:1],
                ),
                SurveyAnswer(
                    response=response,
                    question=rating,
                    choices=[rng.choice(["Very useful", "Useful", "Useful", "Not useful"])],
                ),
            ]
            comment = DEMO_TEXTS[index % len(DEMO_TEXTS)] if index % 2 == 0 else None
            if comment:
                answers.append(SurveyAnswer(response=response, question=more, text=comment[0]))
            SurveyAnswer.objects.bulk_create(answers)
            if comment and comment[1]:
                answers[-1].themes.add(themes[comment[1]])
        SurveyAction.objects.create(
            survey=closed,
            description="Move headteacher briefings to Tuesday mornings",
            owner="Head of school improvement",
            due_on=date(first_year, 9, 30),
            done=True,
        )
    consultation, _ = Survey.objects.get_or_create(
        title="Consultation: the peer review framework for next year",
        defaults={
            "audience": Survey.Audience.HEADTEACHERS,
            "introduction": "Should next year's framework follow the report-card areas "
            "exactly? Tell us before the partnership board decides.",
            "opens_on": today - timedelta(days=7),
            "closes_on": today + timedelta(days=21),
            "created_by": officer,
        },
    )
    if not consultation.questions.exists():
        Question.objects.create(
            survey=consultation,
            order=1,
            kind="single",
            text="Should the framework keep a separate safeguarding area?",
            choices="Yes\nNo\nNot sure",
        )
        Question.objects.create(
            survey=consultation,
            order=2,
            kind="text",
            required=False,
            text="Anything else about the framework?",
        )
    return {"surveys": Survey.objects.count()}


@transaction.atomic
def load_boards(*, officer: User) -> dict:
    """The Strategic Education Partnership Board and the System Leadership Group, with
    members, termly meetings (minutes and attendance for past ones), priorities and an
    action log with something done, something open and something overdue. Idempotent."""
    from .models import Board, BoardAction, BoardMember, BoardPriority, Meeting, MeetingAttendance

    today = timezone.localdate()
    first_year = academic_year_start(today)
    zone = timezone.get_current_timezone()
    board, made = Board.objects.get_or_create(
        name="Strategic Education Partnership Board",
        defaults={
            "kind": Board.Kind.BOARD,
            "purpose": "Sets the partnership's priorities for school improvement, holds the "
            "partners to account for them and considers forthcoming issues and trends.",
            "terms_of_reference": "1. Membership: the lead member for children's services "
            "(chair), headteacher representatives of each phase, a diocesan representative, "
            "the teaching school hub and LA officers.\n2. Quorum: five members including the "
            "chair or vice-chair and two headteachers.\n3. Meetings: once a term.\n4. Reports: "
            "an annual report to the council's scrutiny committee.",
        },
    )
    Board.objects.get_or_create(
        name="System Leadership Group",
        defaults={
            "kind": Board.Kind.GROUP,
            "purpose": "The partnership's system leaders: brokers support and peer review.",
        },
    )
    if not made:
        return {"boards": Board.objects.count()}
    chair = User.objects.filter(email="board@demo.invalid").select_related("person").first()
    people = [
        (chair.person if chair else None, BoardMember.Role.CHAIR, "Lead member"),
        (officer.person, BoardMember.Role.OFFICER, "School improvement team"),
    ]
    heads = list(
        Person.objects.filter(school__la_code=997, job_title__iexact="Headteacher")
        .select_related("school")
        .order_by("school__urn")[:4]
    )
    people += [
        (head, BoardMember.Role.VICE_CHAIR if index == 0 else BoardMember.Role.MEMBER,
         f"{head.school.get_phase_display()} headteachers")
        for index, head in enumerate(heads)
    ]  # fmt: skip
    members = []
    for person, role, represents in people:
        if person is None:
            continue
        members.append(
            BoardMember.objects.create(
                board=board,
                person=person,
                role=role,
                represents=represents,
                starts_on=date(first_year - 1, 9, 1),
            )
        )
    for order, (title, text) in enumerate(
        [
            ("Every school good or better", "Reduce the number of stuck schools by half."),
            ("Attendance", "Persistent absence below the national figure by summer."),
            ("Peer review for every school", "Every school reviewed once a cycle."),
        ]
    ):
        BoardPriority.objects.create(
            board=board, title=title, description=text, set_on=date(first_year, 9, 20), order=order
        )
    meetings = []
    for month, day in ((10, 7), (1, 27), (5, 12)):
        year = first_year if month >= 9 else first_year + 1
        held = datetime.combine(date(year, month, day), time(16), tzinfo=zone)
        past = held < timezone.now()
        meetings.append(
            Meeting.objects.create(
                board=board,
                held_at=held,
                venue="Harrowdale Civic Centre, Committee Room 2",
                agenda="1. Apologies\n2. Minutes of the last meeting\n3. Ofsted outcomes\n"
                "4. Peer review themes\n5. Attendance\n6. Any other business",
                minutes="1. Apologies were received.\n2. The minutes were agreed.\n3. The board "
                "noted the Ofsted profile and asked for a report on stuck schools.\n4. Peer "
                "review themes: attendance and achievement recur as areas for development."
                if past
                else "",
            )
        )
        if past:
            for index, member in enumerate(members):
                MeetingAttendance.objects.create(
                    meeting=meetings[-1],
                    person=member.person,
                    status="apologies" if index == 3 else "present",
                )
    owner = members[1].person if len(members) > 1 else members[0].person
    BoardAction.objects.create(
        board=board,
        meeting=meetings[0],
        description="Report on the schools judged stuck and the support each has",
        owner=owner,
        due_on=date(first_year, 11, 1),
        status=BoardAction.Status.DONE,
        update="Presented at the January meeting.",
        closed_on=date(first_year, 10, 30),
    )
    BoardAction.objects.create(
        board=board,
        meeting=meetings[0],
        description="Write to academy trusts about sharing attendance data",
        owner=members[0].person,
        due_on=date(first_year, 10, 31),
    )
    BoardAction.objects.create(
        board=board,
        description="Bring the peer review themes for the year to the summer meeting",
        owner=owner,
        due_on=date(first_year + 1, 5, 1),
    )
    return {"boards": Board.objects.count()}


SELF_EVALUATION_TEXT = {
    1: ("good", "The lead member chairs the partnership board; priorities are shared with "
        "schools and reviewed termly.", "Clear, shared priorities.",
        "Scrutiny of academy outcomes is less developed."),
    3: ("good", "Every school has a current risk category reviewed each term.",
        "Officers know maintained schools well.", "Intelligence on academies relies on trusts."),
    4: ("requires_improvement", "Stuck schools are identified; formal powers were used once.",
        "Early identification.", "Too long between identification and support in two cases."),
    6: ("good", "System leaders are brokered from a directory matched to need.",
        "Brokerage matched to need and capacity.", "Impact evaluation is recent."),
}  # fmt: skip


@transaction.atomic
def load_self_evaluation(*, officer: User) -> dict:
    """Last year's finalised self-evaluation and this year's draft. Idempotent."""
    from . import self_evaluation
    from .models import SelfEvaluation

    if SelfEvaluation.objects.exists():
        return {"self_evaluations": SelfEvaluation.objects.count()}
    today = timezone.localdate()
    first_year = academic_year_start(today)
    last = self_evaluation.version_create(by=officer, title=f"Self-evaluation, {first_year - 1}/"
                                          f"{str(first_year)[2:]}")  # fmt: skip
    for number, (grade, position, strengths, development) in SELF_EVALUATION_TEXT.items():
        last.entries.filter(criterion=number).update(
            grade=grade,
            position=position,
            strengths=strengths,
            areas_for_development=development,
        )
    self_evaluation.finalise(version=last, viewer=officer)
    current = self_evaluation.version_create(
        by=officer, title=f"Self-evaluation, autumn {first_year}"
    )
    current.entries.filter(criterion=7).update(
        position="Peer review now reaches every school; training has reached most heads.",
        grade="good",
    )
    return {"self_evaluations": SelfEvaluation.objects.count()}


@transaction.atomic
def load_sharing(*, officer: User) -> dict:
    """CPD offers for the coming terms, case studies at each stage, and an EEF trial with its
    schools and the people trained. Idempotent."""
    from decimal import Decimal

    from .models import CaseStudy, CpdOffer, Project, ProjectSchool, ProjectTraining

    today = timezone.localdate()
    offers = [
        ("Early career teachers: behaviour and routines", "hub", "Riverside Teaching School Hub",
         "Early career teachers", 21, None, None),
        ("SENCO network: the new SEND plans", "la", "Harrowdale Council SEND team", "SENCOs",
         35, None, None),
        ("Subject leadership in the primary curriculum", "school", "Oakwell Primary School",
         "New subject leads", 50, 57, Decimal("45.00")),
        ("Middle leaders' programme", "hub", "Riverside Teaching School Hub", "Middle leaders",
         60, 150, Decimal("120.00")),
    ]  # fmt: skip
    for title, kind, provider, audience, start, end, cost in offers:
        CpdOffer.objects.get_or_create(
            title=title,
            defaults={
                "provider_kind": kind,
                "provider_name": provider,
                "audience": audience,
                "description": f"{title}. Sessions in person with materials to keep.",
                "starts_on": today + timedelta(days=start),
                "ends_on": today + timedelta(days=end) if end else None,
                "cost": cost,
                "booking_link": "https://example.org/book",
                "posted_by": officer,
            },
        )
    schools = list(School.objects.filter(la_code=997, status=Status.OPEN).order_by("urn"))
    heads = demo_head_accounts()
    studies = [
        ("A library in every classroom", "Reading", "published"),
        ("Attendance: the first day matters", "Attendance", "published"),
        ("Inclusive PE for every pupil", "Inclusion", "submitted"),
        ("Retrieval practice in science", "Curriculum", "draft"),
    ]
    for index, (title, theme, status) in enumerate(studies):
        school = schools[index]
        CaseStudy.objects.get_or_create(
            title=title,
            defaults={
                "school": school,
                "theme": theme,
                "summary": f"How {school.name} approached {theme.lower()}, and what changed.",
                "body": "What we noticed.\n\nWhat we did.\n\nWhat changed, and how we know.",
                "contact": "The headteacher, through the school office",
                "status": status,
                "author": heads.get(school.pk, officer),
                "reviewed_by": officer if status == "published" else None,
                "published_at": timezone.now() if status == "published" else None,
            },
        )
    project, made = Project.objects.get_or_create(
        title="Improving mathematics in Key Stage 2 (EEF trial)",
        defaults={
            "kind": Project.Kind.RESEARCH,
            "partner": "Education Endowment Foundation",
            "description": "A randomised trial of a maths mastery programme in Years 3 to 6.",
            "starts_on": today - timedelta(days=400),
            "ends_on": today + timedelta(days=300),
            "lead": officer.person,
        },
    )
    if made:
        primaries = [s for s in schools if s.phase == "primary"][:18]
        ProjectSchool.objects.bulk_create(
            ProjectSchool(project=project, school=s, joined_on=project.starts_on) for s in primaries
        )
        people = Person.objects.filter(school__in=primaries, job_title__iexact="Headteacher")
        ProjectTraining.objects.bulk_create(
            ProjectTraining(project=project, person=p, trained_on=project.starts_on) for p in people
        )
    return {"cpd_offers": CpdOffer.objects.count()}
