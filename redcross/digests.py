"""Staff digests: daily or weekly, what is due, overdue and behind in the subscriber's area.

Apps add a section with `register_section(callable)`; a section is
`section(user, since) -> (title, [line, ...])` and returns no lines when it has nothing to say.
The plumbing never imports an app: the apps call this module.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.models import DigestSubscription, Notification, NotificationPreference
from redcross.notifications import notify_once

_sections: list = []


def register_section(section):
    if section not in _sections:
        _sections.append(section)
    return section


def _plan_section(user, since):
    from redcross import targets as registry
    from redcross.plan import selectors

    region = selectors.home_region_code(user)
    day = selectors.latest_day()
    if region is None or day is None:
        return _("Plan targets"), []
    lines = []
    for row in selectors.target_rows(region_code=region, day=day, targets=registry.all_targets()):
        if row["status"] in ("behind", "near"):
            lines.append(f"{row['target'].title}: {row['value'] if row['value'] is not None else '—'} / "
                         f"{row['line']}")
    return _("Plan targets behind their line"), lines


register_section(_plan_section)


def digest_text(user, *, since) -> str:
    parts = []
    for section in _sections:
        title, lines = section(user, since)
        if lines:
            parts.append(f"【{title}】\n" + "\n".join(f"· {line}" for line in lines))
    return "\n\n".join(parts) or _("Nothing is due, overdue or behind in your area.")


def digests_send(*, frequency: str, today=None) -> int:
    """Queue one digest per active subscription for this period (once each: the key names the period)."""
    today = today or timezone.localdate()
    days = 1 if frequency == DigestSubscription.Frequency.DAILY else 7
    period = today.isoformat() if days == 1 else f"{today.isocalendar().year}-W{today.isocalendar().week:02d}"
    since = timezone.now() - timedelta(days=days)
    queued = 0
    subscriptions = DigestSubscription.objects.filter(frequency=frequency, is_active=True).select_related("user")
    for subscription in subscriptions:
        user = subscription.user
        queued += notify_once(
            kind=f"digest.{frequency}", key=f"{user.pk}:{period}", user=user,
            channel=subscription.channel or Notification.Channel.EMAIL,
            subject=_("Chengdu Red Cross digest %(period)s") % {"period": period},
            message=digest_text(user, since=since))
    return queued


@transaction.atomic
@transaction.atomic
def notification_settings_save(*, actor, digests, channel: str, opted_out: bool) -> None:
    """A staff user's own settings (the actor's): which digests, on which channel, and opting out of
    non-essential messages. Every wrong choice is named at once."""
    errors = {}
    if channel not in (Notification.Channel.EMAIL, Notification.Channel.PORTAL):
        errors["channel"] = [_("Channel: choose e-mail or the portal.")]
    elif channel == Notification.Channel.EMAIL and digests and not actor.email:
        errors["channel"] = [_("Channel: your account has no e-mail address; choose the portal.")]
    if any(d not in DigestSubscription.Frequency.values for d in digests):
        errors["digest"] = [_("Digest: choose daily or weekly.")]
    if errors:
        raise ValidationError(errors)
    for frequency in DigestSubscription.Frequency.values:
        DigestSubscription.objects.update_or_create(
            user=actor, frequency=frequency, defaults={"is_active": frequency in digests, "channel": channel})
    NotificationPreference.objects.update_or_create(
        user=actor, person=None, kind_prefix="", defaults={"opted_out": opted_out, "channel": channel})
