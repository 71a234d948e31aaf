from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from organizations import hooks
        from volunteers import importers  # noqa: F401 - registers the volunteer import
        from volunteers.selectors import activity_region_codes

        hooks.register_activity_source("volunteers.activities", activity_region_codes)
