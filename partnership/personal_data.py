"""Personal data: everything held about one person (subject access), and the retention rule
that anonymises people the service no longer needs to know.

Both find personal data from the models' own relations to `User` and `Person`, so a model added
later is included without anyone remembering to list it here.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from .models import AccessEvent, Person, User

NEVER_EXPORTED = {"password"}
ROWS_PER_KIND = 10_000


def _value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name
    return value


def _row(instance) -> dict:
    row = {}
    for field in instance._meta.concrete_fields:
        if field.name in NEVER_EXPORTED:
            continue
        row[field.name] = _value(getattr(instance, field.attname))
    return row


def _relations():
    """(model, field) for every field in the project that points at a User or a Person."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            # Fields declared on the model (not the reverse side of another model's field).
            if not field.is_relation or (field.auto_created and not field.concrete):
                continue
            if field.related_model in (User, Person) and (
                field.many_to_one or field.many_to_many or field.one_to_one
            ):
                yield model, field


def subject_access(user: User) -> dict:
    """Everything the service holds about the person with this account, as plain data."""
    person = user.person
    export = {
        "about": (
            f"Everything {settings.SERVICE_NAME} ({settings.COUNCIL_NAME}) holds about "
            f"{user.full_name}, exported {timezone.localtime():%d %B %Y %H:%M}."
        ),
        "account": _row(user),
        "roles": user.role_labels,
        "schools": [str(school) for school in user.schools.all()],
        "person": _row(person) if person else None,
        "records": {},
    }
    subjects = {User: user.pk, Person: person.pk if person else None}
    for model, field in _relations():
        if model in (User, Person) and field.name in ("person", "user"):
            continue  # the account and person themselves, above
        pk = subjects[field.related_model]
        if pk is None:
            continue
        rows = model._default_manager.filter(**{field.name: pk}).order_by("pk")[:ROWS_PER_KIND]
        found = [_row(row) for row in rows]
        if found:
            label = f"{model._meta.verbose_name_plural} ({field.verbose_name})"
            export["records"][label] = found
    return export


def subject_access_json(user: User) -> str:
    return json.dumps(subject_access(user), indent=2, ensure_ascii=False, default=str)


def retention_cutoff(today: date | None = None) -> datetime:
    today = today or timezone.localdate()
    days = settings.PERSONAL_DATA_RETENTION_DAYS
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), datetime.min.time()))


@transaction.atomic
def apply_retention(today: date | None = None) -> dict:
    """Anonymise what is past the retention period, keeping figures and the audit trail:

    - accounts deactivated and unused (no sign-in) since before the cutoff: name, email and
      password are replaced, and so is the person record linked to them, in the change history
      as well; the records they made stay, now attributed to "Former user N";
    - access-log entries older than the cutoff: the IP address, browser and typed username are
      removed; what happened, when and to which account stays.
    Safe to run any number of times."""
    cutoff = retention_cutoff(today)
    stale = User.objects.filter(is_active=False).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )
    stale = stale.exclude(email__endswith="@former.invalid")
    anonymised = 0
    for user in stale.select_related("person"):
        name = f"Former user {user.pk}"
        user.full_name, user.email = name, f"former-user-{user.pk}@former.invalid"
        user.set_unusable_password()
        user.save(update_fields=["full_name", "email", "password"])
        user.history.update(full_name=name, email=user.email)
        if user.person_id:
            person = user.person
            fields = {"title": "", "first_name": "Former", "last_name": f"person {person.pk}",
                      "email": "", "telephone": "", "job_title": ""}  # fmt: skip
            Person.objects.filter(pk=person.pk).update(**fields)
            person.history.update(**fields)
        anonymised += 1
    redacted = AccessEvent.objects.filter(at__lt=cutoff).exclude(
        ip_address__isnull=True, user_agent="", username=""
    )
    count = redacted.redact()
    return {"accounts_anonymised": anonymised, "access_events_redacted": count}
