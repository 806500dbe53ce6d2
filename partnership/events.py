"""Events and training: booking rules, attendance, reach, and iCalendar feeds.

Each function checks its rule and raises `EventRefused` with a message for the user before
anything is written. Who may call which is decided in `partnership/permissions.py`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from schools.models import School, Status

from .models import Booking, Event, Person
from .refusals import Refused
from .terms import academic_year_start

FEED_SALT = "partnership.events.feed"


class EventRefused(Refused):
    """A request the rules refuse; the message says why, for the user."""


def places_left(event: Event, booked: int | None = None) -> int | None:
    if event.places is None:
        return None
    if booked is None:
        booked = event.bookings.filter(cancelled_at__isnull=True).count()
    return max(event.places - booked, 0)


@transaction.atomic
def book(*, event: Event, person: Person, by) -> Booking:
    """A place for the person. The event row is locked while places are counted, so two
    people taking the last place at once cannot both have it."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is not None:
        raise EventRefused(f"{event.title} has been cancelled: it cannot be booked.")
    if event.starts_at <= timezone.now():
        raise EventRefused(f"{event.title} has already started: it can no longer be booked.")
    if event.bookings.filter(person=person, cancelled_at__isnull=True).exists():
        raise EventRefused(f"{person.full_name} already has a place on {event.title}.", "person")
    left = places_left(event)
    if left == 0:
        raise EventRefused(
            f"{event.title} is full: all {event.places} places are booked. Ask the LA team "
            "about a waiting list or another date."
        )
    return Booking.objects.create(event=event, person=person, school=person.school, booked_by=by)


@transaction.atomic
def booking_cancel(*, booking: Booking) -> None:
    if booking.cancelled_at is not None:
        return
    if booking.event.starts_at <= timezone.now():
        raise EventRefused("The event has started: the booking can no longer be cancelled.")
    Booking.objects.filter(pk=booking.pk, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )


@transaction.atomic
def attendance_save(*, event: Event, attended_ids: set[int], by=None) -> int:
    """Mark who came (and so who did not) among the live bookings; returns how many came.

    Coming to peer-review training is recorded as completing it, which is what a place on a
    review team needs (reviews.TrainingRecord)."""
    if event.starts_at > timezone.now():
        raise EventRefused("Attendance can be recorded once the event has started.")
    live = event.bookings.filter(cancelled_at__isnull=True)
    unknown = attended_ids - set(live.values_list("pk", flat=True))
    if unknown:
        raise EventRefused("A booking in this form is not on this event.")
    live.filter(pk__in=attended_ids).update(attended=True)
    live.exclude(pk__in=attended_ids).update(attended=False)
    if event.kind == Event.Kind.PEER_REVIEW_TRAINING and by is not None:
        from reviews.models import TrainingRecord, TrainingSession

        held_on = timezone.localtime(event.starts_at).date()
        session, _ = TrainingSession.objects.get_or_create(
            title=event.title, held_on=held_on, defaults={"venue": event.venue}
        )
        for booking in live.filter(pk__in=attended_ids).select_related("person"):
            TrainingRecord.objects.get_or_create(
                person=booking.person,
                session=session,
                defaults={"completed_on": held_on, "recorded_by": by},
            )
    return len(attended_ids)


@transaction.atomic
def event_cancel(*, event: Event, reason: str) -> int:
    """Cancel the event and email everyone booked on it; returns how many were told."""
    from django.core.mail import send_mass_mail

    if event.cancelled_at is not None:
        raise EventRefused("This event is already cancelled.")
    event.cancelled_at, event.cancel_reason = timezone.now(), reason
    event.save(update_fields=["cancelled_at", "cancel_reason"])
    emails = sorted(
        set(
            event.bookings.filter(cancelled_at__isnull=True)
            .exclude(person__email="")
            .values_list("person__email", flat=True)
        )
    )
    when = timezone.localtime(event.starts_at)
    subject = f"Cancelled: {event.title}, {when.day} {when:%B %Y}"
    body = (
        f"{event.title} on {when.day} {when:%B %Y} at {when:%H:%M} ({event.venue}) has been "
        f"cancelled.\n\nReason: {reason}\n\n{settings.SERVICE_NAME}, {settings.COUNCIL_NAME}"
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(emails)


# ------------------------------------------------------------------------------------ reach


def academic_year(today: date) -> tuple[date, date, str]:
    first = academic_year_start(today)
    return date(first, 9, 1), date(first + 1, 8, 31), f"{first}/{str(first + 1)[2:]}"


def reach(today: date | None = None) -> dict:
    """'N of M schools attended a briefing this year; N of M heads trained' (three queries)."""
    from reviews.models import TrainingRecord
    from reviews.selectors import is_head

    today = today or timezone.localdate()
    starts, ends, label = academic_year(today)
    open_schools = School.objects.exclude(status=Status.CLOSED)
    attended = (
        Booking.objects.filter(
            attended=True,
            event__kind=Event.Kind.BRIEFING,
            event__starts_at__date__gte=starts,
            event__starts_at__date__lte=ends,
            school__in=open_schools,
        )
        .values("school_id")
        .distinct()
        .count()
    )
    heads = Person.objects.filter(is_head(), school__in=open_schools).values("pk").distinct()
    # Trained: a record of peer-review training (attending the training event makes one).
    trained = (
        Person.objects.filter(pk__in=heads)
        .filter(pk__in=TrainingRecord.objects.values("person_id"))
        .count()
    )
    return {
        "year": label,
        "schools": open_schools.count(),
        "schools_at_briefing": attended,
        "heads": heads.count(),
        "heads_trained": trained,
    }


def booked_counts(events) -> dict[int, int]:
    """Live bookings per event, in one query."""
    return dict(
        Booking.objects.filter(event__in=events, cancelled_at__isnull=True)
        .values("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    )


# ------------------------------------------------------------------------------- iCalendar


def feed_token(user) -> str:
    return signing.dumps(user.pk, salt=FEED_SALT)


def feed_user(token: str):
    from .models import User

    try:
        pk = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ics(events, *, name: str) -> str:
    """An iCalendar file of the events (cancelled ones marked so, for calendars to remove)."""
    host = (settings.ALLOWED_HOSTS or ["partnership"])[0].lstrip(".") or "partnership"
    now = _stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_text(settings.COUNCIL_NAME)}//{_text(settings.SERVICE_NAME)}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(event.starts_at)}",
            f"DTEND:{_stamp(event.ends_at)}",
            f"SUMMARY:{_text(event.title)}",
            f"LOCATION:{_text(event.venue)}",
            f"DESCRIPTION:{_text(event.description)}",
            f"STATUS:{'CANCELLED' if event.cancelled_at else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def feed_events(user, *, since: date | None = None):
    from . import permissions

    since = since or (timezone.localdate() - timedelta(days=90))
    return permissions.scope_events(user, Event.objects.filter(starts_at__date__gte=since))
