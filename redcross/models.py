from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from redcross.scoping import ScopedQuerySet


class IdempotencyRecord(models.Model):
    """The stored answer to a create sent with an `Idempotency-Key` header.

    The row is inserted before the work and locked while it runs, so a retry
    or a concurrent duplicate waits and then gets the first answer back.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, db_index=False)
    key = models.CharField(max_length=255)
    scope = models.CharField(max_length=200, help_text="The endpoint the key was used on.")
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "scope", "key"], name="one_answer_per_idempotency_key",
                                    nulls_distinct=False),
        ]

    def __str__(self):
        return f"{self.scope} {self.key}"


class PlatformPermission(models.Model):
    """Holds permissions that belong to no single model."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_history", _("Can read the change history of records")),
            ("manage_api_tokens", _("Can issue and revoke API tokens")),
        ]

    def __str__(self):
        return "platform permissions"


class ImportJob(models.Model):
    """A bulk import: validated in a Celery worker, written only when clean or when the user says so."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a worker")
        VALIDATING = "validating", _("Validating")
        NEEDS_DECISION = "needs_decision", _("Has bad rows: waiting for your decision")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired: no decision in time, the file was deleted")

    kind = models.CharField(_("what"), max_length=64)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               help_text=_("The uploader's region: the job is visible within it."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    import_good_rows = models.BooleanField(_("import the good rows"), default=False)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    good_rows = models.PositiveIntegerField(_("good rows"), default=0)
    bad_rows = models.PositiveIntegerField(_("bad rows"), default=0)
    imported_rows = models.PositiveIntegerField(_("imported rows"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    kind_labels: dict = {}  # {kind: label}, filled by redcross.imports.register (this module never imports it)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(good_rows__lte=models.F("total_rows")),
                                   name="import_good_rows_within_total"),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("portal:import_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        """What is imported, as staff call it (volunteers, people …), not the registry key."""
        return str(self.kind_labels.get(self.kind, self.kind))

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED, self.Status.EXPIRED)

    @property
    def decide_by(self):
        """A file waiting for a decision is kept until then; afterwards it is deleted (imports_expire)."""
        from datetime import timedelta

        return self.created_at + timedelta(hours=settings.IMPORT_DECISION_HOURS)


class Counter(models.Model):
    """Numbering without gaps: the row is locked and bumped inside the caller's transaction.

    If the transaction rolls back, so does the number, so a series (receipts per
    year, volunteer numbers per district and year) never skips or repeats.
    """

    key = models.CharField(max_length=100, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.key}={self.value}"


class Notification(models.Model):
    """The outbox: one row per (kind, key), so a reminder is never queued twice; the delivery worker sends it once.

    Tasks insert the row first (a unique key makes a retry a no-op).
    `redcross.delivery` claims queued rows (`SELECT … FOR UPDATE SKIP LOCKED`),
    marks them *sending*, stamps `handed_at` just before it talks to a gateway
    and marks *sent* after, so a row is handed to a gateway at most once: a row
    a dead worker claimed but never handed over goes back to the queue; one it
    handed over is marked *uncertain* and waits for a person, never resent by
    itself. A failure is retried with back-off; a channel that is not
    configured (the embedded default) *holds* the row, visible in the outbox.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")
        PORTAL = "portal", _("Portal")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Failed, will retry")
        FAILED = "failed", _("Failed, gave up")
        UNCERTAIN = "uncertain", _("Interrupted while sending: check before resending")
        HELD = "held", _("Held: channel not configured")
        SUPPRESSED = "suppressed", _("Not sent: recipient opted out")

    kind = models.CharField(max_length=64)
    key = models.CharField(max_length=200, help_text="What makes this reminder unique, e.g. the activity and person.")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.SMS)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", help_text="A staff recipient (digests, alerts).")
    subject = models.CharField(max_length=200, blank=True)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True, help_text="When it was handed to the gateway.")
    sent_via = models.CharField(_("sent via"), max_length=16, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_notification_per_key")]
        indexes = [
            models.Index(fields=["created_at"], name="notification_due_idx",
                         condition=models.Q(status__in=["queued", "retrying"])),
            models.Index(fields=["status", "created_at"], name="notification_status_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"

    @property
    def kind_label(self) -> str:
        """The kind in words for the outbox (its code is `<app>.<what>`, which staff should not have to read)."""
        from django.apps import apps

        app, _dot, what = self.kind.partition(".")
        try:
            app = apps.get_app_config(app).verbose_name
        except LookupError:
            pass
        return f"{app} · {what.replace('_', ' ')}" if what else str(app)


class NotificationPreference(models.Model):
    """A person's or staff user's channel for a kind of message (a prefix of its kind), or their opt-out."""

    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                               db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind_prefix = models.CharField(_("kind of message"), max_length=64, blank=True,
                                   help_text=_("Empty for every kind; e.g. volunteer. for all volunteer messages."))
    channel = models.CharField(_("channel"), max_length=16, choices=Notification.Channel.choices, blank=True)
    opted_out = models.BooleanField(_("no non-essential messages"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(condition=models.Q(person__isnull=False) ^ models.Q(user__isnull=False),
                                   name="preference_of_a_person_or_a_user"),
            models.UniqueConstraint(fields=["person", "user", "kind_prefix"], nulls_distinct=False,
                                    name="one_preference_per_recipient_kind"),
        ]

    def __str__(self):
        return f"{self.person_id or self.user_id} {self.kind_prefix or '*'}"


class DigestSubscription(models.Model):
    """A staff user's daily or weekly digest of what is due, overdue and changed in their area."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests", db_index=False)
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Notification.Channel.choices,
                               default=Notification.Channel.EMAIL)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "frequency"], name="one_digest_per_user_frequency")]

    def __str__(self):
        return f"{self.user_id} {self.frequency}"
class ApiToken(AbstractAuthToken):
    """An API key for a system (django-rest-knox): shown once, stored as a SHA-512 digest, named, expiring.

    Revoked and expired keys stay as the record of who held access when; authentication skips them.
    """

    history_exempt = ("Its own history: issue (issued_by, created), last use and revocation (revoked_at, revoked_by) "
                      "stay on the row, which is never deleted; events would copy the digests.")

    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is for, e.g. the calling system."))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT,
                                  related_name="+")
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=models.Q(expiry__isnull=False), name="api_token_expires"),
        ]

    def __str__(self):
        return f"{self.name} ({self.token_key}…)"

    @property
    def active(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expiry is not None and self.expiry > timezone.now()


class TotalsCheck(models.Model):
    """One run of the nightly totals check (redcross.totals): which figures drifted from their recomputation."""

    started_at = models.DateTimeField(_("started at"))
    seconds = models.FloatField(_("seconds"))
    checks = models.JSONField(_("checks run"), default=list)
    drift_count = models.PositiveIntegerField(_("figures drifted"), default=0)
    drift = models.JSONField(_("drift"), default=list, help_text=_("Figure, key, kept and recomputed value."))
    failed = models.JSONField(_("checks failed"), default=list)

    history_exempt = "A record of a check, written once by the nightly task and never edited."

    class Meta:
        verbose_name = _("totals check")
        verbose_name_plural = _("totals checks")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} · {self.drift_count}"

    @property
    def clean(self) -> bool:
        return not self.drift_count and not self.failed
