from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from volunteers import importers  # noqa: F401 - registers the volunteer import
        from organizations import hooks
        from volunteers import selectors

        hooks.register_activity_source("volunteers.activities", selectors.activity_region_codes)
