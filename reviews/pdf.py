"""The peer review report as a PDF, drawn by WeasyPrint from an HTML template.

Rendered synchronously for now: a review report is two or three pages and takes well under a
second. Only the views that check `reviews.view_findings` call this.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone


def review_report(review) -> bytes:
    from weasyprint import HTML  # imported when needed: it is slow to load

    html = render_to_string(
        "reviews/review_report_pdf.html",
        {
            "review": review,
            "team": list(review.team.select_related("person__school")),
            "evaluations": list(review.evaluations.select_related("area__scale")),
            "priorities": list(review.priorities.select_related("area")),
            "actions": list(review.actions.all()),
            "generated": timezone.localtime(),
            "council_name": settings.COUNCIL_NAME,
            "service_name": settings.SERVICE_NAME,
        },
    )
    return HTML(string=html).write_pdf()
