"""The delivery worker: every queued notification handed to its channel at most once, failures retried.

A row moves queued → sending → sent. The claim (`SELECT … FOR UPDATE SKIP
LOCKED`, then `status = sending`) commits before any gateway is called, so two
workers never take the same row, and a retried task finds the row no longer
queued. `handed_at` is committed just before the gateway call. A worker killed
after the claim leaves rows *sending*; after `DELIVERY_CLAIM_TIMEOUT` those it
never handed over go back to the queue, and the one it was handing over becomes
*uncertain* — shown in the portal outbox for a person to check and resend —
and is never sent again by itself.
A gateway that answers with an error puts the row back as *retrying* with
exponential back-off, up to `DELIVERY_MAX_ATTEMPTS`, then *failed*.

Channels: e-mail through Django's mail backend (`NOTIFY_EMAIL_ENABLED`), SMS
through the adapter named by `SMS_BACKEND` (empty: disabled), the portal
outbox itself. A channel that is off *holds* its rows (still visible).
"""

from __future__ import annotations

import json
import logging
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from redcross.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)
Status = Notification.Status
Channel = Notification.Channel


class DeliveryError(Exception):
    """The gateway refused or could not be reached: worth retrying."""


# --- channel adapters -------------------------------------------------------------------------

class HttpSmsGateway:
    """A JSON-over-HTTPS SMS provider: POST {"to", "text"} to `SMS_GATEWAY_URL` with a bearer token."""

    def __init__(self):
        self.url = settings.SMS_GATEWAY_URL
        self.token = settings.SMS_GATEWAY_TOKEN
        self.sender = settings.SMS_SENDER

    def send(self, *, to: str, text: str, reference: str) -> None:
        body = json.dumps({"to": to, "text": text, "sender": self.sender, "reference": reference}).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {self.token}",
            "Idempotency-Key": reference})
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 - configured URL
                if response.status >= 300:
                    raise DeliveryError(f"SMS gateway answered {response.status}")
        except OSError as error:
            raise DeliveryError(f"SMS gateway: {error}") from error


def sms_gateway():
    path = settings.SMS_BACKEND
    return import_string(path)() if path else None


# --- choosing the channel ---------------------------------------------------------------------

def is_essential(kind: str) -> bool:
    return not any(kind.startswith(prefix) for prefix in settings.REDCROSS["NON_ESSENTIAL_NOTIFICATIONS"])


def preferences_for(rows):
    """{(person id or None, user id or None): [preference, ...]} longest kind prefix first: one query."""
    people = {r.person_id for r in rows if r.person_id}
    users = {r.user_id for r in rows if r.user_id}
    found: dict = {}
    if people or users:
        for pref in NotificationPreference.objects.filter(Q(person_id__in=people) | Q(user_id__in=users)):
            found.setdefault((pref.person_id, pref.user_id), []).append(pref)
    for prefs in found.values():
        prefs.sort(key=lambda p: len(p.kind_prefix), reverse=True)
    return found


def choose(notification, prefs):
    """(channel, opted out) for one row: the most specific preference for its kind, else the row's channel."""
    channel, opted_out = notification.channel, False
    for pref in prefs:
        if notification.kind.startswith(pref.kind_prefix):
            channel = pref.channel or channel
            opted_out = pref.opted_out
            break
    return channel, opted_out


# --- the worker -------------------------------------------------------------------------------

def release_stale_claims(now=None) -> int:
    """Rows a dead worker left *sending*: back to the queue when never handed to a gateway, else uncertain."""
    now = now or timezone.now()
    stale = Notification.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - timedelta(seconds=settings.DELIVERY_CLAIM_TIMEOUT))
    requeued = stale.filter(handed_at__isnull=True).update(status=Status.QUEUED, claimed_at=None)
    uncertain = stale.filter(handed_at__isnull=False).update(
        status=Status.UNCERTAIN, last_error="The worker stopped while sending; it may or may not have gone out.")
    return requeued + uncertain


