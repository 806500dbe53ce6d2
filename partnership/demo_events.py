"""A year of the demo borough's events: briefings each term, the annual conference, courses and
peer-review training, with bookings and, for past events, attendance. Idempotent."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from schools.models import Status

from .models import Booking, Event, Person, User

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
    first_year = today.year if today.month >= 9 else today.year - 1
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
        Booking.objects.bulk_create(
            Booking(
                event=event,
                person=head,
                school=head.school,
                booked_by=officer,
                attended=(rng.random() < 0.85) if past else None,
            )
            for head in chosen
        )
    return {"events_created": created}
