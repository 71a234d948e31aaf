"""Readiness, alert notices and stock reminders; thin and idempotent, scheduled by beat or queued on commit."""

from celery import shared_task

from emergency import services


@shared_task(name="emergency.tasks.readiness_recompute", acks_late=True, ignore_result=True)
def readiness_recompute_task(team_ids=None):
    """Some teams after their inputs changed, or every team (nightly)."""
    return services.readiness_recompute(team_ids=team_ids)


@shared_task(name="emergency.tasks.alert_notify", acks_late=True, ignore_result=True)
def alert_notify_task(alert_id):
    return services.alert_notify(alert_id=alert_id)


@shared_task(name="emergency.tasks.stock_reminders", acks_late=True, ignore_result=True)
def stock_reminders_task():
    return services.stock_reminders()
