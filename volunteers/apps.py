from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from redcross.todo import register
        from volunteers import importers  # noqa: F401 - registers the volunteer import
        from volunteers.selectors import todos

        register(todos)

        import re

        from redcross.verification import Verifier
        from redcross.verification import register as register_verifier
        from volunteers.selectors import certificate_verified

        register_verifier(Verifier("volunteer-certificate", _("Volunteer service certificate"),
                                   matches=re.compile(r"ZYZ\d{11}").fullmatch, find=certificate_verified))
