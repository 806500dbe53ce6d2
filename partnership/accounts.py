"""Helpers for signing in by email address."""


def normalise_email(value: str) -> str:
    """Email addresses are compared without regard to case or surrounding spaces."""
    return (value or "").strip().lower()


def axes_username(request, credentials) -> str:
    """The username django-axes counts failures against: the email, normalised."""
    if credentials and credentials.get("username"):
        return normalise_email(credentials["username"])
    if request is not None and hasattr(request, "POST"):
        return normalise_email(request.POST.get("username", ""))
    return ""
