"""Error pages in the service's style; every denial is written to the access log."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from ..models import AccessEvent
from ..services import access_event_record

logger = logging.getLogger("partnership.access")


def permission_denied(request, exception=None):
    access_event_record(
        kind=AccessEvent.Kind.DENIED, request=request, detail=str(exception or "")[:500]
    )
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A signed-in person asking for what is not there may be probing ids: keep a record.
        access_event_record(kind=AccessEvent.Kind.NOT_FOUND, request=request)
    else:
        logger.info("not_found path=%s", request.path)
    return render(request, "404.html", status=404)


def server_error(request):
    """Render 500.html with only settings in the context: the request may be what failed.

    When what failed is the database (unreachable, or its connection lost) the page is a 503
    that says the service is unavailable and to try again, with Retry-After."""
    import sys

    from django.db import InterfaceError, OperationalError

    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    try:
        template = loader.get_template("503.html" if unavailable else "500.html")
        body = template.render(
            {
                "council_name": settings.COUNCIL_NAME,
                "service_name": settings.SERVICE_NAME,
                "service_contact_email": settings.SERVICE_CONTACT_EMAIL,
            }
        )
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        logger.exception("The 500 page could not be rendered.")
        body = "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"
    if unavailable:
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "120"
        return response
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    access_event_record(kind=AccessEvent.Kind.CSRF_FAILURE, request=request, detail=reason)
    return render(request, "403_csrf.html", status=403)
