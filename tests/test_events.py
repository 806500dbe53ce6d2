"""Events and training: booking rules, attendance, reach and the iCalendar feeds."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnership import events
from partnership.models import Booking, Event

from .factories import PersonFactory, trained

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def make_event(officer, *, days=14, places=2, audience="everyone", kind="briefing", **kwargs):
    starts = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        title=kwargs.pop("title", "Autumn headteacher briefing"),
        kind=kind,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue="Civic Centre, Committee Room 1",
        places=places,
        audience=audience,
        created_by=officer,
        **kwargs,
    )


def test_a_headteacher_books_themselves_and_a_colleague(client_for, users, school):
    event = make_event(users["officer"], places=5)
    colleague = PersonFactory(school=school, first_name="Jo", last_name="Deputy")
    client = client_for("headteacher")
    for person in (users["headteacher"].person, colleague):
        response = client.post(reverse("events:detail", args=[event.pk]), {"person": person.pk})
        assert response.status_code == 302
    assert event.bookings.count() == 2
    assert set(event.bookings.values_list("school_id", flat=True)) == {None, school.pk}


def test_a_headteacher_cannot_book_someone_at_another_school(client_for, users, other_school):
    event = make_event(users["officer"])
    stranger = PersonFactory(school=other_school)
    response = client_for("headteacher").post(
        reverse("events:detail", args=[event.pk]), {"person": stranger.pk}
    )
    assert "Select yourself or someone at your school" in text(response)
    assert not event.bookings.exists()


def test_a_full_event_is_refused_and_nothing_changes(client_for, users):
    event = make_event(users["officer"], places=1, title="Maths network")
    events.book(event=event, person=PersonFactory(), by=users["officer"])
    response = client_for("headteacher").post(
        reverse("events:detail", args=[event.pk]), {"person": users["headteacher"].person_id}
    )
    assert response.status_code == 200
    assert "Maths network is full: all 1 places are booked" in text(response)
    assert event.bookings.count() == 1


def test_a_second_booking_for_the_same_person_is_refused(users):
    event = make_event(users["officer"])
    person = PersonFactory(first_name="Ann", last_name="Lee")
    events.book(event=event, person=person, by=users["officer"])
    with pytest.raises(events.EventRefused, match="Ann Lee already has a place"):
        events.book(event=event, person=person, by=users["officer"])
    assert event.bookings.count() == 1


def test_a_cancelled_booking_frees_the_place(users):
    event = make_event(users["officer"], places=1)
    person = PersonFactory()
    booking = events.book(event=event, person=person, by=users["officer"])
    events.booking_cancel(booking=booking)
    assert events.places_left(event) == 1
    events.book(event=event, person=person, by=users["officer"])  # and may book again
    assert event.bookings.filter(cancelled_at__isnull=True).count() == 1


def test_past_and_cancelled_events_are_not_booked(users):
    past = make_event(users["officer"], days=-1)
    with pytest.raises(events.EventRefused, match="already started"):
        events.book(event=past, person=PersonFactory(), by=users["officer"])
    cancelled = make_event(users["officer"])
    events.event_cancel(event=cancelled, reason="Snow")
    with pytest.raises(events.EventRefused, match="has been cancelled"):
        events.book(event=cancelled, person=PersonFactory(), by=users["officer"])
    assert not Booking.objects.exists()


def test_events_are_shown_to_their_audience_only(client_for, users):
    for_heads = make_event(users["officer"], audience="headteachers", title="Heads only")
    for_leaders = make_event(users["officer"], audience="system_leaders", title="Leaders only")
    head_list = text(client_for("headteacher").get(reverse("events:list")))
    assert "Heads only" in head_list and "Leaders only" not in head_list
    leader = client_for("system_leader")
    assert leader.get(reverse("events:detail", args=[for_heads.pk])).status_code == 404
    # An .ics request for an event the viewer may not see is "not found", not the event.
    response = leader.get(reverse("events:ics", args=[for_heads.pk]))
    assert response.status_code == 404
    assert b"Heads only" not in response.content
    assert leader.get(reverse("events:ics", args=[for_leaders.pk])).status_code == 200


def test_the_event_file_is_valid_icalendar(client_for, users):
    event = make_event(
        users["officer"],
        title="Briefing; spring, term",
        description="Agenda:\nOfsted update, " + "very long line " * 10,
    )
    response = client_for("headteacher").get(reverse("events:ics", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Briefing\\; spring\\, term" in body
    assert "DESCRIPTION:Agenda:\\nOfsted update\\," in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert f"UID:event-{event.pk}@" in body
    assert "STATUS:CONFIRMED" in body


def test_the_feed_follows_the_user_and_stops_when_they_are_deactivated(client, users):
    make_event(users["officer"], audience="headteachers", title="Heads only")
    make_event(users["officer"], audience="system_leaders", title="Leaders only")
    token = events.feed_token(users["headteacher"])
    body = client.get(reverse("events:feed", args=[token])).content.decode()
    assert "Heads only" in body and "Leaders only" not in body
    users["headteacher"].is_active = False
    users["headteacher"].save()
    assert client.get(reverse("events:feed", args=[token])).status_code == 404
    assert client.get(reverse("events:feed", args=["forged"])).status_code == 404
    board = events.feed_token(users["board_member"])
    assert client.get(reverse("events:feed", args=[board])).status_code == 404


def test_attendance_and_reach(client_for, users, school, other_school):
    head = users["headteacher"].person
    head.school, head.job_title = school, "Headteacher"
    head.save()
    briefing = make_event(users["officer"], days=10, places=None)
    events.book(event=briefing, person=head, by=users["officer"])
    other = PersonFactory(school=other_school, job_title="Headteacher")
    events.book(event=briefing, person=other, by=users["officer"])
    Event.objects.filter(pk=briefing.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    came = briefing.bookings.get(person=head)
    client = client_for("officer")
    response = client.post(
        reverse("events:attendance", args=[briefing.pk]), {"attended": [came.pk]}
    )
    assert response.status_code == 302
    assert dict(briefing.bookings.values_list("person_id", "attended")) == {
        head.pk: True,
        other.pk: False,
    }
    trained(head)
    reach = events.reach()
    assert (reach["schools_at_briefing"], reach["heads_trained"], reach["heads"]) == (1, 1, 2)
    page = text(client.get(reverse("events:list")))
    assert "1 of 2" in page


def test_an_event_form_refuses_an_end_before_the_start(client_for):
    response = client_for("officer").post(
        reverse("events:create"),
        {
            "title": "Conference",
            "kind": "conference",
            "held_on_0": "4",
            "held_on_1": "3",
            "held_on_2": "2027",
            "starts": "15:00",
            "ends": "09:00",
            "venue": "Town hall",
            "audience": "everyone",
        },
    )
    assert "The end time must be after the start time" in text(response)
    assert not Event.objects.exists()


def test_the_event_list_takes_the_same_queries_however_many_events(client_for, users):
    client = client_for("headteacher")
    make_event(users["officer"])
    client.get(reverse("events:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:list"))
    for index in range(12):
        event = make_event(users["officer"], days=20 + index, places=None)
        events.book(event=event, person=PersonFactory(), by=users["officer"])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("events:list"))
    assert len(many) == len(few)


def test_attending_peer_review_training_counts_as_trained(client_for, users):
    from reviews.services import is_trained

    event = make_event(users["officer"], kind="peer_review_training", places=None)
    person = PersonFactory()
    events.book(event=event, person=person, by=users["officer"])
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=5), ends_at=timezone.now() - timedelta(hours=1)
    )
    booking = event.bookings.get()
    assert not is_trained(person)
    client_for("officer").post(
        reverse("events:attendance", args=[event.pk]), {"attended": [booking.pk]}
    )
    assert is_trained(person)


def test_cancelling_an_event_emails_everyone_booked(
    client_for, users, django_capture_on_commit_callbacks
):
    from django.core import mail

    event = make_event(users["officer"], places=None)
    for email in ("a@example.invalid", "b@example.invalid", ""):
        events.book(event=event, person=PersonFactory(email=email), by=users["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("officer").post(
            reverse("events:cancel", args=[event.pk]), {"reason": "Snow closed the roads."}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.invalid", "b@example.invalid"]
    assert "Snow closed the roads." in mail.outbox[0].body
    body = client_for("headteacher").get(reverse("events:ics", args=[event.pk])).content.decode()
    assert "STATUS:CANCELLED" in body
