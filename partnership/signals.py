"""Receivers that write sign-in events to the access log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .accounts import normalise_email
from .models import AccessEvent
from .services import access_event_record


@receiver(user_logged_in, dispatch_uid="access_log_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    access_event_record(kind=AccessEvent.Kind.SIGN_IN, request=request, user=user)
    if request is not None and hasattr(request, "session"):
        from .middleware import SessionTimeoutMiddleware

        SessionTimeoutMiddleware.start(request.session)  # the session timeouts count from here


@receiver(user_logged_out, dispatch_uid="access_log_sign_out")
def record_sign_out(sender, request, user, **kwargs):
    if user is not None:
        # The session timeout says why it signed the person out.
        detail = getattr(request, "signed_out_because", "")
        access_event_record(
            kind=AccessEvent.Kind.SIGN_OUT, request=request, user=user, detail=detail
        )


@receiver(user_login_failed, dispatch_uid="access_log_sign_in_failed")
def record_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django passes the credentials with the password already masked.
    access_event_record(
        kind=AccessEvent.Kind.SIGN_IN_FAILED,
        request=request,
        username=normalise_email(credentials.get("username", "")),
    )


@receiver(user_locked_out, dispatch_uid="access_log_locked_out")
def record_locked_out(sender, request, username, ip_address, **kwargs):
    access_event_record(
        kind=AccessEvent.Kind.LOCKED_OUT,
        request=request,
        username=username or "",
        detail="Too many failed sign-ins; locked out for the cool-off period.",
    )
