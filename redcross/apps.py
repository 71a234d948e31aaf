from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedcrossConfig(AppConfig):
    name = "redcross"
    verbose_name = _("Platform")

    def ready(self):
        from redcross import principal

        principal.connect()
