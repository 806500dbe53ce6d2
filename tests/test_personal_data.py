"""Subject access (everything held about one person) and the retention rule."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from partnership.models import AccessEvent, Person, User
from partnership.personal_data import apply_retention, subject_access

from .factories import UserFactory, peer_review


@pytest.mark.django_db
def test_subject_access_holds_everything_about_the_person_and_nothing_secret(users, school, client):
    head = users["headteacher"]
    review = peer_review(school, lead=head.person)
    client.force_login(head)
    client.get(reverse("dashboard"))
    export = subject_access(head)
    assert export["account"]["email"] == head.email
    assert "password" not in export["account"]
    assert export["person"]["last_name"] == head.person.last_name
    text = json.dumps(export)
    assert str(review.pk) in text  # their place on the review team
    assert any("access" in label for label in export["records"])
    assert head.password not in text


@pytest.mark.django_db
def test_only_an_administrator_downloads_it_and_the_download_is_logged(users, client_for):
    url = reverse("users:personal_data", args=[users["headteacher"].pk])
    assert client_for("officer").get(url).status_code == 403
    response = client_for("admin").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert json.loads(response.content)["account"]["email"] == users["headteacher"].email
    assert AccessEvent.objects.filter(
        kind="viewed_confidential", detail__contains="subject access"
    ).exists()


@pytest.mark.django_db
def test_retention_anonymises_old_unused_accounts_and_redacts_old_log_entries(settings, users):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    with time_machine.travel("2024-01-10 09:00", tick=False):
        leaver = UserFactory(email="leaver@example.invalid", full_name="Lee Leaver")
        AccessEvent.objects.create(
            kind="sign_in", user=leaver, username="leaver@example.invalid", ip_address="10.0.0.9"
        )
    leaver.is_active = False
    leaver.save()
    recent = UserFactory(email="recent@example.invalid", is_active=False)
    person_pk = leaver.person_id
    figures_before = User.objects.count(), Person.objects.count(), AccessEvent.objects.count()

    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        result = apply_retention()
        again = apply_retention()
    assert result == {"accounts_anonymised": 1, "access_events_redacted": 1}
    assert again == {"accounts_anonymised": 0, "access_events_redacted": 0}
    leaver.refresh_from_db()
    assert leaver.full_name == f"Former user {leaver.pk}"
    assert "leaver" not in leaver.email and not leaver.has_usable_password()
    assert not leaver.history.filter(full_name="Lee Leaver").exists()
    if person_pk:
        person = Person.objects.get(pk=person_pk)
        assert person.first_name == "Former" and person.email == ""
        assert not person.history.filter(email__icontains="leaver").exists()
    event = AccessEvent.objects.get(user=leaver)
    assert event.kind == "sign_in" and event.ip_address is None and event.username == ""
    recent.refresh_from_db()
    assert recent.email == "recent@example.invalid"  # deactivated, but not for long enough
    # Counts (the figures) and the audit trail stay whole.
    assert (User.objects.count(), Person.objects.count(), AccessEvent.objects.count()) == (
        figures_before
    )


def test_retention_runs_each_night(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert entry["task"] == "partnership.apply_retention"


@pytest.mark.django_db
def test_the_command_line_writes_the_same_export(users, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = tmp_path / "sar.json"
    call_command(
        "personal_data", users["officer"].email.upper(), "--out", str(out), stdout=StringIO()
    )
    assert json.loads(out.read_text())["account"]["email"] == users["officer"].email
    with pytest.raises(CommandError, match="no account"):
        call_command("personal_data", "nobody@example.invalid", "--out", str(out))
