from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedcrossConfig(AppConfig):
    name = "redcross"
    verbose_name = _("Platform")

    def ready(self):
        from redcross import lookups, principal  # noqa: F401 - lookups registers field__any

        principal.connect()
