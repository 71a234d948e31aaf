from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("First-aid training")

    def ready(self):
        import re

        from redcross.verification import Verifier, register
        from training import importers  # noqa: F401 - registers the group enrolment import
        from training.selectors import certificate_verified

        register(Verifier("first-aid-certificate", _("First-aid certificate"),
                          matches=re.compile(r"5\d{5}20\d{8}").fullmatch, find=certificate_verified))
