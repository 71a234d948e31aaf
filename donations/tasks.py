"""Disclosures published on schedule by beat; a one-liner calling the service (one disclosure per period)."""

from celery import shared_task

from donations import services


@shared_task(name="donations.tasks.publish_due_disclosures", acks_late=True, ignore_result=True)
def publish_due_disclosures():
    return services.disclosures_publish_due()
