"""Thin, idempotent tasks scheduled by beat (and the rate refresh queued after each visit)."""

from celery import shared_task

from followups import services


@shared_task(name="followups.tasks.plans_generate", acks_late=True, ignore_result=True)
def plans_generate(year=None, period="year"):
    return services.plans_generate_due(year=year, period=period)


@shared_task(name="followups.tasks.reminders_send", acks_late=True, ignore_result=True)
def reminders_send():
    return services.reminders_send()


@shared_task(name="followups.tasks.issues_escalate", acks_late=True, ignore_result=True)
def issues_escalate():
    return services.issues_escalate()


@shared_task(name="followups.tasks.bulletins_draft", acks_late=True, ignore_result=True)
def bulletins_draft():
    return services.bulletins_draft_monthly()


@shared_task(name="followups.tasks.rates_recompute", acks_late=True, ignore_result=True)
def rates_recompute(year=None, district=None):
    return services.rates_recompute(year=year, district=district)
