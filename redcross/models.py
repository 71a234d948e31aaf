from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redcross.scoping import ScopedQuerySet


class IdempotencyRecord(models.Model):
    """The stored answer to a create sent with an `Idempotency-Key` header.

    The row is inserted before the work and locked while it runs, so a retry
    or a concurrent duplicate waits and then gets the first answer back.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
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
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)


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
    """The outbox of reminders: one row per (kind, key), so a reminder is never sent twice.

    Tasks insert the row first (a unique key makes a retry a no-op) and a
    delivery adapter (SMS gateway, WeChat template message) sends pending rows.
    With no gateway configured the row stays as the record of what was due.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        PORTAL = "portal", _("Portal")

    kind = models.CharField(max_length=64)
    key = models.CharField(max_length=200, help_text="What makes this reminder unique, e.g. the activity and person.")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.SMS)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_notification_per_key")]

    def __str__(self):
        return f"{self.kind} {self.key}"
