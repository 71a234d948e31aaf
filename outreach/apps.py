from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Humanitarian culture and community care")

    def ready(self):
        from organizations import hooks
        from outreach import importers, selectors, targets  # noqa: F401 - registers the imports and plan targets

        hooks.register_coverage_source("outreach.culture", selectors.coverage_figures)
