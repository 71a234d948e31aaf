from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People registry")

    def ready(self):
        from people import importers  # noqa: F401 - registers the people import
        from people.crypto import mobile_of
        from redcross.delivery import register_address
        from redcross.models import Notification

        register_address(Notification.Channel.SMS, mobile_of)
