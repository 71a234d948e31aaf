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
        import re

        from redcross import todo, totals, verification
        from volunteers.selectors import certificate_verified, todos, totals_drift

        totals.register("volunteers", totals_drift)

        todo.register(todos)
        verification.register(verification.Verifier(
            "volunteer-certificate", _("Volunteer service certificate"), matches=re.compile(r"ZYZ\d{11}").fullmatch,
            find=certificate_verified))
