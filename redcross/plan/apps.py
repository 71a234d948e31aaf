from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    """The plan board: daily snapshots of every registered target (redcross.targets), the board, its API."""

    name = "redcross.plan"
    label = "plan"
    verbose_name = _("Plan targets")

    def ready(self):
        from redcross.plan import signals  # noqa: F401 - snapshots after the recomputations
