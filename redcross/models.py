from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
