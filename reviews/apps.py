from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Peer-review cycles, teams, findings and themes (built in the peer review issue)."""

    name = "reviews"
    verbose_name = "Peer reviews"
