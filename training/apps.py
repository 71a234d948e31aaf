from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("First-aid training")

    def ready(self):
        from training import importers  # noqa: F401 - registers the group enrolment import
