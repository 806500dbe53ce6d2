"""Background work of the peer-review programme."""

from celery import shared_task

from .models import Cycle


@shared_task(name="reviews.warm_themes", ignore_result=True)
def warm_themes(cycle_id: int) -> None:
    """Work out a cycle's themes and trend after a review changes, so that the next board
    member to open the themes page does not wait. Safe to run any number of times."""
    from . import themes

    cycle = Cycle.objects.select_related("framework").filter(pk=cycle_id).first()
    if cycle is None:
        return
    result = themes.themes(cycle)
    cycles = list(Cycle.objects.order_by("-starts_on")[:6])
    if result.areas:
        themes.trend(cycles, result.areas, result.areas[0][0])


def warm_themes_after_commit(cycle_id: int) -> None:
    from django.db import transaction

    transaction.on_commit(lambda: warm_themes.delay(cycle_id))
