"""Partnership: the project package and the partnership domain (people, roles, boards...)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
