"""Writes of the partnership domain: accounts, roles and the access log."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import permissions
from .accounts import normalise_email
from .models import AccessEvent, Person, Role, User, UserRole

logger = logging.getLogger("partnership.access")


def client_ip(request) -> str | None:
    """The client's address, trusting as many proxies as settings.PROXY_COUNT says."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def access_event_record(
    *,
    kind: str,
    request=None,
    user=None,
    username: str = "",
    detail: str = "",
    obj=None,
) -> AccessEvent:
    """Append one event to the access log and to the application log."""
    if user is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            user = request_user
    event = AccessEvent(
        kind=kind,
        user=user,
        username=normalise_email(username or (user.email if user else ""))[:254],
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:300],
        method=((request.method if request else None) or "")[:10],
        path=(request.get_full_path() if request else "")[:500],
        detail=detail[:500],
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )
    event.full_clean()
    event.save()
    logger.info(
        "%s user=%s ip=%s path=%s %s",
        kind,
        event.username or "-",
        event.ip_address or "-",
        event.path or "-",
        detail,
    )
    return event


def _check_role_change(*, actor, before: set[str], after: set[str]) -> None:
    allowed = {code for code, _label in permissions.assignable_roles(actor)}
    changed = before ^ after
    if changed - allowed:
        raise PermissionDenied("You may not grant or remove the administrator role.")


def _sync_roles(*, user: User, roles: set[str]) -> None:
    current = set(user.role_grants.values_list("role", flat=True))
    for role in current - roles:
        # Deleted one by one so that each removal is recorded in the change history.
        for grant in user.role_grants.filter(role=role):
            grant.delete()
    for role in sorted(roles - current):
        grant = UserRole(user=user, role=role)
        grant.full_clean()
        grant.save()
    # Administrators also use Django's admin site; nobody else does.
    is_admin = Role.ADMIN in roles
    if user.is_staff != is_admin or user.is_superuser != is_admin:
        user.is_staff = user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("role_codes", None)


def _validate_roles(roles) -> set[str]:
    roles = set(roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise ValidationError({"roles": f"Unknown role: {', '.join(sorted(unknown))}."})
    return roles


def _split_name(full_name: str) -> tuple[str, str]:
    parts = full_name.strip().split()
    if len(parts) == 1:
        return parts[0], ""
    return " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def user_create(
    *,
    actor,
    email: str,
    full_name: str,
    roles,
    schools=(),
    person: Person | None = None,
    send_invitation: bool = True,
    request=None,
) -> User:
    """Create an account with the given roles; the person sets a password from an emailed link."""
    if not permissions.is_officer_or_admin(actor):
        raise PermissionDenied("Only LA officers and administrators manage accounts.")
    roles = _validate_roles(roles)
    _check_role_change(actor=actor, before=set(), after=roles)
    email = normalise_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"There is already an account for {email}."})
    schools = list(schools)
    if person is None:
        # A person the partnership already knows (a system leader, say) gets this account.
        person = Person.objects.filter(email__iexact=email, user__isnull=True).first()
    if person is None:
        first_name, last_name = _split_name(full_name)
        person = Person(
            first_name=first_name,
            last_name=last_name,
            email=email,
            school=schools[0] if len(schools) == 1 else None,
        )
        person.full_clean()
        person.save()
    user = User(email=email, full_name=full_name.strip(), person=person)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.schools.set(schools)
    _sync_roles(user=user, roles=roles)
    if send_invitation:
        transaction.on_commit(lambda: user_send_invitation(user=user, request=request))
    return user


@transaction.atomic
def user_update(
    *,
    actor,
    user: User,
    email: str,
    full_name: str,
    roles,
    schools,
    is_active: bool,
) -> User:
    """Change an account's details, roles, schools or whether it may sign in."""
    if not permissions.is_officer_or_admin(actor):
        raise PermissionDenied("Only LA officers and administrators manage accounts.")
    roles = _validate_roles(roles)
    _check_role_change(actor=actor, before=set(user.role_codes), after=roles)
    if user.pk == actor.pk and not is_active:
        raise ValidationError({"is_active": "You cannot deactivate your own account."})
    email = normalise_email(email)
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError({"email": f"There is already an account for {email}."})
    user.email = email
    user.full_name = full_name.strip()
    user.is_active = is_active
    user.full_clean()
    user.save()
    user.schools.set(schools)
    user.__dict__.pop("school_ids", None)
    _sync_roles(user=user, roles=roles)
    return user


def user_send_invitation(*, user: User, request=None) -> None:
    """Email a link with which the person sets their password and signs in."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    link = request.build_absolute_uri(path) if request is not None else path
    context = {
        "user": user,
        "link": link,
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    send_mail(
        subject=f"Your account for {settings.SERVICE_NAME}",
        message=render_to_string("registration/invitation_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
