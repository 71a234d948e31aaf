import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _

from redcross.scoping import ScopedQuerySet, prefix_index


class TargetSnapshot(models.Model):
    """One target's figure for one region on one day, computed by the worker from operational data.

    Immutable once its day is over: a database trigger refuses to change or
    delete a row of a past day, so a figure a board meeting saw stays as it
    was, whatever data arrives later. Today's row is replaced by each run.
    """

    target = models.CharField(_("target"), max_length=64)
    region = models.ForeignKey("organizations.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+", db_index=False)
    day = models.DateField(_("day"))
    numerator = models.DecimalField(_("numerator"), max_digits=16, decimal_places=2)
    denominator = models.DecimalField(_("denominator"), max_digits=16, decimal_places=2)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    target_value = models.DecimalField(_("target line"), max_digits=16, decimal_places=2)
    computed_at = models.DateTimeField(_("computed at"))

    objects = ScopedQuerySet.as_manager()
    scope_region_lookup = "region__code"
    history_exempt = ("Immutable by trigger once its day is over and computed from tracked records, never typed "
                      "in: the snapshots are themselves the history of each figure.")

    class Meta:
        verbose_name = _("target snapshot")
        verbose_name_plural = _("target snapshots")
        ordering = ["target", "region_id", "day"]
        indexes = [
            prefix_index("region", "snapshot_region_prefix_idx"),
            models.Index(fields=["target", "day"], name="snapshot_target_day_idx"),
            models.Index(fields=["region", "day"], name="snapshot_region_day_idx"),
            # The latest run (day, then time): one index probe keys the board's cache.
            models.Index(fields=["-day", "-computed_at"], name="snapshot_latest_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["target", "region", "day"], name="one_snapshot_per_target_region_day"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="snapshot_past_days_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Condition("OLD.day < (now() AT TIME ZONE 'Asia/Shanghai')::date"),
            ),
        ]

    def __str__(self):
        return f"{self.target} {self.region_id} {self.day}"
