"""Reminders, each sent once (redcross.notifications), scheduled by beat; one-liners calling a service."""

from celery import shared_task

from volunteers import services


@shared_task(name="volunteers.tasks.remind_activity_tomorrow", acks_late=True, ignore_result=True)
def remind_activity_tomorrow():
    return services.reminders_activity_tomorrow()


@shared_task(name="volunteers.tasks.remind_insurance_expiring", acks_late=True, ignore_result=True)
def remind_insurance_expiring(days=14):
    return services.reminders_insurance_expiring(days=days)


@shared_task(name="volunteers.tasks.remind_star_reached", acks_late=True, ignore_result=True)
def remind_star_reached(volunteer_id, stars):
    return services.reminder_star_reached(volunteer_id=volunteer_id, stars=stars)


@shared_task(name="volunteers.tasks.remind_inactive", acks_late=True, ignore_result=True)
def remind_inactive(months=6):
    return services.reminders_inactive(months=months)


@shared_task(name="volunteers.tasks.offer_registration", acks_late=True, ignore_result=True)
def offer_registration():
    """Signed-up volunteers with 20 hours in a year are offered registration as Red Cross volunteers."""
    return services.reminders_registration_due()
