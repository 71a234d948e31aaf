from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("First-aid training")

    def ready(self):
        from organizations import hooks
        from training import importers  # noqa: F401 - registers the group enrolment import
        from training.selectors import (
            activity_region_codes,
            certificate_holders_by_region,
            certificate_numbers_valid,
        )

        hooks.register_certificate_source(valid_numbers=certificate_numbers_valid,
                                          holders_by_region=certificate_holders_by_region)
        hooks.register_activity_source("training.sessions", activity_region_codes)
