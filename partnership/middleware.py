"""Response headers that Django's SecurityMiddleware does not set, and session timeouts."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url

# Everything comes from this origin; no inline script or style, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy; `no-store` for signed-in pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not (settings.DEBUG and request.path.startswith("/admin/")):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            # Pages for a signed-in person may hold confidential data: never keep a copy.
            response.headers["Cache-Control"] = "no-store"
        return response


class SessionTimeoutMiddleware:
    """Signs a person out after a spell without activity (idle) and, however active, a fixed
    time after they signed in (absolute). Both are settings; the sign-in page says why.

    The time of the last activity is written at most once a minute, so that most requests do
    not save the session.
    """

    SIGNED_IN_AT = "signed_in_at"
    LAST_SEEN = "last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def start(cls, session) -> None:
        """Start both clocks: at sign-in (partnership.signals)."""
        session[cls.SIGNED_IN_AT] = session[cls.LAST_SEEN] = int(time.time())

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(self.SIGNED_IN_AT, now)
            last_seen = session.get(self.LAST_SEEN, now)
            reason = None
            if now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
                reason = "idle"
            elif now - signed_in_at > settings.SESSION_ABSOLUTE_HOURS * 3600:
                reason = "absolute"
            if reason is not None:
                request.signed_out_because = (
                    f"Signed out after {settings.SESSION_IDLE_MINUTES} minutes without activity"
                    if reason == "idle"
                    else f"Signed out {settings.SESSION_ABSOLUTE_HOURS} hours after signing in"
                )
                logout(request)
                query = urlencode({"timeout": reason, "next": request.path})
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
            if now - last_seen >= 60 or self.LAST_SEEN not in session:
                session[self.LAST_SEEN] = now
        return self.get_response(request)
