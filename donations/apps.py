from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations and transparency")

    def ready(self):
        from donations import importers  # noqa: F401 - registers the donations import
