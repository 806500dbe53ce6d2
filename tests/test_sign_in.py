"""Signing in by email, throttling with a cool-off, signing out, and the access log."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from partnership.models import AccessEvent, Role

from .factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def person(db):
    return UserFactory(email="ann.head@example.invalid", roles=[Role.HEADTEACHER])


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_signs_in_by_email_in_any_case_and_rotates_the_session(client, person):
    client.get(reverse("login"))
    before = client.session.session_key
    response = sign_in(client, "  Ann.Head@Example.INVALID ")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session.session_key != before
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.SIGN_IN)
    assert event.user == person
    assert event.ip_address == "127.0.0.1"


def test_wrong_password_is_refused_with_a_clear_message_and_logged(client, person):
    response = sign_in(client, person.email, "not the password")
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter a correct email address and password" in content
    assert "Error: Sign in" in content
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.SIGN_IN_FAILED)
    assert event.username == person.email
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_out_then_the_cool_off_ends_the_lock(client, person, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, person.email, "wrong")
        response = sign_in(client, person.email)
        assert response.status_code == 429
        assert "Too many attempts to sign in" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert AccessEvent.objects.filter(kind=AccessEvent.Kind.LOCKED_OUT).exists()
    later = start + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        response = sign_in(client, person.email)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(person.pk)


def test_a_lock_on_one_address_does_not_lock_the_person_out_elsewhere(client, person, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": person.email, "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
        )
    response = client.post(
        reverse("login"),
        {"username": person.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302


def test_a_deactivated_account_cannot_sign_in(client, person):
    person.is_active = False
    person.save()
    response = sign_in(client, person.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_deactivating_an_account_ends_its_session(client, person):
    client.force_login(person)
    assert client.get(reverse("dashboard")).status_code == 200
    person.is_active = False
    person.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_out_needs_post_ends_the_session_and_is_logged(client, person):
    client.force_login(person)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dashboard")).status_code == 302
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.SIGN_OUT, user=person).exists()


def test_next_parameter_cannot_send_people_off_site(client, person):
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {"username": person.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("dashboard")


def test_a_session_ends_after_a_spell_without_activity(client, person, settings):
    settings.SESSION_IDLE_MINUTES = 30
    with time_machine.travel("2026-11-23 09:00", tick=False) as clock:
        sign_in(client, person.email)
        assert client.get(reverse("dashboard")).status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("dashboard")).status_code == 200  # activity keeps it going
        clock.shift(timedelta(minutes=31))
        response = client.get(reverse("dashboard"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?timeout=idle")
        page = client.get(response["Location"]).content.decode()
        assert "had not used the service for a while" in page
        assert client.get(reverse("dashboard")).status_code == 302  # still signed out
    event = AccessEvent.objects.filter(kind=AccessEvent.Kind.SIGN_OUT).get()
    assert "30 minutes without activity" in event.detail


def test_a_session_ends_a_fixed_time_after_signing_in_however_busy(client, person, settings):
    settings.SESSION_ABSOLUTE_HOURS = 8
    with time_machine.travel("2026-11-23 08:00", tick=False) as clock:
        sign_in(client, person.email)
        for _ in range(17):  # busy all day: a request every 29 minutes
            clock.shift(timedelta(minutes=29))
            response = client.get(reverse("dashboard"))
            if response.status_code != 200:
                break
        assert response["Location"].startswith(reverse("login") + "?timeout=absolute")
    event = AccessEvent.objects.filter(kind=AccessEvent.Kind.SIGN_OUT).get()
    assert event.detail == "Signed out 8 hours after signing in"
