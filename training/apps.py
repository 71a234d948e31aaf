from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("First-aid training")

    def ready(self):
        from training import importers  # noqa: F401 - registers the group enrolment import
        from organizations import hooks
        from training import selectors

        hooks.register_certificate_source(valid_numbers=selectors.certificate_numbers_valid,
                                          holders_by_region=selectors.certificate_holders_by_region)
        hooks.register_activity_source("training.sessions", selectors.activity_region_codes)
