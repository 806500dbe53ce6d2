"""Password reset by email link, expired links, and password change."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnership import forms
from partnership.models import AccessEvent

from .factories import UserFactory

NEW_PASSWORD = "a long new passphrase for the test"


@pytest.fixture
def person(db):
    return UserFactory(email="reset.me@example.invalid")


def reset_link(body: str) -> str:
    return re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", body).group(1)


def test_reset_sends_a_link_that_sets_a_new_password(client, person):
    response = client.post(reverse("password_reset"), {"email": "Reset.Me@example.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = reset_link(mail.outbox[0].body)
    response = client.get(link, follow=True)
    assert "Set your password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.PASSWORD_RESET_REQUESTED).exists()


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.invalid"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_an_expired_link_gets_a_clear_page_and_is_logged(client, person, settings):
    client.post(reverse("password_reset"), {"email": person.email})
    link = reset_link(mail.outbox[0].body)
    later = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(link, follow=True)
    content = response.content.decode()
    assert "This link has expired or has been used" in content
    assert "Ask for a new link" in content
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.PASSWORD_RESET_LINK_INVALID).exists()


def test_common_and_short_passwords_are_refused(client, person):
    client.force_login(person)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "password1234",
            "new_password2": "password1234",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "This password is too common." in content
    assert "There is a problem" in content


def test_password_change_keeps_the_person_signed_in_and_is_logged(client, person):
    client.force_login(person)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("profile")).status_code == 200
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.PASSWORD_CHANGED, user=person).exists()


@pytest.mark.parametrize(
    ("form_class", "kwargs", "expected"),
    [
        (forms.EmailAuthenticationForm, {}, {"username": "Enter your email address"}),
        (forms.PasswordResetForm, {}, {"email": "Enter your email address"}),
        (
            forms.PasswordChangeForm,
            {"user": None},
            {
                "old_password": "Enter your current password",
                "new_password1": "Enter a new password",
            },
        ),
        (forms.SetPasswordForm, {"user": None}, {"new_password2": "Enter the new password again"}),
    ],
)
def test_a_missing_answer_is_named_never_this_field_is_required(form_class, kwargs, expected, db):
    form = form_class(data={}, **kwargs)
    assert not form.is_valid()
    for field, message in expected.items():
        assert form.errors[field] == [message]
    assert "This field is required." not in str(form.errors)


def test_the_user_form_names_each_missing_answer(users):
    form = forms.UserForm(data={}, actor=users["officer"])
    assert not form.is_valid()
    assert form.errors["full_name"] == ["Enter their full name"]
    assert form.errors["email"] == ["Enter their email address"]
