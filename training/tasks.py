"""Reminders sent once and coverage progress, scheduled by beat; one-liners calling a service."""

from celery import shared_task

from training import services


@shared_task(name="training.tasks.remind_certificates_expiring", acks_late=True, ignore_result=True)
def remind_certificates_expiring():
    """90 and 30 days before expiry (a setting), once each; a renewed certificate is not reminded."""
    return services.certificates_remind_expiring()


@shared_task(name="training.tasks.targets_recompute", acks_late=True, ignore_result=True)
def targets_recompute():
    return services.targets_recompute()
