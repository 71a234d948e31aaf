"""Dues reminders and lapses: thin and idempotent, scheduled by beat."""

from celery import shared_task

from members import services


@shared_task(name="members.tasks.dues_check", acks_late=True, ignore_result=True)
def dues_check():
    """Reminders before the grace period ends (once each) and lapses after it."""
    return services.dues_check()
