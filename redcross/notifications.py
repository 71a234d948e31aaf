"""Reminders that go out once: the outbox row is the proof of sending and the guard against twice."""

from django.db import IntegrityError, transaction

from redcross.models import Notification


def notify_once(*, kind: str, key: str, message: str, person=None, channel=Notification.Channel.SMS,
                user=None, subject: str = "") -> bool:
    """Queue a reminder unless one with the same kind and key exists. True when queued now.

    Safe under a retried task and under two workers racing: the unique
    (kind, key) index lets exactly one insert through.
    """
    try:
        with transaction.atomic():
            Notification.objects.create(kind=kind, key=key, message=message, person=person, channel=channel,
                                        user=user, subject=subject[:200])
    except IntegrityError:
        return False
    return True
