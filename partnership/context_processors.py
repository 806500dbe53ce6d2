"""Values every page needs: the council's name and the navigation for this user."""

from django.conf import settings

from .navigation import navigation_for


def service(request):
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "journal_name": settings.JOURNAL_NAME,
        "service_contact_email": settings.SERVICE_CONTACT_EMAIL,
        "navigation": navigation_for(request) if hasattr(request, "user") else [],
    }
