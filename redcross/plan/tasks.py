"""Thin and idempotent: beat takes the snapshot daily, and the recomputations trigger one after them."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from redcross.plan import services


@shared_task(name="plan.tasks.snapshots_take", acks_late=True, ignore_result=True)
def snapshots_take(day: str | None = None):
    """Today's figures (replaced by each run) or, with `day`, a missing past day (written once)."""
    return services.snapshots_take(day=date.fromisoformat(day) if day else None)


@shared_task(name="plan.tasks.snapshots_close_yesterday", acks_late=True, ignore_result=True)
def snapshots_close_yesterday():
    """Just after midnight: make sure yesterday has its rows (a day without any run is filled in once)."""
    return services.snapshots_take(day=timezone.localdate() - timedelta(days=1))