def claim(limit: int, now=None) -> list[Notification]:
    """Take up to `limit` due rows no other worker holds and mark them sending, in one short transaction;
    returns them with their recipients."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(Notification.objects.select_for_update(skip_locked=True)
                   .filter(Q(status=Status.QUEUED) | Q(status=Status.RETRYING, next_attempt_at__lte=now))
                   .order_by("created_at", "id").values_list("pk", flat=True)[:limit])
        if ids:
            Notification.objects.filter(pk__in=ids).update(status=Status.SENDING, claimed_at=now, handed_at=None,
                                                           attempts=F("attempts") + 1)
    if not ids:
        return []
    return list(Notification.objects.select_related("person", "user").filter(pk__in=ids).order_by("created_at", "id"))


def backoff(attempts: int) -> timedelta:
    base = settings.DELIVERY_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 6 * 3600))


# channel -> address(person): how a channel reaches a registered person, told by the app that keeps the address
# (people registers the SMS one in its ready(): the plumbing never reads the people registry itself).
PERSON_ADDRESSES = {}


def register_address(channel, lookup):
    PERSON_ADDRESSES[channel] = lookup


def _address(notification, channel):
    if channel == Channel.EMAIL:
        return (notification.user.email if notification.user_id else "") or ""
    lookup = PERSON_ADDRESSES.get(channel)
    if lookup is not None and notification.person_id:
        return lookup(notification.person)
    return ""


def _send(notification, channel, address, gateway):
    if channel == Channel.EMAIL:
        EmailMessage(subject=notification.subject or settings.REDCROSS["NOTIFICATION_SUBJECT"],
                     body=notification.message, to=[address],
                     headers={"Message-ID": f"<notification-{notification.pk}@{settings.DELIVERY_MAIL_DOMAIN}>"},
                     ).send(fail_silently=False)
    else:
        gateway.send(to=address, text=notification.message, reference=f"notification-{notification.pk}")


def deliver_one(notification, prefs, gateway) -> str:
    channel, opted_out = choose(notification, prefs)
    now = timezone.now()
    outcome = {"sent_via": channel, "last_error": ""}
    if opted_out and not is_essential(notification.kind):
        outcome["status"] = Status.SUPPRESSED
    elif channel == Channel.PORTAL:
        outcome["status"] = Status.HELD
    elif (channel == Channel.EMAIL and not settings.NOTIFY_EMAIL_ENABLED) or (
            channel == Channel.SMS and gateway is None):
        outcome["status"] = Status.HELD
    else:
        address = _address(notification, channel)
        if not address:
            outcome.update(status=Status.FAILED, last_error="No address for this channel.")
        else:
            # Committed before the gateway call: if this worker dies now, the row is never sent again by itself.
            Notification.objects.filter(pk=notification.pk).update(handed_at=timezone.now())
            try:
                _send(notification, channel, address, gateway)
                outcome.update(status=Status.SENT, sent_at=now)
            except Exception as error:  # any gateway failure is retried, never lost
                logger.warning("notification %s: %s", notification.pk, error)
                gave_up = notification.attempts >= settings.DELIVERY_MAX_ATTEMPTS
                outcome.update(status=Status.FAILED if gave_up else Status.RETRYING, last_error=str(error)[:2000],
                               next_attempt_at=None if gave_up else now + backoff(notification.attempts))
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(**outcome)
    return outcome["status"]


def deliver_due(*, batch: int = 100, budget_seconds: float = 50.0) -> dict[str, int]:
    """Deliver due rows in batches until none is left or the time budget is spent: {status: count}."""
    started = timezone.now()
    release_stale_claims()
    gateway = sms_gateway()
    counts: dict[str, int] = {}
    while (timezone.now() - started).total_seconds() < budget_seconds:
        rows = claim(batch)
        if not rows:
            break
        prefs = preferences_for(rows)
        for row in rows:
            status = deliver_one(row, prefs.get((row.person_id, row.user_id), []), gateway)
            counts[status] = counts.get(status, 0) + 1
    return counts


def notification_requeue(*, notification: Notification, actor) -> Notification:
    """A person checked an uncertain, failed or held row and sends it again (once more)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    with transaction.atomic():
        current = Notification.objects.select_for_update().get(pk=notification.pk)
        if current.status not in (Status.UNCERTAIN, Status.FAILED, Status.HELD):
            raise ValidationError({"status": _("Status: only an uncertain, failed or held message can be sent "
                                               "again.")})
        current.status, current.next_attempt_at, current.claimed_at, current.handed_at = Status.QUEUED, None, None, None
        current.save(update_fields=["status", "next_attempt_at", "claimed_at", "handed_at"])
    logger.info("notification %s queued again by %s", current.pk, getattr(actor, "pk", None))
    return current
