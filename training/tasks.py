"""Reminders sent once (redcross.notifications) and coverage progress; thin and idempotent, scheduled by beat."""

from celery import shared_task
from django.utils.translation import gettext as _

from redcross.notifications import notify_once
from training import services
from training.models import Certificate


@shared_task(name="training.tasks.remind_certificates_expiring", acks_late=True, ignore_result=True)
def remind_certificates_expiring():
    """90 and 30 days before expiry (a setting), once each; a renewed certificate is not reminded."""
    sent = 0
    for days, first, last in services.reminder_due_days():
        expiring = (Certificate.objects.filter(renewed_by__isnull=True, expires_on__gte=first, expires_on__lte=last)
                    .select_related("person", "course"))
        for certificate in expiring.iterator(chunk_size=2000):
            message = _("Your %(course)s certificate %(number)s expires on %(date)s. Book a retraining session to "
                        "renew it.") % {"course": certificate.course.name, "number": certificate.number,
                                        "date": certificate.expires_on.isoformat()}
            sent += notify_once(kind=f"training.certificate_expiring_{days}", key=str(certificate.pk),
                                person=certificate.person, message=message)
    return sent


@shared_task(name="training.tasks.targets_recompute", acks_late=True, ignore_result=True)
def targets_recompute():
    return services.targets_recompute()
